import { registerCredential, testAdapterName, type SignedUpUser } from "@better-auth-tokens/test-utils";
import { describe, expect, it } from "vitest";
import { setupApiKeys } from "../../test/support/api-keys";
import { createFleet, fleetStorageName } from "../../test/support/fleet";
import { apiKey } from "./index";

const adapter = testAdapterName();
/** Long enough that no test straddles two windows of the epoch-aligned shared counters. */
const WEEK = 7 * 24 * 3600;

type Instance = Pick<ReturnType<typeof setupApiKeys>, "request">;

async function serverKey(t: ReturnType<typeof setupApiKeys>, user: SignedUpUser, body: Record<string, unknown> = {}) {
  const created = await t.auth.api.createApiKey({ body: { userId: user.user.id, name: "limited", ...body } });
  registerCredential(created.key);
  return created;
}

function getSession(t: Instance, key: string) {
  return t.request("/get-session", { headers: { "x-api-key": key } });
}

async function statuses(t: Instance, key: string, count: number) {
  const answers: number[] = [];
  for (let i = 0; i < count; i++) answers.push((await getSession(t, key)).status);
  return answers;
}

describe(`a key's own rate limit, set by the server [${adapter}]`, () => {
  it("beats the plugin's rateLimit, tighter or looser; other keys keep the plugin's", async () => {
    const t = setupApiKeys({ rateLimit: { max: 3, window: 60 } });
    const alice = await t.signUp();
    const tight = await serverKey(t, alice, { rateLimitEnabled: true, rateLimitMax: 1, rateLimitTimeWindow: 60_000 });
    const loose = await serverKey(t, alice, { rateLimitMax: 5, rateLimitTimeWindow: 60_000 });
    const plain = await serverKey(t, alice);

    expect(await statuses(t, tight.key, 2)).toEqual([200, 429]);
    expect(await statuses(t, loose.key, 6)).toEqual([200, 200, 200, 200, 200, 429]);
    expect(await statuses(t, plain.key, 4)).toEqual([200, 200, 200, 429]);
    const refused = await getSession(t, tight.key);
    expect(await refused.json()).toMatchObject({ code: "RATE_LIMITED" });
    expect(Number(refused.headers.get("retry-after"))).toBeGreaterThan(0);
    expect(Number(refused.headers.get("retry-after"))).toBeLessThanOrEqual(60);
  });

  it("applies when the plugin has no rateLimit, and needs a window and a maximum (400 INVALID_RATE_LIMIT)", async () => {
    const t = setupApiKeys();
    const alice = await t.signUp();
    await expect(serverKey(t, alice, { rateLimitEnabled: true, rateLimitMax: 2 })).rejects.toMatchObject({
      statusCode: 400,
      body: { code: "INVALID_RATE_LIMIT" },
    });
    const limited = await serverKey(t, alice, { rateLimitMax: 2, rateLimitTimeWindow: 60_000 });
    expect(await statuses(t, limited.key, 3)).toEqual([200, 200, 429]);
  });
});

describe(`ownerRateLimit: one count for all of an owner's keys [${adapter}]`, () => {
  it("is shared by two keys of one owner and not by another owner's key: 429 OWNER_RATE_LIMITED with Retry-After", async () => {
    const t = setupApiKeys({ ownerRateLimit: { max: 3, window: 60 } });
    const alice = await t.signUp();
    const bob = await t.signUp();
    const first = await t.createKey(alice, { name: "first" });
    const second = await t.createKey(alice, { name: "second" });
    const bobs = await t.createKey(bob);

    expect(await statuses(t, first.key, 2)).toEqual([200, 200]);
    expect(await statuses(t, second.key, 1)).toEqual([200]);
    const refused = await getSession(t, second.key);
    expect(refused.status).toBe(429);
    expect(await refused.json()).toMatchObject({ code: "OWNER_RATE_LIMITED" });
    expect(Number(refused.headers.get("retry-after"))).toBeGreaterThan(0);
    // A third key buys nothing either.
    const third = await t.createKey(alice, { name: "third" });
    expect((await getSession(t, third.key)).status).toBe(429);
    expect(await statuses(t, bobs.key, 3)).toEqual([200, 200, 200]);
  });

  it(`is exact across instances with secondaryStorage [${fleetStorageName}]`, async () => {
    const fleet = createFleet(2, () => [apiKey({ ownerRateLimit: { max: 10, window: WEEK } })]);
    const alice = await fleet[0]!.signUp();
    const create = async (t: (typeof fleet)[number]) => {
      const response = await t.request("/api-key/create", { method: "POST", credential: alice, body: JSON.stringify({ name: "fleet" }) });
      return (await response.json()) as { key: string };
    };
    const keys = [await create(fleet[0]!), await create(fleet[1]!)];
    const responses = await Promise.all(Array.from({ length: 40 }, (_, i) => getSession(fleet[i % 2]!, keys[Math.floor(i / 2) % 2]!.key)));
    const allowed = responses.filter((response) => response.status === 200).length;
    const limited = responses.filter((response) => response.status === 429).length;
    console.log(`owner rate limit: ${allowed} allowed, ${limited} × 429 OWNER_RATE_LIMITED of 40 parallel over 2 keys and 2 instances, limit 10 [${adapter} + ${fleetStorageName}]`);
    expect({ allowed, limited }).toEqual({ allowed: 10, limited: 30 });
  });
});
