import { createMemorySecondaryStorage } from "@better-auth-tokens/test-utils";
import { describe, expect, it } from "vitest";
import { createSharedRateLimiter, STORAGE_RETRY_INTERVAL_MS } from "./shared-rate-limiter";

function setup(increment = createMemorySecondaryStorage().increment) {
  const logs: string[] = [];
  const keys: string[] = [];
  const consume = createSharedRateLimiter(
    { max: 2, window: 10 },
    {
      increment: (key, ttl) => {
        keys.push(`${key} ttl=${ttl}`);
        return increment(key, ttl);
      },
      namespace: "ns",
      timeoutMs: 50,
      logger: { error: (message) => logs.push(`error: ${message}`), info: (message) => logs.push(`info: ${message}`) },
    },
  );
  return { consume, logs, keys };
}

describe("createSharedRateLimiter()", () => {
  it("counts per credential and epoch-aligned window, and says when the window ends", async () => {
    const { consume, keys } = setup();
    const at = 1_000_000 * 10_000 + 3_000; // 3 s into window 1,000,000
    // What is left, for the RateLimit fields: 2 per 10 s, the window ending 7 s after `at`.
    const budget = (remaining: number, resetSeconds: number) => ({ limit: 2, remaining, resetSeconds, windowSeconds: 10 });
    expect(await consume("id-1", at)).toEqual({ allowed: true, budget: budget(1, 7) });
    expect(await consume("id-1", at)).toEqual({ allowed: true, budget: budget(0, 7) });
    expect(await consume("id-1", at + 500)).toEqual({ allowed: false, retryAfterSeconds: 7, budget: budget(0, 7) });
    expect(await consume("id-2", at)).toEqual({ allowed: true, budget: budget(1, 7) });
    expect(await consume("id-1", at + 7_000)).toEqual({ allowed: true, budget: budget(1, 10) });
    expect(keys).toEqual([
      "ns:id-1:1000000 ttl=10",
      "ns:id-1:1000000 ttl=10",
      "ns:id-1:1000000 ttl=10",
      "ns:id-2:1000000 ttl=10",
      "ns:id-1:1000001 ttl=10",
    ]);
  });

  it("counts in memory while the storage fails, logs the switch once each way, and retries after an interval", async () => {
    let failing = true;
    const storage = createMemorySecondaryStorage();
    const { consume, logs } = setup(async (key, ttl) => {
      if (failing) throw new Error("connection refused to redis://10.0.0.1");
      return storage.increment(key, ttl);
    });
    const now = 5_000;
    const decisions = [];
    for (let i = 0; i < 5; i++) decisions.push(await consume("id", now));
    expect(decisions.map((d) => d.allowed)).toEqual([true, true, false, false, false]);
    expect(logs).toEqual([expect.stringMatching(/^error: .*secondaryStorage failed \(Error\); counting per instance/)]);
    expect(logs.join()).not.toContain("10.0.0.1");

    failing = false;
    // Within the interval the storage is not asked: still the in-memory count.
    expect(await consume("other", now + 1)).toMatchObject({ allowed: true });
    expect(await storage.get("ns:other:0")).toBeNull();
    const later = now + 50 + STORAGE_RETRY_INTERVAL_MS;
    expect(await consume("other", later)).toMatchObject({ allowed: true });
    expect(await storage.get(`ns:other:${Math.floor(later / 10_000)}`)).toBe("1");
    expect(logs).toHaveLength(2);
    expect(logs[1]).toMatch(/^info: .*answers again/);
  });

  it("counts in memory when the storage stalls past the timeout", async () => {
    const { consume, logs } = setup(() => new Promise<number>(() => {}));
    const started = performance.now();
    expect(await consume("id", 0)).toMatchObject({ allowed: true });
    expect(performance.now() - started).toBeLessThan(1_000);
    expect(logs).toEqual([expect.stringMatching(/secondaryStorage failed \(TimeoutError\)/)]);
  });
});
