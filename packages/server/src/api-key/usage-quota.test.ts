import { createTestAuth, registerCredential, testAdapterName, type SignedUpUser } from "@better-auth-tokens/test-utils";
import { describe, expect, it } from "vitest";
import { setupApiKeys } from "../../test/support/api-keys";
import { setupBearer } from "../../test/support/bearer";
import { apiKey, type ApiKeyOptions } from "./index";

const adapter = testAdapterName();

/** A key made by server code (no request, no headers), which may set any quota. */
async function serverKey(t: ReturnType<typeof setupApiKeys>, user: SignedUpUser, body: Record<string, unknown>) {
  const created = await t.auth.api.createApiKey({ body: { userId: user.user.id, name: "metered", ...body } });
  registerCredential(created.key);
  return created;
}

function getSession(t: { request: ReturnType<typeof setupApiKeys>["request"] }, key: string) {
  return t.request("/get-session", { headers: { "x-api-key": key } });
}

async function tally(responses: Response[]) {
  const allowed = responses.filter((response) => response.status === 200).length;
  const refused = responses.filter((response) => response.status === 429);
  const codes = new Set(await Promise.all(refused.map(async (response) => ((await response.json()) as { code: string }).code)));
  return { allowed, refused: refused.length, codes: [...codes], retryAfter: refused.map((response) => response.headers.get("retry-after")) };
}

describe(`usage quotas on new keys [${adapter}]`, () => {
  it("gives exactly `remaining` successes to 200 parallel requests, then 429 USAGE_EXCEEDED without Retry-After", async () => {
    const t = setupApiKeys();
    const alice = await t.signUp();
    const created = await serverKey(t, alice, { remaining: 100 });
    expect(created).toMatchObject({ remaining: 100, refillAmount: null, refillInterval: null });

    const counts = await tally(await Promise.all(Array.from({ length: 200 }, () => getSession(t, created.key))));
    console.log(`quota: ${counts.allowed} allowed, ${counts.refused} × 429 ${counts.codes.join(",")} of 200 parallel, remaining 100 [${adapter}]`);
    expect(counts).toMatchObject({ allowed: 100, refused: 100, codes: ["USAGE_EXCEEDED"] });
    // No refill: nothing to wait for, so no Retry-After.
    expect(counts.retryAfter.every((value) => value === null)).toBe(true);
    expect((await t.storedKeysOf(alice))[0]!.remaining).toBe(0);
  });

  it("stays exact across two instances sharing the database, each with its own cache", async () => {
    const a = setupApiKeys();
    const b = createTestAuth({ shareStorageWith: a, plugins: [apiKey()] });
    const alice = await a.signUp();
    const created = await serverKey(a, alice, { remaining: 102 });
    // Both instances cache the key first (2 uses, 100 left): the cached count must not be what decides.
    expect((await getSession(a, created.key)).status).toBe(200);
    expect((await getSession(b, created.key)).status).toBe(200);

    const responses = await Promise.all(Array.from({ length: 200 }, (_, i) => getSession(i % 2 ? b : a, created.key)));
    const counts = await tally(responses);
    console.log(`quota: ${counts.allowed} allowed, ${counts.refused} × 429 ${counts.codes.join(",")} of 200 parallel over 2 instances, remaining 100 [${adapter}]`);
    expect(counts).toMatchObject({ allowed: 100, refused: 100, codes: ["USAGE_EXCEEDED"] });
  });

  it("refills to refillAmount once refillInterval has passed, and says when in Retry-After", async () => {
    const t = setupApiKeys();
    const alice = await t.signUp();
    const created = await serverKey(t, alice, { remaining: 1, refillAmount: 5, refillInterval: 60_000 });
    expect(created).toMatchObject({ remaining: 1, refillAmount: 5, refillInterval: 60_000 });
    expect(created.lastRefillAt).not.toBeNull();
    expect((await getSession(t, created.key)).status).toBe(200);

    const refused = await getSession(t, created.key);
    expect(refused.status).toBe(429);
    expect(await refused.json()).toMatchObject({ code: "USAGE_EXCEEDED" });
    const retryAfter = Number(refused.headers.get("retry-after"));
    expect(retryAfter).toBeGreaterThan(0);
    expect(retryAfter).toBeLessThanOrEqual(60);

    const context = await t.auth.$context;
    await context.adapter.update({ model: "apikey", where: [{ field: "id", value: created.id }], update: { lastRefillAt: new Date(Date.now() - 61_000) } });
    const verified = await t.auth.api.verifyApiKey({ body: { key: created.key } });
    // The answer holds the count the database left, not the cached one.
    expect(verified).toMatchObject({ valid: true, key: { remaining: 4, refillAmount: 5 } });
    expect((await t.storedKeysOf(alice))[0]!.remaining).toBe(4);
  });

  it("refuses an inconsistent quota with 400 INVALID_QUOTA and writes nothing", async () => {
    const t = setupApiKeys();
    const alice = await t.signUp();
    await expect(t.auth.api.createApiKey({ body: { userId: alice.user.id, name: "k", refillAmount: 5 } })).rejects.toMatchObject({
      statusCode: 400,
      body: { code: "INVALID_QUOTA" },
    });
    expect(await t.storedKeysOf(alice)).toHaveLength(0);
  });
});

describe("what a signed-in user may set", () => {
  it("sets no quota and no rate limit by default: 403 QUOTA_NOT_ALLOWED / RATE_LIMIT_NOT_ALLOWED, nothing written", async () => {
    const t = setupApiKeys();
    const alice = await t.signUp();
    const quota = await t.json(await t.post("/api-key/create", alice, { name: "k", remaining: 10 }));
    expect(quota).toMatchObject({ status: 403, body: { code: "QUOTA_NOT_ALLOWED" } });
    const limit = await t.json(await t.post("/api-key/create", alice, { name: "k", rateLimitMax: 1000, rateLimitTimeWindow: 1000 }));
    expect(limit).toMatchObject({ status: 403, body: { code: "RATE_LIMIT_NOT_ALLOWED" } });
    expect(await t.storedKeysOf(alice)).toHaveLength(0);

    const key = await t.createKey(alice);
    const update = await t.json(await t.post("/api-key/update", alice, { id: key.id, rateLimitEnabled: false }));
    expect(update).toMatchObject({ status: 403, body: { code: "RATE_LIMIT_NOT_ALLOWED" } });
    expect((await t.storedKeysOf(alice))[0]!.rateLimitEnabled).toBeFalsy();
  });

  it("sets a quota within clientQuota's bounds, then only tightens it", async () => {
    const options: ApiKeyOptions = { clientQuota: { maxRemaining: 1000, minRefillInterval: 60_000 } };
    const t = setupApiKeys(options);
    const alice = await t.signUp();
    const refuse = async (path: string, body: Record<string, unknown>) =>
      expect(await t.json(await t.post(path, alice, body))).toMatchObject({ status: 403, body: { code: "QUOTA_NOT_ALLOWED" } });
    await refuse("/api-key/create", { name: "k", remaining: 1001 });
    await refuse("/api-key/create", { name: "k", remaining: 10, refillAmount: 10, refillInterval: 1000 });
    expect(await t.storedKeysOf(alice)).toHaveLength(0);

    const key = await t.createKey(alice, { name: "k", remaining: 100, refillAmount: 100, refillInterval: 3_600_000 });
    expect(key).toMatchObject({ remaining: 100, refillAmount: 100, refillInterval: 3_600_000 });
    // Lifting it in any way is refused.
    await refuse("/api-key/update", { id: key.id, remaining: 101 });
    await refuse("/api-key/update", { id: key.id, remaining: null });
    await refuse("/api-key/update", { id: key.id, refillAmount: 200 });
    await refuse("/api-key/update", { id: key.id, refillInterval: 60_000 });
    expect((await t.storedKeysOf(alice))[0]).toMatchObject({ remaining: 100, refillAmount: 100, refillInterval: 3_600_000 });

    const tightened = await t.json(await t.post("/api-key/update", alice, { id: key.id, remaining: 10, refillInterval: 7_200_000 }));
    expect(tightened).toMatchObject({ status: 200, body: { remaining: 10, refillAmount: 100, refillInterval: 7_200_000 } });
    const listed = await t.client(alice).$fetch<{ apiKeys: { id: string; remaining: number | null }[] }>("/api-key/list");
    expect(listed.data?.apiKeys).toEqual([expect.objectContaining({ id: key.id, remaining: 10, refillAmount: 100, refillInterval: 7_200_000, lastRefillAt: expect.any(Date) })]);
  });
});

describe(`usage quotas on personal tokens [${adapter}]`, () => {
  it("counts a server-set quota down to 429 USAGE_EXCEEDED; a signed-in user needs clientQuota", async () => {
    const t = setupBearer();
    const alice = await t.signUp();
    const created = await t.auth.api.createPersonalToken({ body: { userId: alice.user.id, name: "metered", remaining: 2 } });
    registerCredential(created.token);
    expect(created).toMatchObject({ remaining: 2, refillAmount: null });
    const send = () => t.request("/get-session", { headers: { authorization: `Bearer ${created.token}` } });
    expect([(await send()).status, (await send()).status]).toEqual([200, 200]);
    const refused = await send();
    expect(refused.status).toBe(429);
    expect(await refused.json()).toMatchObject({ code: "USAGE_EXCEEDED" });

    await expect(t.createToken(alice, { name: "mine", remaining: 5 })).rejects.toThrow("403 QUOTA_NOT_ALLOWED");
    const allowed = setupBearer({ clientQuota: { maxRemaining: 10 } });
    const bob = await allowed.signUp();
    expect(await allowed.createToken(bob, { name: "mine", remaining: 5 })).toMatchObject({ remaining: 5 });
    await expect(allowed.createToken(bob, { name: "more", remaining: 11 })).rejects.toThrow("403 QUOTA_NOT_ALLOWED");
  });

  it("never hands back uses spent while a signed-in user's update was checking the quota", async () => {
    const t = setupBearer({ clientQuota: { maxRemaining: 10 } });
    const alice = await t.signUp();
    const created = await t.auth.api.createPersonalToken({ body: { userId: alice.user.id, name: "metered", remaining: 3 } });
    registerCredential(created.token);
    const use = () => t.request("/get-session", { headers: { authorization: `Bearer ${created.token}` } }).then((response) => response.status);
    // The update reads the token, then waits while its three uses are spent, then writes.
    let release = () => undefined as void;
    const gate = new Promise<void>((resolve) => (release = resolve));
    let reached = () => undefined as void;
    const read = new Promise<void>((resolve) => (reached = resolve));
    t.faults.afterCall = async (call, args) => {
      if (call.model !== "apikey" || call.method !== "findOne" || !JSON.stringify(args.where).includes("referenceId")) return;
      t.faults.afterCall = undefined;
      reached();
      await gate;
    };
    // "Tightened" to the 3 it read: allowed then, a lift by the time it is written.
    const update = t.request("/bearer/update-token", { method: "POST", credential: alice, body: JSON.stringify({ id: created.id, remaining: 3 }) });
    await read;
    const spent = [await use(), await use(), await use()];
    release();
    const answer = await update;
    expect([spent, answer.status, ((await answer.json()) as { code?: string }).code]).toEqual([[200, 200, 200], 403, "QUOTA_NOT_ALLOWED"]);
    expect(await use()).toBe(429);
  });

  it("changes a token's quota on update as on an API key: server code tops it up, a signed-in user may only tighten it", async () => {
    const t = setupBearer({ clientQuota: { maxRemaining: 10 } });
    const alice = await t.signUp();
    const created = await t.auth.api.createPersonalToken({ body: { userId: alice.user.id, name: "metered", remaining: 1 } });
    registerCredential(created.token);
    const send = () => t.request("/get-session", { headers: { authorization: `Bearer ${created.token}` } });
    expect([(await send()).status, (await send()).status]).toEqual([200, 429]);

    const toppedUp = await t.auth.api.updatePersonalToken({ body: { id: created.id, remaining: 2 } });
    expect(toppedUp).toMatchObject({ id: created.id, remaining: 2 });
    expect([(await send()).status, (await send()).status, (await send()).status]).toEqual([200, 200, 429]);

    const update = (body: Record<string, unknown>) =>
      t.request("/bearer/update-token", { method: "POST", credential: alice, body: JSON.stringify({ id: created.id, ...body }) });
    const lifted = await update({ remaining: 5 });
    expect([lifted.status, ((await lifted.json()) as { code: string }).code]).toEqual([403, "QUOTA_NOT_ALLOWED"]);
    const limited = await update({ rateLimitEnabled: true, rateLimitMax: 1, rateLimitTimeWindow: 60_000 });
    expect([limited.status, ((await limited.json()) as { code: string }).code]).toEqual([403, "RATE_LIMIT_NOT_ALLOWED"]);
    expect(((await t.auth.api.listPersonalTokens({ query: { userId: alice.user.id } })) as { tokens: { remaining: number | null }[] }).tokens).toEqual([
      expect.objectContaining({ remaining: 0 }),
    ]);
  });
});
