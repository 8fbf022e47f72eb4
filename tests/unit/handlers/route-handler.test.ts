import { beforeEach, describe, expect, it, vi } from "vitest";
import { z } from "zod";

const session = vi.hoisted(() => ({ user: null as { id: string; robinhoodUserId: string } | null }));
const logged = vi.hoisted(() => ({ error: [] as unknown[][] }));

vi.mock("@/lib/server/auth/require-user", async (original) => ({
  ...(await original<typeof import("@/lib/server/auth/require-user")>()),
  getSessionUser: async () => session.user,
}));
vi.mock("@/lib/server/logger", () => ({
  logger: { error: (...args: unknown[]) => logged.error.push(args), debug: () => undefined },
}));

const { AppError } = await import("@/lib/errors/app-error");
const { routeHandler } = await import("@/lib/server/handlers/route-handler");

const USER = { id: "1b9d6bcd-bbfd-4b2d-9b5d-ab8dfbbd4bed", robinhoodUserId: "rh-1" };

beforeEach(() => {
  session.user = USER;
  logged.error.length = 0;
});

describe("routeHandler", () => {
  const items = routeHandler({
    name: "test.items",
    session: "required",
    query: z.object({ limit: z.coerce.number().int().min(1).max(100) }),
    run: async ({ user, query }) => Response.json({ user: user.robinhoodUserId, limit: query.limit }),
  });

  it("passes the user and the parsed search parameters", async () => {
    const response = await items(new Request("http://rollbook.test/api/items?limit=5"));
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({ user: "rh-1", limit: 5 });
  });

  it("answers 401 without a session", async () => {
    session.user = null;
    const response = await items(new Request("http://rollbook.test/api/items?limit=5"));
    expect(response.status).toBe(401);
    expect(await response.json()).toEqual({
      error: "unauthorized",
      message: "Your session ended. Sign in again.",
    });
  });

  it("answers 400 naming each bad field, without echoing the input", async () => {
    const response = await items(new Request("http://rollbook.test/api/items?limit=secret-value"));
    expect(response.status).toBe(400);
    const body = await response.json();
    expect(body).toMatchObject({ error: "invalid_input", issues: [{ path: "limit" }] });
    expect(JSON.stringify(body)).not.toContain("secret-value");
  });

  it("parses a JSON body and refuses one that is not JSON", async () => {
    const post = routeHandler({
      name: "test.post",
      session: "none",
      body: z.object({ name: z.string().min(1) }),
      run: async ({ body }) => Response.json({ hello: body.name }),
    });
    const ok = await post(new Request("http://rollbook.test/", { method: "POST", body: '{"name":"Ann"}' }));
    expect(await ok.json()).toEqual({ hello: "Ann" });
    const bad = await post(new Request("http://rollbook.test/", { method: "POST", body: "name=Ann" }));
    expect(bad.status).toBe(400);
  });

  it("answers an AppError with its own status, and anything else with a logged 500", async () => {
    const gone = routeHandler({
      name: "test.gone",
      session: "none",
      run: async () => {
        throw new AppError("import_not_found");
      },
    });
    const notFound = await gone(new Request("http://rollbook.test/"));
    expect(notFound.status).toBe(404);
    expect(logged.error).toEqual([]);

    const broken = routeHandler({
      name: "test.broken",
      session: "none",
      run: async () => {
        throw new Error("connection string postgres://user:pw@host");
      },
    });
    const failed = await broken(new Request("http://rollbook.test/"));
    expect(failed.status).toBe(500);
    const body = await failed.text();
    expect(body).not.toContain("postgres://");
    expect(JSON.parse(body)).toEqual({
      error: "internal",
      message: "An internal error occurred. Try again later.",
    });
    expect(logged.error).toHaveLength(1);
  });
});
