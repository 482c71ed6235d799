import { describe, expect, it } from "vitest";
import { createProtectedRoute, createTestAuth, summarizeAdapterCalls } from "./index";

describe("createTestAuth()", () => {
  it("signs users up and gives each a client that carries their session", async () => {
    const t = createTestAuth();
    const alice = await t.signUp({ name: "Alice" });
    const bob = await t.signUp();
    expect(alice.user.email).not.toBe(bob.user.email);

    const { data } = await t.client(alice).getSession();
    expect(data?.user.id).toBe(alice.user.id);
    expect((await t.client().getSession()).data).toBeNull();
  });

  it("lets the session token authenticate as a Bearer credential only with the bearer plugin", async () => {
    const t = createTestAuth();
    const alice = await t.signUp();
    const route = createProtectedRoute(t.auth);
    expect((await route(alice.headers)).status).toBe(200);
    expect((await route({ authorization: `Bearer ${alice.sessionToken}` })).status).toBe(401);
  });

  it("logs every adapter call, split into reads and writes", async () => {
    const t = createTestAuth();
    await t.signUp();
    const { reads, writes } = summarizeAdapterCalls(t.adapterCalls);
    expect(reads).toBeGreaterThan(0);
    expect(writes).toBeGreaterThanOrEqual(3); // user, account, session
  });
});
