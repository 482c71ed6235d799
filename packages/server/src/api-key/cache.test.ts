import { summarizeAdapterCalls } from "@better-auth-tokens/test-utils";
import { describe, expect, it } from "vitest";
import { setupApiKeys } from "../../test/support/api-keys";
import { createVerifier } from "../verifier";

const joins = { options: { advanced: { database: { joins: true } } } };

describe("adapter work per verification", () => {
  it("makes no adapter call for a warm key with the cache on (the default)", async () => {
    const t = setupApiKeys({}, joins);
    const alice = await t.signUp();
    const created = await t.createKey(alice);
    await t.protectedRoute({ "x-api-key": created.key }); // cold: fills the cache, writes lastUsedAt
    const before = t.adapterCalls.length;
    for (let i = 0; i < 5; i++) expect((await t.protectedRoute({ "x-api-key": created.key })).status).toBe(200);
    expect(summarizeAdapterCalls(t.adapterCalls.slice(before))).toMatchObject({ reads: 0, writes: 0 });
  });

  it("makes one read and no write per warm request with the cache off", async () => {
    const t = setupApiKeys({ cache: false }, joins);
    const alice = await t.signUp();
    const created = await t.createKey(alice);
    await t.protectedRoute({ "x-api-key": created.key });
    for (let i = 0; i < 3; i++) {
      const before = t.adapterCalls.length;
      expect((await t.protectedRoute({ "x-api-key": created.key })).status).toBe(200);
      expect(summarizeAdapterCalls(t.adapterCalls.slice(before))).toMatchObject({ reads: 1, writes: 0 });
    }
  });
});

describe("the cache never outlives a change made in this process", () => {
  it("sees revoke, disable and user deletion on the very next request", async () => {
    const t = setupApiKeys({ cache: { ttl: 3600 } });
    const alice = await t.signUp();
    const [revoked, disabled] = [await t.createKey(alice), await t.createKey(alice, { name: "second" })];
    for (const { key } of [revoked, disabled]) expect((await t.protectedRoute({ "x-api-key": key })).status).toBe(200);

    const client = t.client(alice);
    await client.$fetch("/api-key/revoke", { method: "POST", body: { id: revoked.id } });
    expect((await t.protectedRoute({ "x-api-key": revoked.key })).status).toBe(401);

    await client.$fetch("/api-key/update", { method: "POST", body: { id: disabled.id, enabled: false } });
    expect((await t.protectedRoute({ "x-api-key": disabled.key })).status).toBe(401);
    await client.$fetch("/api-key/update", { method: "POST", body: { id: disabled.id, enabled: true } });
    expect((await t.protectedRoute({ "x-api-key": disabled.key })).status).toBe(200);

    const context = await t.auth.$context;
    await context.internalAdapter.deleteUser(alice.user.id);
    expect((await t.protectedRoute({ "x-api-key": disabled.key })).status).toBe(401);
  });

  it("serves a user's new name on the next request after an update", async () => {
    const t = setupApiKeys({ cache: { ttl: 3600 } });
    const alice = await t.signUp({ name: "Alice" });
    const created = await t.createKey(alice);
    expect((await t.protectedRoute({ "x-api-key": created.key })).session?.user).toMatchObject({ name: "Alice" });
    const context = await t.auth.$context;
    await context.internalAdapter.updateUser(alice.user.id, { name: "Alice B." });
    expect((await t.protectedRoute({ "x-api-key": created.key })).session?.user).toMatchObject({ name: "Alice B." });
  });
});

describe("what a request is handed is its own copy", () => {
  it("leaves the cached credential as it was when a route changes the user, the key, its dates and permissions", async () => {
    const t = setupApiKeys({ defaultPermissions: { projects: ["read"] } });
    const alice = await t.signUp({ name: "Alice" });
    const created = await t.createKey(alice);
    const verifier = createVerifier(t.auth);
    const headers = { "x-api-key": created.key };
    await verifier.verify(headers); // cold: fills the cache and writes lastUsedAt
    const handed = (await verifier.verify(headers))!;
    const before = structuredClone(handed);

    handed.user.name = "Mallory";
    handed.user.createdAt.setTime(0);
    handed.user.updatedAt.setTime(0);
    handed.key.createdAt.setTime(0);
    handed.key.updatedAt.setTime(0);
    handed.key.permissions.projects!.push("delete");
    handed.permissions.admin = ["all"];
    (handed.owner as { id: string }).id = "someone-else";

    const next = await verifier.verify(headers);
    expect(next).toEqual(before);
  });
});
