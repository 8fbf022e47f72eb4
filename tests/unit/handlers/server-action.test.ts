import { beforeEach, describe, expect, it, vi } from "vitest";
import { z } from "zod";

const session = vi.hoisted(() => ({ user: null as { id: string; robinhoodUserId: string } | null }));
const logged = vi.hoisted(() => ({ error: [] as unknown[][], debug: [] as unknown[][] }));

vi.mock("@/lib/server/auth/require-user", async (original) => ({
  ...(await original<typeof import("@/lib/server/auth/require-user")>()),
  getSessionUser: async () => session.user,
}));
vi.mock("@/lib/server/logger", () => ({
  logger: {
    error: (...args: unknown[]) => logged.error.push(args),
    debug: (...args: unknown[]) => logged.debug.push(args),
  },
}));

const { redirect } = await import("next/navigation");
const { AppError } = await import("@/lib/errors/app-error");
const { RobinhoodError } = await import("@/lib/robinhood/client");
const { serverAction } = await import("@/lib/server/handlers/server-action");
const { HANDLER_KIND } = await import("@/lib/server/handlers/session");

type State = { message: string };
const USER = { id: "1b9d6bcd-bbfd-4b2d-9b5d-ab8dfbbd4bed", robinhoodUserId: "rh-1" };

function form(fields: Record<string, string>): FormData {
  const data = new FormData();
  for (const [name, value] of Object.entries(fields)) data.set(name, value);
  return data;
}

beforeEach(() => {
  session.user = USER;
  logged.error.length = 0;
  logged.debug.length = 0;
});

describe("serverAction", () => {
  const echo = serverAction({
    name: "test.echo",
    session: "required",
    input: z.object({ confirm: z.literal("yes", { error: "Tick the box to confirm." }) }),
    failure: (message): State => ({ message }),
    run: async ({ user, input }) => ({ message: `${user.robinhoodUserId} said ${input.confirm}` }),
  });

  it("passes the session's user and the parsed form to the domain call", async () => {
    expect(await echo({ message: "" }, form({ confirm: "yes" }))).toEqual({ message: "rh-1 said yes" });
    expect(await echo(form({ confirm: "yes" }))).toEqual({ message: "rh-1 said yes" });
  });

  it("without a session, says the session ended and never runs the call", async () => {
    session.user = null;
    const run = vi.fn();
    const action = serverAction({ name: "t", session: "required", failure: (message) => message, run });
    expect(await action(form({}))).toBe("Your session ended. Sign in again.");
    expect(run).not.toHaveBeenCalled();
  });

  it("an optional session passes null instead of refusing", async () => {
    session.user = null;
    const action = serverAction({
      name: "t",
      session: "optional",
      failure: (message) => message,
      run: async ({ user }) => (user === null ? "nobody" : "somebody"),
    });
    expect(await action()).toBe("nobody");
  });

  it("bad input says the schema's first message and runs nothing", async () => {
    expect(await echo({ message: "" }, form({ confirm: "no" }))).toEqual({
      message: "Tick the box to confirm.",
    });
    expect(logged.error).toEqual([]);
  });

  it("a domain AppError says its user message; a form may word a code its own way", async () => {
    const action = serverAction({
      name: "t",
      session: "required",
      messages: { unauthorized: "Sign in again to do that." },
      failure: (message): State => ({ message }),
      run: async () => {
        throw new RobinhoodError({ code: "network_error", message: "GET /user/: ECONNREFUSED" });
      },
    });
    expect(await action(form({}))).toEqual({
      message: "Robinhood could not be reached. Check the connection and try again.",
    });
    session.user = null;
    expect(await action(form({}))).toEqual({ message: "Sign in again to do that." });
  });

  it("anything else says the fallback, leaks nothing, and is logged with its cause", async () => {
    const action = serverAction({
      name: "test.boom",
      session: "none",
      fallback: "It could not be done.",
      failure: (message, error): State & { code: string } => ({ message, code: error.code }),
      run: async () => {
        throw new Error("relation users does not exist; password=hunter2");
      },
    });
    const state = await action(form({}));
    expect(state).toEqual({ message: "It could not be done.", code: "internal" });
    expect(logged.error).toHaveLength(1);
    expect(JSON.stringify(logged.error[0])).toContain("relation users does not exist");
  });

  it("lets Next's redirect through", async () => {
    const action = serverAction({
      name: "t",
      session: "none",
      failure: (message) => message,
      run: async () => redirect("/elsewhere"),
    });
    await expect(action(form({}))).rejects.toMatchObject({ digest: expect.stringContaining("/elsewhere") });
  });

  it("brands what it builds, so the architecture test can tell", () => {
    expect((echo as unknown as Record<symbol, unknown>)[HANDLER_KIND]).toBe("server-action");
    expect(new AppError("internal").responseStatus).toBe(500);
  });
});
