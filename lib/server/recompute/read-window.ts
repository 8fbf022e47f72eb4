import "server-only";
import type { ExecutionColumnsBuilder } from "./execution-columns";
import type { FlatCut } from "./flat-cuts";
import { InputSnapshotRecorder } from "./input-snapshot";

/**
 * What the read keeps of each underlying: from the cuts and saved inputs, each underlying's inputs
 * dated before its own day are final (the read, from the earliest day, brought some of them); the
 * last trading date of its inputs; the newest change among them (epoch milliseconds); the recorder of
 * its inputs dated before the record's day, when read whole (`pnlInputOfRows`). A class rather than
 * closures made per recompute: code that calls such a closure is compiled again every recompute.
 */
export class ReadWindow {
  readonly lastDays = new Map<string, string>();
  readonly recorders = new Map<string, InputSnapshotRecorder>();
  private readonly recorded: ReturnType<ExecutionColumnsBuilder["recordedFillSource"]> | null;

  constructor(
    private readonly readFrom: ReadonlyMap<string, string>,
    private readonly cuts: ReadonlyMap<string, FlatCut>,
    public watermarkMs: number,
    private readonly record: { beforeDay: string } | undefined,
    columns: ExecutionColumnsBuilder,
  ) {
    this.recorded = record === undefined ? null : columns.recordedFillSource();
  }

  /** Whether an input of `underlying` dated `date` is read (not before its cut or saved input). */
  afterCut(underlying: string, date: string): boolean {
    // A replay without cuts (most) skips the lookup, once per fill.
    const from = this.readFrom.size === 0 ? undefined : this.readFrom.get(underlying);
    return from === undefined || date >= from;
  }

  expiredBeforeCut(underlying: string, expiration: string): boolean {
    const cut = this.cuts.size === 0 ? undefined : this.cuts.get(underlying);
    return cut !== undefined && expiration < cut.day;
  }

  last(underlying: string, date: string): void {
    const known = this.lastDays.get(underlying);
    if (known === undefined || date > known) this.lastDays.set(underlying, date);
  }

  seen(ms: number): void {
    if (ms > this.watermarkMs) this.watermarkMs = ms;
  }

  recorderOf(underlying: string, date: string): InputSnapshotRecorder | undefined {
    const { record, recorded } = this;
    if (
      record === undefined ||
      recorded === null ||
      date >= record.beforeDay ||
      this.readFrom.has(underlying)
    )
      return undefined;
    let recorder = this.recorders.get(underlying);
    if (recorder === undefined) {
      recorder = new InputSnapshotRecorder(record.beforeDay, recorded);
      this.recorders.set(underlying, recorder);
    }
    return recorder;
  }
}
