import { afterEach, describe, expect, it, vi } from "vitest";
import type { PublicCredential } from "../core/credential-table";
import { setupApiKeys, type CreatedKey } from "../../test/support/api-keys";

afterEach(() => vi.useRealTimers());

describe("an API key's life: create, use, list, revoke", () => {
  it("creates a key with name, expiry and permissions, uses it via X-API-Key, lists it and revokes it", async () => {
    const t = setupApiKeys({ defaultPermissions: ["read"], allowedPermissions: ["read", "write"] });
    const alice = await t.signUp();
    const client = t.client(alice);

    const { data: created, error } = await client.$fetch<CreatedKey>("/api-key/create", {
      method: "POST",
      body: { name: "Production API", expiresIn: 60 * 60 * 24 * 365, permissions: ["read", "write"] },
    });
    expect(error).toBeNull();
    expect(created!.key).toMatch(/^ba_[0-9A-Za-z]{38}$/);
    expect(created!.permissions).toEqual({ scopes: ["read", "write"] });
    const expectedExpiry = Date.now() + 365 * 24 * 3600 * 1000;
    expect(Math.abs(new Date(created!.expiresAt!).getTime() - expectedExpiry)).toBeLessThan(10_000);

    const used = await t.protectedRoute({ "X-API-Key": created!.key });
    expect(used.status).toBe(200);
    expect(used.session?.user.id).toBe(alice.user.id);
    expect(used.session?.session).toMatchObject({ authMethod: "api-key", credentialId: created!.id });
    // Upstream echoes the raw key as session.token; ours never does.
    expect(JSON.stringify(used.session)).not.toContain(created!.key);

    const { data: keys } = await client.$fetch<{ apiKeys: PublicCredential[] }>("/api-key/list");
    expect(keys!.apiKeys.map((key) => key.id)).toEqual([created!.id]);

    await client.$fetch("/api-key/revoke", { method: "DELETE", body: { id: created!.id } });
    expect((await t.protectedRoute({ "X-API-Key": created!.key })).status).toBe(401);
  });

  it("answers verifyApiKey on the server with public fields, and 404 over HTTP", async () => {
    const t = setupApiKeys({ defaultPermissions: ["read"] });
    const alice = await t.signUp();
    const created = await t.createKey(alice);

    const result = await t.auth.api.verifyApiKey({ body: { key: created.key } });
    expect(result).toMatchObject({ valid: true, error: null, key: { id: created.id, permissions: { scopes: ["read"] } } });
    expect(JSON.stringify(result)).not.toContain(created.key);

    const denied = await t.auth.api.verifyApiKey({ body: { key: created.key, permissions: ["write"] } });
    expect(denied).toMatchObject({ valid: false, error: { code: "INSUFFICIENT_PERMISSIONS" }, key: null });

    const overHttp = await t.request("/api-key/verify", { method: "POST", body: JSON.stringify({ key: created.key }) });
    expect(overHttp.status).toBe(404);
  });
});

describe("a deleted user's keys", () => {
  it("are deleted with the user on every adapter, whether or not it enforces the table's foreign key", async () => {
    const t = setupApiKeys();
    const alice = await t.signUp();
    const bob = await t.signUp();
    await t.createKey(alice);
    await t.createKey(alice, { name: "second" });
    const kept = await t.createKey(bob);
    await (await t.auth.$context).internalAdapter.deleteUser(alice.user.id);
    expect((await t.rows("apikey")).map((row) => row.id)).toEqual([kept.id]);
  });
});

describe("what a key owner can rely on", () => {
  it("shows the key once: never in get, list or a second response", async () => {
    const t = setupApiKeys();
    const alice = await t.signUp();
    const created = await t.createKey(alice);
    const client = t.client(alice);
    const { data: fetched } = await client.$fetch<PublicCredential>("/api-key/get", { query: { id: created.id } });
    const { data: listed } = await client.$fetch<{ apiKeys: PublicCredential[] }>("/api-key/list");
    for (const view of [fetched, listed]) {
      expect(JSON.stringify(view)).not.toContain(created.key);
      expect(JSON.stringify(view)).not.toContain(created.key.slice(3, 19));
    }
    expect(fetched!.start).toBe(created.key.slice(0, 7));
  });

  it("answers 401 for an invalid key, with WWW-Authenticate on Better Auth endpoints", async () => {
    const t = setupApiKeys();
    const alice = await t.signUp();
    const created = await t.createKey(alice);
    const mistyped = `${created.key.slice(0, -1)}${created.key.endsWith("a") ? "b" : "a"}`;
    expect((await t.protectedRoute({ "x-api-key": mistyped })).status).toBe(401);

    const response = await t.request("/api-key/list", { headers: { "x-api-key": mistyped } });
    const { status, headers, body } = await t.json(response);
    expect(status).toBe(401);
    expect(body.code).toBe("INVALID_CREDENTIAL");
    expect(headers.get("www-authenticate")).toMatch(/^Bearer error="invalid_token"/);
  });

  it("answers 401 KEY_EXPIRED once a key has expired", async () => {
    const t = setupApiKeys();
    const alice = await t.signUp();
    const created = await t.createKey(alice, { name: "short", expiresIn: 60 });
    expect((await t.protectedRoute({ "x-api-key": created.key })).status).toBe(200);

    vi.useFakeTimers({ toFake: ["Date"] });
    vi.setSystemTime(Date.now() + 61_000);
    expect((await t.protectedRoute({ "x-api-key": created.key })).status).toBe(401);
    const { status, body } = await t.json(await t.request("/api-key/list", { headers: { "x-api-key": created.key } }));
    expect(status).toBe(401);
    expect(body.code).toBe("KEY_EXPIRED");
    expect(await t.auth.api.verifyApiKey({ body: { key: created.key } })).toMatchObject({ error: { code: "KEY_EXPIRED" } });
  });

  it("sets lastUsedAt after use, and writes it at most once per interval", async () => {
    const t = setupApiKeys({ lastUsedUpdateInterval: 60 });
    const alice = await t.signUp();
    const created = await t.createKey(alice);
    expect(created.lastUsedAt).toBeNull();

    const before = t.adapterCalls.length;
    for (let i = 0; i < 5; i++) await t.protectedRoute({ "x-api-key": created.key });
    const writes = t.adapterCalls.slice(before).filter((call) => call.method === "update" && call.model === "apikey");
    expect(writes).toHaveLength(1);

    const { data } = await t.client(alice).$fetch<PublicCredential>("/api-key/get", { query: { id: created.id } });
    expect(data!.lastUsedAt).not.toBeNull();
  });

  it("rate limits per key: 429 RATE_LIMITED with Retry-After", async () => {
    const t = setupApiKeys({ rateLimit: { max: 3, window: 60 } });
    const alice = await t.signUp();
    const created = await t.createKey(alice);
    for (let i = 0; i < 3; i++) {
      expect((await t.request("/get-session", { headers: { "x-api-key": created.key } })).status).toBe(200);
    }
    const { status, headers, body } = await t.json(await t.request("/get-session", { headers: { "x-api-key": created.key } }));
    expect(status).toBe(429);
    expect(body.code).toBe("RATE_LIMITED");
    expect(Number(headers.get("retry-after"))).toBeGreaterThan(0);
    expect(Number(headers.get("retry-after"))).toBeLessThanOrEqual(60);
  });

  it("has no rate limit by default (upstream's default is 10 a day)", async () => {
    const t = setupApiKeys();
    const alice = await t.signUp();
    const created = await t.createKey(alice);
    for (let i = 0; i < 15; i++) expect((await t.protectedRoute({ "x-api-key": created.key })).status).toBe(200);
  });
});

describe("an app's own prefix and default expiry", () => {
  it("uses the zb_ prefix, a 90-day default expiry, and enable/disable", async () => {
    const t = setupApiKeys({ prefix: "zb_", defaultExpiresIn: 90 * 24 * 3600 });
    const alice = await t.signUp();
    const created = await t.createKey(alice, { name: "mcp-server" });
    expect(created.key.startsWith("zb_")).toBe(true);
    const ninetyDays = Date.now() + 90 * 24 * 3600 * 1000;
    expect(Math.abs(new Date(created.expiresAt!).getTime() - ninetyDays)).toBeLessThan(10_000);

    const client = t.client(alice);
    await client.$fetch("/api-key/update", { method: "POST", body: { id: created.id, enabled: false } });
    expect((await t.protectedRoute({ "x-api-key": created.key })).status).toBe(401);
    const { body } = await t.json(await t.request("/api-key/list", { headers: { "x-api-key": created.key } }));
    expect(body.code).toBe("KEY_DISABLED");

    await client.$fetch("/api-key/update", { method: "POST", body: { id: created.id, enabled: true } });
    expect((await t.protectedRoute({ "x-api-key": created.key })).status).toBe(200);
  });
});
