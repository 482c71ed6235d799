import { afterEach, describe, expect, it, vi } from "vitest";
import { setupApiKeys } from "../../test/support/api-keys";

afterEach(() => vi.useRealTimers());

describe("maxKeysPerUser", () => {
  it("refuses the next create with 403 MAX_KEYS_REACHED", async () => {
    const t = setupApiKeys({ maxKeysPerUser: 2 });
    const alice = await t.signUp();
    await t.createKey(alice);
    await t.createKey(alice);
    const { status, body } = await t.json(await t.post("/api-key/create", alice, { name: "third" }));
    expect(status).toBe(403);
    expect(body.code).toBe("MAX_KEYS_REACHED");
  });

  it("leaves exactly the cap after 30 parallel creates", async () => {
    const t = setupApiKeys({ maxKeysPerUser: 10 });
    const alice = await t.signUp();
    const responses = await t.createKeysAtOnce(alice, 30);
    const statuses = responses.map((response) => response.status);
    expect(statuses.filter((status) => status === 200)).toHaveLength(10);
    expect(statuses.filter((status) => status === 403)).toHaveLength(20);
    expect(await t.storedKeysOf(alice)).toHaveLength(10);
  });

  it("counts per user, and frees a slot on revoke", async () => {
    const t = setupApiKeys({ maxKeysPerUser: 1 });
    const alice = await t.signUp();
    const bob = await t.signUp();
    const first = await t.createKey(alice);
    // Alice's full cap does not block Bob.
    const bobs = await t.createKey(bob);
    const again = await t.client(alice).$fetch("/api-key/create", { method: "POST", body: { name: "second" } });
    expect(again.error).toMatchObject({ status: 403, code: "MAX_KEYS_REACHED" });

    await t.client(alice).$fetch("/api-key/revoke", { method: "POST", body: { id: first.id } });
    const second = await t.createKey(alice, { name: "second" });
    const owners = (await t.rows("apikey")).map((row) => [row.id, row.referenceId]);
    expect(owners.sort()).toEqual([[bobs.id, bob.user.id], [second.id, alice.user.id]].sort());
  });

  it("frees the slots of expired keys when the cap is reached, and keeps keys that never expire", async () => {
    const t = setupApiKeys({ maxKeysPerUser: 2 });
    const alice = await t.signUp();
    const forever = await t.createKey(alice, { name: "forever", expiresIn: null });
    await t.createKey(alice, { name: "short", expiresIn: 60 });
    vi.useFakeTimers({ toFake: ["Date"] });
    vi.setSystemTime(Date.now() + 61_000);
    const fresh = await t.createKey(alice, { name: "fresh" });
    const ids = (await t.rows("apikey")).filter((row) => row.referenceId === alice.user.id).map((row) => row.id);
    expect(ids.sort()).toEqual([forever.id, fresh.id].sort());
    expect((await t.protectedRoute({ "x-api-key": forever.key })).status).toBe(200);
  });

  it("frees the cap however many expired keys stand in the way, on every database", async () => {
    // Once allowed 1,000 keys, now 10: the expired ones must all go, not a first page of them,
    // or on a database that rolls back the refused create the owner stays blocked for good.
    const before = setupApiKeys({ maxKeysPerUser: 1000 });
    const alice = await before.signUp();
    for (let index = 0; index < 130; index += 1) await before.auth.api.createApiKey({ body: { userId: alice.user.id, name: `old ${index}`, expiresIn: 60 } });
    vi.useFakeTimers({ toFake: ["Date"] });
    vi.setSystemTime(Date.now() + 61_000);
    const after = setupApiKeys({ maxKeysPerUser: 10 }, { shareStorageWith: { storage: before.storage } });
    // A server call: the same cap and clean-up, with no session to share between the instances.
    const created = await after.auth.api.createApiKey({ body: { userId: alice.user.id, name: "new" } });
    expect((await after.storedKeysOf(alice)).map((row) => row.id)).toEqual([created.id]);
  });
});
