import { describe, expect, it } from "vitest";
import { isDemoRobinhoodUserId, newDemoRobinhoodUserId } from "@/lib/identity/demo-id";
import { ROLLBOOK_USER_NAMESPACE, userIdFromRobinhoodUserId } from "@/lib/identity/user-id";
import { uuidV5 } from "@/lib/identity/uuid-v5";

describe("uuidV5", () => {
  it("matches the RFC 9562 test vector (DNS namespace, www.example.com)", () => {
    expect(uuidV5("www.example.com", "6ba7b810-9dad-11d1-80b4-00c04fd430c8")).toBe(
      "2ed6657d-e927-568b-95e1-2665a8aea6a2",
    );
  });

  it("matches the well-known python.org vector", () => {
    expect(uuidV5("python.org", "6ba7b810-9dad-11d1-80b4-00c04fd430c8")).toBe(
      "886313e1-3b8a-5372-9b90-0c9aee199e5d",
    );
  });
});

describe("userIdFromRobinhoodUserId", () => {
  // Fixed vectors (cross-checked with Python's uuid.uuid5): if these change, every existing user would
  // get a new id.
  it.each([
    ["3f1c2a9e-5b7d-4e21-9a0c-7d4e8b6f1a23", "bf065d78-b3e0-568e-9cf5-a3c1f1492109"],
    ["00000000-0000-4000-8000-000000000001", "8299fbcd-8158-59c2-8fcf-7ad90970fb2a"],
  ])("derives a fixed id for %s", (robinhoodUserId, expected) => {
    expect(userIdFromRobinhoodUserId(robinhoodUserId)).toBe(expected);
  });

  it("is deterministic and case-insensitive", () => {
    const id = "3F1C2A9E-5B7D-4E21-9A0C-7D4E8B6F1A23";
    expect(userIdFromRobinhoodUserId(id)).toBe(userIdFromRobinhoodUserId(id.toLowerCase()));
  });

  it("gives different users different ids", () => {
    expect(userIdFromRobinhoodUserId("00000000-0000-4000-8000-000000000001")).not.toBe(
      userIdFromRobinhoodUserId("00000000-0000-4000-8000-000000000002"),
    );
  });

  it("produces version-5 UUIDs in the fixed namespace", () => {
    const id = userIdFromRobinhoodUserId("00000000-0000-4000-8000-000000000001");
    expect(id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-5[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    expect(ROLLBOOK_USER_NAMESPACE).toBe("8b1f6a52-3c0e-4d7a-9f25-6e4b1d0c7a93");
  });

  it("rejects something that is not a Robinhood user id", () => {
    expect(() => userIdFromRobinhoodUserId("demo")).toThrow(/UUID/);
  });
});

describe("demo identities", () => {
  it("gives every demo visitor a new identity, and so a user of their own", () => {
    const first = newDemoRobinhoodUserId();
    const second = newDemoRobinhoodUserId();
    expect(first).toMatch(/^demo:[0-9a-f-]{36}$/);
    expect(first).not.toBe(second);
    expect(userIdFromRobinhoodUserId(first)).not.toBe(userIdFromRobinhoodUserId(second));
  });

  it("derives a fixed UUID v5 of the demo identity itself", () => {
    const demo = "demo:00000000-0000-4000-8000-000000000001";
    expect(userIdFromRobinhoodUserId(demo)).toBe(uuidV5(demo, ROLLBOOK_USER_NAMESPACE));
    expect(userIdFromRobinhoodUserId(demo.toUpperCase().replace("DEMO", "demo"))).toBe(
      userIdFromRobinhoodUserId(demo),
    );
  });

  it("never gives a demo visitor the user of the Robinhood id inside it", () => {
    const robinhoodUserId = "00000000-0000-4000-8000-000000000001";
    expect(userIdFromRobinhoodUserId(`demo:${robinhoodUserId}`)).not.toBe(
      userIdFromRobinhoodUserId(robinhoodUserId),
    );
  });

  it("tells demo identities from Robinhood user ids", () => {
    expect(isDemoRobinhoodUserId(newDemoRobinhoodUserId())).toBe(true);
    expect(isDemoRobinhoodUserId("00000000-0000-4000-8000-000000000001")).toBe(false);
    expect(isDemoRobinhoodUserId("demo:not-a-uuid")).toBe(false);
    expect(() => userIdFromRobinhoodUserId("demo:not-a-uuid")).toThrow(/UUID/);
  });
});
