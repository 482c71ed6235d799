import { apiKey as upstreamApiKey } from "@better-auth/api-key";
import { createTestAuth, registerCredential, summarizeAdapterCalls } from "@better-auth-tokens/test-utils";
import { describe, expect, it } from "vitest";
import { organization } from "better-auth/plugins";
import { setupApiKeys } from "../../test/support/api-keys";
import { organizationAccess, organizationRoles, setupOrganizationKeys } from "../../test/support/organizations";
import { createVerifier } from "../verifier/index";
import { bearer } from "../bearer/index";
import { apiKey } from "./index";

/** A key's row as the adapter reads it: booleans as booleans on every database (MySQL stores 0 and 1). */
async function storedKey(t: ReturnType<typeof setupApiKeys>, id: string) {
  const context = await t.auth.$context;
  return context.adapter.findOne<Record<string, unknown>>({ model: "apikey", where: [{ field: "id", value: id }] });
}

describe("keys move between @better-auth/api-key and apiKey()", () => {
  it("verifies a key we created through upstream's verifyApiKey (default hashing)", async () => {
    const ours = setupApiKeys();
    const upstream = createTestAuth({ shareStorageWith: ours, plugins: [upstreamApiKey()] });
    const alice = await ours.signUp();
    const created = await ours.createKey(alice);

    const result = await upstream.auth.api.verifyApiKey({ body: { key: created.key } });
    expect(result.valid).toBe(true);
    expect(result.key?.id).toBe(created.id);
  });

  it("verifies a key plain upstream created when acceptLegacyKeys is on", async () => {
    const ours = setupApiKeys({ acceptLegacyKeys: true });
    const upstream = createTestAuth({ shareStorageWith: ours, plugins: [upstreamApiKey()] });
    const alice = await ours.signUp();
    const legacy = await upstream.auth.api.createApiKey({ body: { userId: alice.user.id, name: "legacy" } });

    const session = await ours.protectedRoute({ "x-api-key": legacy.key });
    expect(session.status).toBe(200);
    expect(session.session?.user.id).toBe(alice.user.id);
  });

  it("rejects a legacy key before any database read when acceptLegacyKeys is off", async () => {
    const ours = setupApiKeys();
    const upstream = createTestAuth({ shareStorageWith: ours, plugins: [upstreamApiKey()] });
    const alice = await ours.signUp();
    const legacy = await upstream.auth.api.createApiKey({ body: { userId: alice.user.id, name: "legacy" } });

    const before = ours.adapterCalls.length;
    expect((await ours.protectedRoute({ "x-api-key": legacy.key })).status).toBe(401);
    expect(summarizeAdapterCalls(ours.adapterCalls.slice(before))).toMatchObject({ reads: 0, writes: 0 });
  });
});

describe("going back to @better-auth/api-key (docs/migration.md#going-back)", () => {
  it("upstream's session hook takes our keys only with a defaultKeyLength at most their length", async () => {
    const ours = setupApiKeys();
    const alice = await ours.signUp();
    const created = await ours.createKey(alice);
    expect(created.key).toHaveLength(41);
    const strict = createTestAuth({ shareStorageWith: ours, plugins: [upstreamApiKey({ enableSessionForAPIKeys: true })] });
    expect((await strict.request("/get-session", { headers: { "x-api-key": created.key } })).status).toBe(403);
    const fitted = createTestAuth({ shareStorageWith: ours, plugins: [upstreamApiKey({ enableSessionForAPIKeys: true, defaultKeyLength: 32 })] });
    const session = await fitted.request("/get-session", { headers: { "x-api-key": created.key } });
    expect(session.status).toBe(200);
    expect(((await session.json()) as { user: { id: string } }).user.id).toBe(alice.user.id);
  });

  it("upstream's verifyApiKey takes a personal token as an API key unless called with configId", async () => {
    const ours = createTestAuth({ plugins: [apiKey(), bearer()] });
    const upstream = createTestAuth({ shareStorageWith: ours, plugins: [upstreamApiKey()] });
    const alice = await ours.signUp();
    const response = await ours.request("/bearer/create-token", { method: "POST", credential: alice, body: JSON.stringify({ name: "cli" }) });
    const { token } = (await response.json()) as { token: string };
    expect((await upstream.auth.api.verifyApiKey({ body: { key: token } })).valid).toBe(true);
    expect((await upstream.auth.api.verifyApiKey({ body: { key: token, configId: "default" } })).valid).toBe(false);
  });

  it("a key upstream stored in plaintext (disableKeyHashing) is not found by ours, acceptLegacyKeys or not", async () => {
    const ours = setupApiKeys({ acceptLegacyKeys: true });
    const upstream = createTestAuth({ shareStorageWith: ours, plugins: [upstreamApiKey({ disableKeyHashing: true })] });
    const alice = await ours.signUp();
    const plain = await upstream.auth.api.createApiKey({ body: { userId: alice.user.id, name: "plain" } });
    expect(await ours.auth.api.verifyApiKey({ body: { key: plain.key } })).toMatchObject({ valid: false, error: { code: "INVALID_CREDENTIAL" } });
  });
});

describe("acceptLegacyKeys honours what upstream stored", () => {
  async function legacySetup(body: Record<string, unknown>) {
    const ours = setupApiKeys({ acceptLegacyKeys: true });
    const upstream = createTestAuth({ shareStorageWith: ours, plugins: [upstreamApiKey()] });
    const alice = await ours.signUp();
    const legacy = await upstream.auth.api.createApiKey({ body: { userId: alice.user.id, name: "legacy", ...body } });
    const verify = async (key = legacy.key) => {
      const result = await ours.auth.api.verifyApiKey({ body: { key } });
      return result.valid ? "valid" : result.error.code;
    };
    return { ours, upstream, alice, legacy, verify };
  }

  async function verifyTimes(verify: (key: string) => Promise<string>, key: string, count: number) {
    const answers: string[] = [];
    for (let i = 0; i < count; i++) answers.push(await verify(key));
    return answers;
  }

  it("counts down remaining uses and refuses at 0 with USAGE_EXCEEDED, also through getSession", async () => {
    const { ours, legacy, verify } = await legacySetup({ remaining: 2 });
    expect(await verify()).toBe("valid");
    expect((await ours.protectedRoute({ "x-api-key": legacy.key })).status).toBe(200);
    expect(await verify()).toBe("USAGE_EXCEEDED");
    // A used-up quota says "later" everywhere, as a rate limit does.
    expect((await ours.protectedRoute({ "x-api-key": legacy.key })).status).toBe(429);
    expect((await ours.rows("apikey"))[0]!.remaining).toBe(0);
  });

  it("gives exactly `remaining` successes to parallel requests", async () => {
    const { verify } = await legacySetup({ remaining: 5 });
    const results = await Promise.all(Array.from({ length: 20 }, verify));
    expect(results.filter((result) => result === "valid")).toHaveLength(5);
    expect(results.filter((result) => result === "USAGE_EXCEEDED")).toHaveLength(15);
  });

  it("refills as upstream would once refillInterval has passed since the last refill", async () => {
    const { ours, verify } = await legacySetup({ remaining: 1, refillAmount: 3, refillInterval: 60_000 });
    expect(await verify()).toBe("valid");
    expect(await verify()).toBe("USAGE_EXCEEDED");
    const row = (await ours.rows("apikey"))[0]!;
    const context = await ours.auth.$context;
    await context.adapter.update({
      model: "apikey",
      where: [{ field: "id", value: row.id as string }],
      update: { lastRefillAt: new Date(Date.now() - 61_000), createdAt: new Date(Date.now() - 61_000) },
    });
    expect(await verify()).toBe("valid");
    expect((await ours.rows("apikey"))[0]!.remaining).toBe(2);
  });

  it("reads metadata an older upstream stored double-encoded, as upstream reads it", async () => {
    // Older versions of `@better-auth/api-key` stringified metadata before the column's own
    // transform did again; upstream still reads such rows (and rewrites them when it reads one).
    const { ours, legacy, verify } = await legacySetup({});
    const alice = (await ours.rows("user"))[0]!;
    const context = await ours.auth.$context;
    // A string through the column's transform is stored as JSON text of JSON text.
    await context.adapter.update({ model: "apikey", where: [{ field: "id", value: legacy.id }], update: { metadata: JSON.stringify({ plan: "pro" }) } });
    expect(await verify()).toBe("valid");
    const verified = await ours.auth.api.verifyApiKey({ body: { key: legacy.key } });
    expect(verified.key?.metadata).toEqual({ plan: "pro" });
    const listed = await ours.auth.api.listApiKeys({ query: { userId: alice.id as string } });
    expect(listed.apiKeys[0]!.metadata).toEqual({ plan: "pro" });
  });

  it.each<[string, Record<string, unknown>, string, number]>([
    ["disabled", { enabled: false }, "KEY_DISABLED", 401],
    ["expired", { expiresAt: new Date(Date.now() - 1000) }, "KEY_EXPIRED", 401],
    ["used up", { remaining: 0 }, "USAGE_EXCEEDED", 429],
  ])("keeps refusing a key upstream stored as %s", async (_, stored, code, status) => {
    const { ours, legacy, verify } = await legacySetup({});
    const context = await ours.auth.$context;
    await context.adapter.update({ model: "apikey", where: [{ field: "id", value: legacy.id }], update: stored });
    expect(await verify()).toBe(code);
    expect((await ours.protectedRoute({ "x-api-key": legacy.key })).status).toBe(status);
  });

  // Upstream writes every row with its limiter on (10 a day), which we never applied to its keys.
  describe("a key upstream made, rolled or given a limit", () => {
    it("keeps no limit of its own once rolled: 12 verifications in a row, and the row takes our prefix", async () => {
      const { ours, alice, legacy, verify } = await legacySetup({});
      expect(await storedKey(ours, legacy.id)).toMatchObject({ rateLimitEnabled: true, rateLimitMax: 10, prefix: null });
      const response = await ours.post("/api-key/roll", alice, { id: legacy.id });
      expect(response.status).toBe(200);
      const rolled = (await response.json()) as { key: string; start: string };
      expect(rolled.key.startsWith("ba_")).toBe(true);
      expect(await verifyTimes(verify, rolled.key, 12)).toEqual(Array(12).fill("valid"));
      expect(await storedKey(ours, legacy.id)).toMatchObject({ rateLimitEnabled: false, prefix: "ba_", start: rolled.start });
    });

    it("refuses a server-side limit before the roll with 400 ROLL_BEFORE_RATE_LIMIT, writing nothing; turning it off is allowed", async () => {
      const { ours, legacy, verify } = await legacySetup({});
      const before = (await ours.rows("apikey"))[0];
      for (const body of [{ rateLimitMax: 2, rateLimitTimeWindow: 60_000 }, { rateLimitEnabled: true }, { rateLimitEnabled: true, rateLimitMax: 2, name: "renamed" }]) {
        await expect(ours.auth.api.updateApiKey({ body: { id: legacy.id, ...body } })).rejects.toMatchObject({
          statusCode: 400,
          body: { code: "ROLL_BEFORE_RATE_LIMIT" },
        });
      }
      expect((await ours.rows("apikey"))[0]).toEqual(before);
      const off = await ours.auth.api.updateApiKey({ body: { id: legacy.id, rateLimitEnabled: false } });
      expect(off.id).toBe(legacy.id);
      expect((await storedKey(ours, legacy.id))!.rateLimitEnabled).toBe(false);
      expect(await verify()).toBe("valid");
    });

    it("takes a server-side limit once rolled, and enforces it", async () => {
      const { ours, legacy, verify } = await legacySetup({});
      const rolled = await ours.auth.api.rollApiKey({ body: { id: legacy.id } });
      registerCredential(rolled.key);
      await ours.auth.api.updateApiKey({ body: { id: legacy.id, rateLimitMax: 2, rateLimitTimeWindow: 60_000 } });
      expect(await verifyTimes(verify, rolled.key, 3)).toEqual(["valid", "valid", "RATE_LIMITED"]);
    });
  });
});

describe("organization keys move between @better-auth/api-key and apiKey()", () => {
  const configurations = [
    { configId: "default", acceptLegacyKeys: true },
    { configId: "organization", references: "organization" as const, acceptLegacyKeys: true },
  ];
  async function both() {
    const ours = setupOrganizationKeys(configurations);
    const upstream = createTestAuth({
      shareStorageWith: ours,
      plugins: [
        organization({ ac: organizationAccess, roles: organizationRoles }),
        upstreamApiKey([
          { configId: "default", references: "user" },
          { configId: "organization", references: "organization" },
        ]),
      ],
    });
    const org = await ours.createOrganization();
    return { ours, upstream, org };
  }

  it("verifies an organization's key plain upstream created, with acceptLegacyKeys, as the organization's", async () => {
    const { ours, upstream, org } = await both();
    const legacy = await upstream.auth.api.createApiKey({
      body: { configId: "organization", organizationId: org.id, userId: org.owner.user.id, name: "legacy team key" },
    });
    const verified = await ours.api.verifyApiKey!({ body: { key: legacy.key } });
    expect(verified).toMatchObject({ valid: true, owner: { type: "organization", id: org.id }, key: { id: legacy.id, createdBy: null } });
    const accepted = await createVerifier(ours.auth).authenticate({ "x-api-key": legacy.key }, { organizationKeys: "accept" });
    expect(accepted).toMatchObject({ ok: true, owner: { type: "organization", id: org.id }, user: null });
    // Still no user session for it, as upstream gives none.
    expect(await (await ours.request("/get-session", { headers: { "x-api-key": legacy.key } })).json()).toBeNull();
    // It is listed with the organization's keys.
    const listed = await ours.send(`/api-key/list?organizationId=${org.id}`, org.owner);
    expect((listed.body as unknown as { apiKeys: { id: string }[] }).apiKeys.map((key) => key.id)).toEqual([legacy.id]);
  });

  it("verifies an organization's key we created through upstream's verifyApiKey (default hashing)", async () => {
    const { ours, upstream, org } = await both();
    const created = await ours.createOrganizationKey(org.owner, org.id);
    const result = await upstream.auth.api.verifyApiKey({ body: { key: created.key, configId: "organization" } });
    expect(result.valid).toBe(true);
    expect(result.key).toMatchObject({ id: created.id, referenceId: org.id });
  });
});

describe("a roll of a key we made", () => {
  it("keeps the limit server code set on it, and its prefix", async () => {
    const ours = setupApiKeys();
    const alice = await ours.signUp();
    const created = await ours.auth.api.createApiKey({ body: { userId: alice.user.id, name: "limited", rateLimitMax: 2, rateLimitTimeWindow: 60_000 } });
    registerCredential(created.key);
    const rolled = await ours.auth.api.rollApiKey({ body: { id: created.id } });
    registerCredential(rolled.key);
    expect(await storedKey(ours, created.id)).toMatchObject({ rateLimitEnabled: true, rateLimitMax: 2, rateLimitTimeWindow: 60_000, prefix: "ba_" });
    const verify = async () => {
      const result = await ours.auth.api.verifyApiKey({ body: { key: rolled.key } });
      return result.valid ? "valid" : result.error.code;
    };
    expect([await verify(), await verify(), await verify()]).toEqual(["valid", "valid", "RATE_LIMITED"]);
  });
});
