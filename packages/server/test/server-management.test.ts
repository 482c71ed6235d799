import { createProtectedRoute, createTestAuth, registerCredential, sharedSecondaryStorage } from "@better-auth-tokens/test-utils";
import { describe, expect, it, vi } from "vitest";
import { statusOf } from "./support/status-of";
import { apiKey as upstreamApiKey } from "@better-auth/api-key";
import { bearer } from "../src/bearer";
import { apiKey } from "../src/api-key";
import { createVerifier } from "../src/verifier";
import { createToken } from "./support/bearer";
import { setupOrganizationKeys } from "./support/organizations";
import { setupApiKeys } from "./support/api-keys";

/** User keys (legacy ones accepted), organization keys and personal tokens in one instance. */
function setup() {
  const t = setupOrganizationKeys(
    [
      { configId: "default", acceptLegacyKeys: true },
      { configId: "organization", references: "organization" },
    ],
    "organization first",
    [bearer()],
  );
  const route = createProtectedRoute(t.auth);
  const withKey = async (key: string) => (await route({ "x-api-key": key })).status;
  const withToken = async (token: string) => (await route({ authorization: `Bearer ${token}` })).status;
  return { ...t, route, withKey, withToken };
}

describe("server code manages any owner's credentials; clients only their own", () => {
  it("lists, gets, disables, enables and revokes a user's keys and tokens by id and by owner", async () => {
    const t = setup();
    const { api } = t;
    const alice = await t.signUp();
    const mallory = await t.signUp();
    const { key, id } = (await t.send("/api-key/create", alice, { name: "alice key" })).body as { key: string; id: string };
    const token = await createToken(t, alice);
    expect(await t.withKey(key)).toBe(200);
    expect(await t.withToken(token.token)).toBe(200);

    // Server: by owner and by id, with no session at all.
    const listed = (await api.listApiKeys!({ query: { userId: alice.user.id } })) as { apiKeys: { id: string }[]; total: number };
    expect(listed.apiKeys.map((k) => k.id)).toEqual([id]);
    expect(listed.total).toBe(1);
    expect(((await api.listPersonalTokens!({ query: { userId: alice.user.id } })) as { tokens: { id: string; enabled: boolean }[] }).tokens).toEqual([
      expect.objectContaining({ id: token.id, enabled: true }),
    ]);
    expect(await api.getApiKey!({ query: { id } })).toMatchObject({ id, name: "alice key" });
    expect(await api.updateApiKey!({ body: { id, enabled: false } })).toMatchObject({ id, enabled: false });
    expect(await api.updatePersonalToken!({ body: { id: token.id, enabled: false, name: "paused" } })).toMatchObject({ enabled: false, name: "paused" });
    // Refused at once, though both were just verified (and cached).
    expect(await t.route({ "x-api-key": key }).then((r) => r.status)).toBe(401);
    const disabledToken = await t.request("/api-key/list", { method: "GET", credential: { bearer: token.token } });
    expect(disabledToken.status).toBe(401);
    expect(((await disabledToken.json()) as { code: string }).code).toBe("KEY_DISABLED");
    // The owner re-enables over HTTP.
    expect((await t.send("/bearer/update-token", alice, { id: token.id, enabled: true })).body).toMatchObject({ enabled: true });
    expect(await t.withToken(token.token)).toBe(200);
    expect(await api.updateApiKey!({ body: { id, enabled: true } })).toMatchObject({ enabled: true });
    expect(await t.withKey(key)).toBe(200);

    // A client with someone else's session: its own (empty) list, and 404 for alice's ids.
    const asMallory = { headers: mallory.headers };
    expect(((await api.listApiKeys!({ query: { userId: alice.user.id }, ...asMallory })) as { total: number }).total).toBe(0);
    expect(((await api.listPersonalTokens!({ query: { userId: alice.user.id }, ...asMallory })) as { total: number }).total).toBe(0);
    expect(await statusOf(api.getApiKey!({ query: { id }, ...asMallory }))).toBe(404);
    expect(await statusOf(api.updateApiKey!({ body: { id, enabled: false }, ...asMallory }))).toBe(404);
    expect(await statusOf(api.revokeApiKey!({ body: { id }, ...asMallory }))).toBe(404);
    expect(await statusOf(api.updatePersonalToken!({ body: { id: token.id, enabled: false }, ...asMallory }))).toBe(404);
    expect(await statusOf(api.revokePersonalToken!({ body: { id: token.id }, ...asMallory }))).toBe(404);
    expect((await t.send("/bearer/update-token", mallory, { id: token.id, enabled: false })).status).toBe(404);
    // Forwarded headers with no session: 401, whatever owner they name.
    const anonymous = { headers: new Headers({ "user-agent": "app route" }) };
    expect(await statusOf(api.listApiKeys!({ query: { userId: alice.user.id }, ...anonymous }))).toBe(401);
    expect(await statusOf(api.listPersonalTokens!({ query: { userId: alice.user.id }, ...anonymous }))).toBe(401);
    expect(await statusOf(api.getApiKey!({ query: { id }, ...anonymous }))).toBe(401);
    expect(await statusOf(api.updateApiKey!({ body: { id, enabled: false }, ...anonymous }))).toBe(401);
    expect(await statusOf(api.updatePersonalToken!({ body: { id: token.id, enabled: false }, ...anonymous }))).toBe(401);
    expect(await statusOf(api.revokePersonalToken!({ body: { id: token.id }, ...anonymous }))).toBe(401);
    // The owner-wide revocations are server-only: not served over HTTP at all.
    for (const path of ["/api-key/revoke-keys", "/bearer/revoke-tokens"]) {
      expect((await t.send(path, alice, { userId: alice.user.id })).status).toBe(404);
    }
    expect(await t.withKey(key)).toBe(200);
    expect(await t.withToken(token.token)).toBe(200);

    // Server revocation by id, seen at once.
    expect(await api.revokePersonalToken!({ body: { id: token.id } })).toEqual({ id: token.id, revoked: true });
    expect(await t.withToken(token.token)).toBe(401);
    expect(await api.revokeApiKey!({ body: { id } })).toEqual({ id, revoked: true });
    expect(await t.withKey(key)).toBe(401);
    expect(await statusOf(api.revokeApiKey!({ body: { id } }))).toBe(404);

    // Everything an owner holds, at once (offboarding); mallory's stay.
    const keys = [await t.send("/api-key/create", alice, { name: "a" }), await t.send("/api-key/create", alice, { name: "b" })];
    const tokens = [await createToken(t, alice), await createToken(t, alice)];
    const mallorys = (await t.send("/api-key/create", mallory, { name: "m" })).body as { key: string };
    expect(await api.revokeApiKeys!({ body: { userId: alice.user.id } })).toEqual({ revoked: 2 });
    expect(await api.revokePersonalTokens!({ body: { userId: alice.user.id } })).toEqual({ revoked: 2 });
    for (const created of keys) expect(await t.withKey(created.body.key as string)).toBe(401);
    for (const created of tokens) expect(await t.withToken(created.token)).toBe(401);
    expect(await t.withKey(mallorys.key)).toBe(200);
  });

  it("lists, updates and revokes an organization's keys for server code, never for an outsider", async () => {
    const t = setup();
    const { api } = t;
    const org = await t.createOrganization();
    const created = await t.createOrganizationKey(org.owner, org.id);
    const byOwner = (await api.listApiKeys!({ query: { organizationId: org.id } })) as { apiKeys: { id: string }[] };
    expect(byOwner.apiKeys.map((k) => k.id)).toEqual([created.id]);
    expect(await api.getApiKey!({ query: { id: created.id } })).toMatchObject({ id: created.id });
    expect(await api.updateApiKey!({ body: { id: created.id, name: "renamed", permissions: { admin: ["*"] } } })).toMatchObject({
      name: "renamed",
      permissions: { admin: ["*"] },
    });
    const asOutsider = { headers: org.outsider.headers };
    expect(await statusOf(api.listApiKeys!({ query: { organizationId: org.id }, ...asOutsider }))).toBe(403);
    expect(await statusOf(api.getApiKey!({ query: { id: created.id }, ...asOutsider }))).toBe(404);
    expect(await statusOf(api.revokeApiKey!({ body: { id: created.id }, ...asOutsider }))).toBe(404);
    expect(await statusOf(api.listApiKeys!({ query: { organizationId: org.id }, headers: new Headers() }))).toBe(401);
    // A member whose role forbids reading keys keeps its 403.
    expect(await statusOf(api.listApiKeys!({ query: { organizationId: org.id }, headers: org.member.headers }))).toBe(403);
    const verifier = createVerifier(t.auth);
    expect((await verifier.authenticate({ "x-api-key": created.key }, { organizationKeys: "accept" })).ok).toBe(true);
    expect(await api.revokeApiKeys!({ body: { organizationId: org.id } })).toEqual({ revoked: 1 });
    expect(await verifier.authenticate({ "x-api-key": created.key }, { organizationKeys: "accept" })).toMatchObject({ ok: false, status: 401 });
  });
});

describe("revoking all of an owner's keys", () => {
  it("revokes, reports and refuses every one of them, more than a page of 100, even warm in the cache", async () => {
    const revoked: string[] = [];
    const t = setupApiKeys({ maxKeysPerUser: 500, cache: { ttl: 3600 }, onEvent: (event) => void (event.type === "revoked" && revoked.push(event.credentialId)) });
    const alice = await t.signUp();
    const keys: string[] = [];
    for (let index = 0; index < 120; index += 1) keys.push((await t.auth.api.createApiKey({ body: { userId: alice.user.id, name: `k${index}` } })).key);
    for (const key of keys) registerCredential(key);
    for (const key of keys) expect((await t.protectedRoute({ "x-api-key": key })).status).toBe(200);
    expect(await t.auth.api.revokeApiKeys({ body: { userId: alice.user.id } })).toEqual({ revoked: 120 });
    const statuses = await Promise.all(keys.map(async (key) => (await t.protectedRoute({ "x-api-key": key })).status));
    expect(statuses.filter((status) => status !== 401)).toEqual([]);
    await vi.waitFor(() => expect(revoked).toHaveLength(120));
  });
});

describe("revokeCredentialByValue, for secret scanning", () => {
  it("revokes any of our secrets and legacy keys, answering the same for real, revoked, forged and garbage values", async () => {
    const t = setup();
    const alice = await t.signUp();
    const org = await t.createOrganization();
    const userKey = ((await t.send("/api-key/create", alice, { name: "leaked" })).body as { key: string }).key;
    const orgKey = (await t.createOrganizationKey(org.owner, org.id)).key;
    const token = (await createToken(t, alice)).token;
    const upstream = createTestAuth({ shareStorageWith: t, plugins: [upstreamApiKey()] });
    const legacy = (await upstream.auth.api.createApiKey({ body: { userId: alice.user.id, name: "legacy" } })).key;
    registerCredential(legacy);
    const verify = async (key: string) => ((await t.api.verifyApiKey!({ body: { key } })) as { error: { code: string } | null }).error?.code ?? "valid";
    for (const value of [userKey, orgKey, legacy]) expect(await verify(value)).toBe("valid");
    expect(await t.withToken(token)).toBe(200);
    const survivor = ((await t.send("/api-key/create", alice, { name: "kept" })).body as { key: string }).key;

    const answers = [];
    for (const value of [userKey, orgKey, token, legacy, userKey, `${userKey.slice(0, -1)}x`, "ba_garbage", "not a key at all"]) {
      answers.push(await t.api.revokeCredentialByValue!({ body: { key: value } }));
    }
    expect(new Set(answers.map((answer) => JSON.stringify(answer)))).toEqual(new Set([JSON.stringify({ revoked: true })]));
    for (const value of [userKey, orgKey, legacy]) expect(await verify(value)).toBe("INVALID_CREDENTIAL");
    expect(await t.withToken(token)).toBe(401);
    expect(await t.withKey(survivor)).toBe(200);
    expect((await t.rows("apikey")).map((row) => row.name)).toEqual(["kept"]);
    // Server only: over HTTP there is no such endpoint.
    for (const path of ["/revoke-credential-by-value", "/api-key/revoke-by-value"]) {
      expect((await t.request(path, { method: "POST", body: JSON.stringify({ key: survivor }) })).status).toBe(404);
    }
    expect(await t.withKey(survivor)).toBe(200);
  });

  it("revokes nothing for a rolled key's previous secret once its grace period has ended: that secret opens nothing", async () => {
    const t = setup();
    const alice = await t.signUp();
    const { id, key: old } = (await t.send("/api-key/create", alice, { name: "rolled" })).body as { id: string; key: string };
    const { key: current } = (await t.api.rollApiKey!({ body: { id, gracePeriod: 60 } })) as { key: string };
    registerCredential(current);
    expect(await t.withKey(old)).toBe(200);
    vi.useFakeTimers({ toFake: ["Date"] });
    try {
      vi.setSystemTime(Date.now() + 61_000);
      expect(await t.withKey(old)).toBe(401);
      // The dead secret turns up in a public repository: whoever holds it must not be able to
      // take down the key its owner rolled it into, which never leaked.
      expect(await t.api.revokeCredentialByValue!({ body: { key: old } })).toEqual({ revoked: true });
      expect(await t.withKey(current)).toBe(200);
      expect((await t.rows("apikey")).map((row) => row.id)).toEqual([id]);
    } finally {
      vi.useRealTimers();
    }
  });

  it("revokes a rolled key whose previous secret leaks during its grace period: that secret still opens it", async () => {
    const t = setup();
    const alice = await t.signUp();
    const { id, key: old } = (await t.send("/api-key/create", alice, { name: "rolled" })).body as { id: string; key: string };
    const { key: current } = (await t.api.rollApiKey!({ body: { id, gracePeriod: 60 } })) as { key: string };
    registerCredential(current);
    expect(await t.api.revokeCredentialByValue!({ body: { key: old } })).toEqual({ revoked: true });
    expect([await t.withKey(old), await t.withKey(current)]).toEqual([401, 401]);
  });

  it.each([
    ["apiKey() first", () => [apiKey(), bearer()]],
    ["bearer() first", () => [bearer(), apiKey()]],
  ])("leaves a legacy key alone where acceptLegacyKeys is off, in either plugin order (%s)", async (_, plugins) => {
    const t = createTestAuth({ plugins: plugins() });
    const alice = await t.signUp();
    const upstream = createTestAuth({ shareStorageWith: t, plugins: [upstreamApiKey()] });
    const legacy = (await upstream.auth.api.createApiKey({ body: { userId: alice.user.id, name: "legacy" } })).key;
    registerCredential(legacy);
    const api = t.auth.api as unknown as Record<string, (input: unknown) => Promise<unknown>>;
    expect(await api.revokeCredentialByValue!({ body: { key: legacy } })).toEqual({ revoked: true });
    expect((await t.rows("apikey")).map((row) => row.name)).toEqual(["legacy"]);
  });

  it("is seen by another instance of the fleet within its bound", async () => {
    const storage = sharedSecondaryStorage();
    const plugins = () => [apiKey({ cache: { ttl: 30 } })];
    const a = createTestAuth({ plugins: plugins(), options: { secondaryStorage: storage } });
    const b = createTestAuth({ shareStorageWith: a, plugins: plugins(), options: { secondaryStorage: storage } });
    const alice = await a.signUp();
    const created = await a.request("/api-key/create", { method: "POST", credential: alice, body: JSON.stringify({ name: "k" }) });
    const { key } = (await created.json()) as { key: string };
    const onB = createVerifier(b.auth);
    expect((await onB.authenticate({ "x-api-key": key })).ok).toBe(true);
    await (a.auth.api as unknown as Record<string, (input: unknown) => Promise<unknown>>).revokeCredentialByValue!({ body: { key } });
    const start = performance.now();
    while ((await onB.authenticate({ "x-api-key": key })).ok && performance.now() - start < 3000) await new Promise((r) => setTimeout(r, 20));
    expect(performance.now() - start).toBeLessThan(1000);
  });
});

describe("where a credential was last used", () => {
  it("records the IP by Better Auth's resolution and the truncated user agent, under the lastUsedAt throttle", async () => {
    const t = setup();
    const alice = await t.signUp();
    const { key, id } = (await t.send("/api-key/create", alice, { name: "k" })).body as { key: string; id: string };
    const token = await createToken(t, alice);
    const longAgent = `agent/${"x".repeat(2000)}`;
    expect((await t.route({ "x-api-key": key, "x-forwarded-for": "203.0.113.7", "user-agent": longAgent })).status).toBe(200);
    expect((await createVerifier(t.auth).authenticate({ authorization: `Bearer ${token.token}`, "x-forwarded-for": "198.51.100.9", "user-agent": "cli/1.0" })).ok).toBe(true);
    // Throttled: a second use within the interval writes nothing.
    expect((await t.route({ "x-api-key": key, "x-forwarded-for": "192.0.2.1", "user-agent": "other" })).status).toBe(200);
    const seen = async () => {
      const listedKey = ((await t.api.getApiKey!({ query: { id } })) as Record<string, unknown>);
      const listedToken = ((await t.api.listPersonalTokens!({ query: { userId: alice.user.id } })) as { tokens: Record<string, unknown>[] }).tokens[0]!;
      return { listedKey, listedToken };
    };
    let found = await seen();
    for (let attempt = 0; attempt < 50 && !(found.listedKey.lastUsedIp && found.listedToken.lastUsedIp); attempt += 1) {
      await new Promise((r) => setTimeout(r, 20));
      found = await seen();
    }
    expect(found.listedKey).toMatchObject({ lastUsedIp: "203.0.113.7", lastUsedUserAgent: longAgent.slice(0, 512) });
    expect(found.listedKey.lastUsedAt).toBeInstanceOf(Date);
    expect(found.listedToken).toMatchObject({ lastUsedIp: "198.51.100.9", lastUsedUserAgent: "cli/1.0" });
    const overHttp = (await t.send(`/api-key/get?id=${id}`, alice)).body;
    expect(overHttp).toMatchObject({ lastUsedIp: "203.0.113.7" });
  });
});


describe("server code sets what only the server may set", () => {
  it("gives any user's key a quota and its own rate limit by update, with no session", async () => {
    const t = setup();
    const alice = await t.signUp();
    const created = await t.auth.api.createApiKey({ body: { name: "metered", userId: alice.user.id } });
    registerCredential(created.key);
    const updated = await t.auth.api.updateApiKey({
      body: { id: created.id, remaining: 2, rateLimitEnabled: true, rateLimitTimeWindow: 60_000, rateLimitMax: 10 },
    });
    expect(updated).toMatchObject({ id: created.id, remaining: 2 });
    expect([await t.withKey(created.key), await t.withKey(created.key), await t.withKey(created.key)]).toEqual([200, 200, 429]);
    // The same body from the owner's own session may not set a rate limit.
    const fromClient = await t.request("/api-key/update", {
      method: "POST",
      credential: alice,
      body: JSON.stringify({ id: created.id, rateLimitEnabled: true, rateLimitTimeWindow: 60_000, rateLimitMax: 1000 }),
    });
    expect([fromClient.status, ((await fromClient.json()) as { code: string }).code]).toEqual([403, "RATE_LIMIT_NOT_ALLOWED"]);
  });
});
