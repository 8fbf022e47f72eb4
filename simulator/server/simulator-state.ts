import { writeActivityReport } from "../activity-report";
import { AuthState } from "../auth/auth-state";
import type { SimHistory } from "../history/types";
import type { SimulatedUser } from "../users";
import { ControlState } from "./controls";
import { buildDataset, type Dataset, generateUserHistory } from "./dataset";

/** Everything one running simulator holds; histories are generated on first use and cached. */
export class SimulatorState {
  readonly auth: AuthState;
  readonly controls = new ControlState();
  private readonly histories = new Map<string, SimHistory>();
  private readonly datasets = new Map<string, Dataset>();

  constructor(
    readonly options: {
      seed: number;
      now: string;
      users: readonly SimulatedUser[];
      clock: () => number;
      tokenLifetimeSeconds: number;
      publicUrl: string | undefined;
    },
  ) {
    this.auth = new AuthState({
      clock: options.clock,
      tokenLifetimeSeconds: options.tokenLifetimeSeconds,
      users: options.users,
    });
  }

  user(username: string): SimulatedUser {
    const user = this.auth.findUser(username);
    if (!user) throw new Error(`no simulated user ${username}`);
    return user;
  }

  history(username: string): SimHistory {
    const user = this.user(username);
    const key = user.username.toLowerCase();
    let history = this.histories.get(key);
    if (!history) {
      history = generateUserHistory(user, { seed: this.options.seed, now: this.options.now });
      this.histories.set(key, history);
    }
    return history;
  }

  /** Payloads for one user as seen through one base URL (links in them are absolute). */
  dataset(username: string, baseUrl: string): Dataset {
    const key = `${username.toLowerCase()}|${baseUrl}`;
    let dataset = this.datasets.get(key);
    if (!dataset) {
      dataset = buildDataset(this.history(username), baseUrl);
      this.datasets.set(key, dataset);
    }
    return dataset;
  }

  activityReport(username: string): string {
    return writeActivityReport(this.history(username));
  }
}
