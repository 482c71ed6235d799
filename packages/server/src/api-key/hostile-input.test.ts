import { describe, expect, it } from "vitest";
import type { PublicCredential } from "../core/credential-table";
import { CREDENTIAL_MODEL } from "../core/credential-table";
import { setupApiKeys, type CreatedKey } from "../../test/support/api-keys";

const nest = (depth: number): unknown => (depth === 0 ? "leaf" : { level: nest(depth - 1) });

/** Raw JSON, so `__proto__` reaches the server as a key (an object literal would swallow it). */
const UNSAFE_METADATA: [string, string][] = [
  ["__proto__ at the top", '{"__proto__":{"admin":true}}'],
  ["__proto__ nested", '{"a":{"__proto__":{"admin":true}}}'],
  ["__proto__ inside an array", '{"a":[{"__proto__":{"admin":true}}]}'],
  ["constructor nested", '{"a":{"constructor":{"prototype":{"admin":true}}}}'],
  ["prototype", '{"prototype":1}'],
  ["nesting deeper than 5 levels", JSON.stringify(nest(6))],
  ["over 8 KB serialized", JSON.stringify({ big: "x".repeat(8 * 1024) })],
  ["an array", "[1,2]"],
  ["a string", '"text"'],
];

describe("metadata a client sends", () => {
  it.each(UNSAFE_METADATA)("refuses %s with 400 INVALID_METADATA, writing nothing", async (_, metadata) => {
    const t = setupApiKeys();
    const alice = await t.signUp();
    const existing = await t.createKey(alice, { name: "existing", metadata: { team: "ops" } });
    const rowsBefore = await t.rows(CREDENTIAL_MODEL);
    const create = await t.request("/api-key/create", {
      method: "POST",
      credential: alice,
      body: `{"name":"hostile","metadata":${metadata}}`,
    });
    expect(create.status).toBe(400);
    expect((await t.json(create)).body.code).toBe("INVALID_METADATA");
    const update = await t.request("/api-key/update", {
      method: "POST",
      credential: alice,
      body: `{"id":"${existing.id}","metadata":${metadata}}`,
    });
    expect(update.status).toBe(400);
    expect((await t.json(update)).body.code).toBe("INVALID_METADATA");
    expect(await t.rows(CREDENTIAL_MODEL)).toEqual(rowsBefore);
    const list = await t.request("/api-key/list", { credential: alice });
    expect(list.status).toBe(200);
    expect(((await list.json()) as { apiKeys: PublicCredential[] }).apiKeys.map((key) => key.metadata)).toEqual([{ team: "ops" }]);
  });

  it("refuses bad metadata before the cap is checked: 400, not 403 MAX_KEYS_REACHED", async () => {
    const t = setupApiKeys({ maxKeysPerUser: 1 });
    const alice = await t.signUp();
    await t.createKey(alice);
    const response = await t.request("/api-key/create", {
      method: "POST",
      credential: alice,
      body: '{"name":"hostile","metadata":{"a":{"__proto__":{}}}}',
    });
    expect(response.status).toBe(400);
    expect((await t.json(response)).body.code).toBe("INVALID_METADATA");
  });

  it("accepts metadata at the bounds, and the key can then be listed, read, updated and revoked", async () => {
    const t = setupApiKeys();
    const alice = await t.signUp();
    const metadata = { deep: nest(4), text: "y".repeat(7 * 1024), list: [1, true, null, "a"] };
    const created = await t.createKey(alice, { name: "bounds", metadata });
    expect(created.metadata).toEqual(metadata);
    for (const [path, init] of [
      ["/api-key/list", {}],
      [`/api-key/get?id=${created.id}`, {}],
      ["/api-key/update", { method: "POST", body: JSON.stringify({ id: created.id, enabled: false }) }],
      ["/api-key/revoke", { method: "POST", body: JSON.stringify({ id: created.id }) }],
    ] as const) {
      expect((await t.request(path, { ...init, credential: alice })).status).toBe(200);
    }
    expect(await t.rows(CREDENTIAL_MODEL)).toHaveLength(0);
  });

  it("lists, reads, updates and revokes a row whose stored metadata another writer left unsafe", async () => {
    const t = setupApiKeys();
    const alice = await t.signUp();
    const created = await t.createKey(alice);
    // Written past our checks, as plain @better-auth/api-key or an older version could have.
    const context = await t.auth.$context;
    await context.adapter.update({
      model: CREDENTIAL_MODEL,
      where: [{ field: "id", value: created.id }],
      update: { metadata: JSON.parse('{"a":{"__proto__":{"admin":true}},"constructor":{"prototype":{}}}') },
    });
    const list = await t.request("/api-key/list", { credential: alice });
    expect(list.status).toBe(200);
    const get = await t.request(`/api-key/get?id=${created.id}`, { credential: alice });
    expect(get.status).toBe(200);
    expect(({}) as Record<string, unknown>).not.toHaveProperty("admin");
    const update = await t.request("/api-key/update", {
      method: "POST",
      credential: alice,
      body: JSON.stringify({ id: created.id, metadata: { clean: true } }),
    });
    expect(update.status).toBe(200);
    expect(((await update.json()) as CreatedKey).metadata).toEqual({ clean: true });
    const revoke = await t.request("/api-key/revoke", { method: "POST", credential: alice, body: JSON.stringify({ id: created.id }) });
    expect(revoke.status).toBe(200);
    expect(await t.rows(CREDENTIAL_MODEL)).toHaveLength(0);
  });
});

describe("names and descriptions with control characters or bidirectional overrides", () => {
  // Overrides and isolates make a name shown in a UI or a log read as something else ("exe.txt").
  const CONTROL = ["nul\u0000here", "bell\u0007", "line\nbreak", "escape\u001b[31m", "del\u007f", "\u202etxt.exe", "ci\u2066deploy\u2069", "a\u202ab"];

  it.each(CONTROL)("refuses description %j with 400 INVALID_DESCRIPTION on create and update, writing nothing", async (description) => {
    const t = setupApiKeys();
    const alice = await t.signUp();
    const existing = await t.createKey(alice, { name: "existing", description: "fine" });
    const rowsBefore = await t.rows(CREDENTIAL_MODEL);
    for (const [path, body] of [
      ["/api-key/create", { name: "hostile", description }],
      ["/api-key/update", { id: existing.id, description }],
    ] as const) {
      const response = await t.request(path, { method: "POST", credential: alice, body: JSON.stringify(body) });
      expect(response.status).toBe(400);
      expect((await t.json(response)).body.code).toBe("INVALID_DESCRIPTION");
    }
    expect(await t.rows(CREDENTIAL_MODEL)).toEqual(rowsBefore);
  });

  it.each(CONTROL)("refuses name %j with 400 INVALID_NAME on create and update, writing nothing", async (name) => {
    const t = setupApiKeys();
    const alice = await t.signUp();
    const existing = await t.createKey(alice, { name: "existing" });
    const rowsBefore = await t.rows(CREDENTIAL_MODEL);
    for (const [path, body] of [
      ["/api-key/create", { name }],
      ["/api-key/update", { id: existing.id, name }],
    ] as const) {
      const response = await t.request(path, { method: "POST", credential: alice, body: JSON.stringify(body) });
      expect(response.status).toBe(400);
      expect((await t.json(response)).body.code).toBe("INVALID_NAME");
    }
    expect(await t.rows(CREDENTIAL_MODEL)).toEqual(rowsBefore);
  });

  it("keeps names that only look unusual: emoji joined with ZWJ, right-to-left scripts, accents", async () => {
    const t = setupApiKeys();
    const alice = await t.signUp();
    for (const name of ["👩‍💻 laptop", "مفتاح النشر", "clé de déploiement"]) expect((await t.createKey(alice, { name })).name).toBe(name);
  });
});

describe("permissions too large to store", () => {
  it("refuses statements over 16 KB as JSON with 400 VALIDATION_ERROR, from server code too, writing nothing", async () => {
    // 64 resources of 64 actions of 64 characters: about 280 KB, which MySQL's TEXT column refuses.
    const action = (index: number) => `a${index}`.padEnd(64, "x");
    const huge = Object.fromEntries(Array.from({ length: 64 }, (_, r) => [`r${r}`, Array.from({ length: 64 }, (_, a) => action(a))]));
    const t = setupApiKeys();
    const alice = await t.signUp();
    const existing = await t.auth.api.createApiKey({ body: { name: "existing", userId: alice.user.id } });
    const rowsBefore = await t.rows(CREDENTIAL_MODEL);
    for (const call of [
      () => t.auth.api.createApiKey({ body: { name: "huge", userId: alice.user.id, permissions: huge } }),
      () => t.auth.api.updateApiKey({ body: { id: existing.id, permissions: huge } }),
    ]) {
      await expect(call()).rejects.toMatchObject({ statusCode: 400, body: { code: "VALIDATION_ERROR" } });
    }
    expect(await t.rows(CREDENTIAL_MODEL)).toEqual(rowsBefore);
  });
});
