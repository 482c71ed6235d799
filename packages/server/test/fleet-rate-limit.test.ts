import { testAdapterName } from "@better-auth-tokens/test-utils";
import { afterEach, describe, expect, it, vi } from "vitest";
import { apiKey, type ApiKeyOptions } from "../src/index";
import { createFleet, fleetStorage, fleetStorageName, incrementedKeys, type FleetInstance } from "./support/fleet";

const adapter = testAdapterName();
/** A week: long enough that no test run straddles two windows of the epoch-aligned clock. */
const WEEK = 7 * 24 * 3600;

afterEach(() => vi.useRealTimers());

async function createKeyOn(t: FleetInstance) {
  const alice = await t.signUp();
  const response = await t.request("/api-key/create", { method: "POST", credential: alice, body: JSON.stringify({ name: "fleet" }) });
  return (await response.json()) as { id: string; key: string };
}

function getSession(t: FleetInstance, key: string) {
  return t.request("/get-session", { headers: { "x-api-key": key } });
}

describe(`rate limits across instances with secondaryStorage [${adapter} + ${fleetStorageName}]`, () => {
  it("gives exactly 100 × 200 and 200 × 429 with Retry-After to 300 requests over 3 instances, limit 100", async () => {
    const storage = fleetStorage();
    const fleet = createFleet(3, () => [apiKey({ rateLimit: { max: 100, window: WEEK } })], storage.storage);
    const { id, key } = await createKeyOn(fleet[0]!);

    const responses = await Promise.all(Array.from({ length: 300 }, (_, i) => getSession(fleet[i % 3]!, key)));
    const ok = responses.filter((response) => response.status === 200);
    const limited = responses.filter((response) => response.status === 429);
    const retryAfter = limited.map((response) => Number(response.headers.get("retry-after")));
    console.log(`fleet rate limit: ${ok.length} × 200 and ${limited.length} × 429 of 300 requests over 3 instances, limit 100 [${adapter} + ${fleetStorageName}]`);
    expect(ok).toHaveLength(100);
    expect(limited).toHaveLength(200);
    expect(await limited[0]!.json()).toMatchObject({ code: "RATE_LIMITED" });
    // Every instance points at the same window end, whichever instance answered.
    expect(Math.min(...retryAfter)).toBeGreaterThan(0);
    expect(Math.max(...retryAfter)).toBeLessThanOrEqual(WEEK);
    expect(Math.max(...retryAfter) - Math.min(...retryAfter)).toBeLessThanOrEqual(2);

    // One increment per request, keyed by the credential's id, never by the key or its hash.
    expect(incrementedKeys(storage)).toHaveLength(300);
    const hash = (await fleet[0]!.rows("apikey"))[0]!.key as string;
    for (const counterKey of new Set(incrementedKeys(storage))) {
      expect(counterKey).toMatch(new RegExp(`^better-auth-tokens:rate-limit:default:${id}:\\d+$`));
      expect(counterKey).not.toContain(key);
      expect(counterKey).not.toContain(hash);
    }
  });

  it("makes no secondaryStorage call per request with the rate limit off", async () => {
    const storage = fleetStorage();
    const [t] = createFleet(1, () => [apiKey()], storage.storage);
    const { key } = await createKeyOn(t!);
    for (let i = 0; i < 20; i++) expect((await getSession(t!, key)).status).toBe(200);
    expect(incrementedKeys(storage)).toEqual([]);
  });

  it("counts per instance while secondaryStorage fails, and logs it once, not per request", async () => {
    const storage = fleetStorage();
    const options: ApiKeyOptions = { rateLimit: { max: 5, window: WEEK } };
    const [a, b] = createFleet(2, () => [apiKey(options)], storage.storage);
    const { key } = await createKeyOn(a!);
    expect((await getSession(a!, key)).status).toBe(200); // one counted in the storage

    storage.fail = (operation, key) => operation === "increment" && key.startsWith("better-auth-tokens:rate-limit:");
    const onA = await Promise.all(Array.from({ length: 20 }, () => getSession(a!, key)));
    const onB = await Promise.all(Array.from({ length: 20 }, () => getSession(b!, key)));
    // Each instance allows its own 5 (fail open to the per-instance limit, never unlimited).
    expect(onA.filter((response) => response.status === 200)).toHaveLength(5);
    expect(onB.filter((response) => response.status === 200)).toHaveLength(5);
    expect(onA.filter((response) => response.status === 429)).toHaveLength(15);
    const failures = (t: typeof a) => t!.logs.filter((line) => line.includes("secondaryStorage failed"));
    expect(failures(a)).toHaveLength(1);
    expect(failures(b)).toHaveLength(1);
  });

  it.each([
    { answer: "nothing", value: undefined },
    { answer: "a word", value: "many" },
    { answer: "ioredis's MULTI result instead of the count", value: [[null, 1], [null, 1]] },
  ])("counts per instance, logged once, when increment answers $answer instead of a count", async ({ value }) => {
    const observed = fleetStorage();
    const storage = { ...observed.storage, increment: async (key: string, ttl: number) => (key.startsWith("better-auth-tokens:rate-limit:") ? (value as unknown as number) : observed.storage.increment(key, ttl)) };
    const [a] = createFleet(1, () => [apiKey({ rateLimit: { max: 5, window: WEEK } })], storage);
    const { key } = await createKeyOn(a!);
    const responses = await Promise.all(Array.from({ length: 8 }, () => getSession(a!, key)));
    expect(responses.map((response) => response.status).sort()).toEqual([200, 200, 200, 200, 200, 429, 429, 429]);
    for (const response of responses) {
      for (const name of ["ratelimit-remaining", "ratelimit-reset"]) expect(response.headers.get(name)).toMatch(/^\d+$/);
    }
    expect(a!.logs.filter((line) => line.includes("secondaryStorage failed"))).toHaveLength(1);
  });

  it("logs a failing secondaryStorage once, not once per limit, and its recovery once", async () => {
    const storage = fleetStorage();
    const plugin = apiKey({ rateLimit: { max: 50, window: WEEK }, ownerRateLimit: { max: 500, window: WEEK } });
    const [a] = createFleet(1, () => [plugin], storage.storage);
    const { key } = await createKeyOn(a!);
    storage.fail = (operation, key) => operation === "increment" && key.startsWith("better-auth-tokens:rate-limit:");
    for (let i = 0; i < 5; i++) expect((await getSession(a!, key)).status).toBe(200);
    expect(a!.logs.filter((line) => line.includes("secondaryStorage failed"))).toHaveLength(1);

    storage.fail = undefined;
    // Past the retry: verificationTimeout (5 s) and 5 s more after the failure.
    vi.useFakeTimers({ now: Date.now() + 11_000, toFake: ["Date"] });
    for (let i = 0; i < 5; i++) expect((await getSession(a!, key)).status).toBe(200);
    expect(a!.logs.filter((line) => line.includes("secondaryStorage answers again"))).toHaveLength(1);
    expect(a!.logs.filter((line) => line.includes("secondaryStorage failed"))).toHaveLength(1);
  });
});
