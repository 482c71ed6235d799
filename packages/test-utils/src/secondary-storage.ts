import { loadDriver } from "./load-driver";
import type { SecondaryStorage } from "better-auth";

const clients = new Set<RedisSecondaryStorage>();

/**
 * Better Auth `secondaryStorage` on Redis when TEST_SECONDARY_STORAGE=redis and REDIS_URL is set,
 * under a key prefix of its own so parallel suites never share keys.
 */
export function testSecondaryStorage(): SecondaryStorage | undefined {
  if (process.env.TEST_SECONDARY_STORAGE !== "redis") return undefined;
  const url = process.env.REDIS_URL;
  if (!url) throw new Error("TEST_SECONDARY_STORAGE=redis needs REDIS_URL");
  const redis = redisSecondaryStorage(url, `bat-test:${crypto.randomUUID()}:`);
  clients.add(redis);
  return redis.storage;
}

export interface RedisSecondaryStorage {
  storage: SecondaryStorage;
  /** Deletes every key under the prefix and closes the connection. */
  close(): Promise<void>;
}

/**
 * Better Auth `secondaryStorage` on Redis, every key under `prefix`: processes given the same
 * prefix share one storage, as the instances of a fleet do.
 */
export function redisSecondaryStorage(url: string, prefix: string): RedisSecondaryStorage {
  const redis = new (loadDriver("ioredis").Redis)(url, { lazyConnect: false, maxRetriesPerRequest: 1 });
  const storage: SecondaryStorage = {
    get: (key) => redis.get(prefix + key),
    set: async (key, value, ttl) => {
      if (ttl) await redis.set(prefix + key, value, "EX", ttl);
      else await redis.set(prefix + key, value);
    },
    delete: async (key) => {
      await redis.del(prefix + key);
    },
    getAndDelete: (key) => redis.getdel(prefix + key),
    increment: async (key, ttl) => {
      const [[, count]] = (await redis.multi().incr(prefix + key).expire(prefix + key, ttl, "NX").exec()) as [[null, number]];
      return count;
    },
  };
  async function close() {
    const keys = await redis.keys(`${prefix}*`);
    if (keys.length) await redis.del(...keys);
    await redis.quit();
  }
  return { storage, close };
}

/** Deletes this file's keys and closes its connections. */
export async function closeAllSecondaryStorage() {
  const closing = [...clients].map((client) => client.close());
  clients.clear();
  await Promise.all(closing);
}

/**
 * Better Auth `secondaryStorage` in this process's memory, with Redis's semantics (TTLs in
 * seconds; `increment` sets its TTL only when it creates the key), for the projects without Redis.
 */
export function createMemorySecondaryStorage(now: () => number = Date.now): SecondaryStorage {
  const values = new Map<string, { value: string; expiresAt: number }>();
  const read = (key: string) => {
    const entry = values.get(key);
    if (entry && entry.expiresAt <= now()) values.delete(key);
    return values.get(key);
  };
  const expiresAt = (ttl: number | undefined) => (ttl ? now() + ttl * 1000 : Number.POSITIVE_INFINITY);
  return {
    get: async (key) => read(key)?.value ?? null,
    set: async (key, value, ttl) => {
      values.set(key, { value, expiresAt: expiresAt(ttl) });
    },
    delete: async (key) => {
      values.delete(key);
    },
    getAndDelete: async (key) => {
      const value = read(key)?.value ?? null;
      values.delete(key);
      return value;
    },
    increment: async (key, ttl) => {
      const entry = read(key);
      const count = Number(entry?.value ?? 0) + 1;
      values.set(key, { value: String(count), expiresAt: entry?.expiresAt ?? expiresAt(ttl) });
      return count;
    },
  };
}

/** One storage for a fleet of test instances: Redis on the postgres+redis project, memory elsewhere. */
export function sharedSecondaryStorage(): SecondaryStorage {
  return testSecondaryStorage() ?? createMemorySecondaryStorage();
}

export type SecondaryStorageOperation = "get" | "set" | "delete" | "getAndDelete" | "increment";

/**
 * Wraps a storage to record every call, to fail the calls `fail` picks (a Redis outage) and to
 * leave unanswered the calls `stall` picks (a Redis that hangs). Both can be changed at any time.
 */
export function observeSecondaryStorage(inner: SecondaryStorage) {
  const calls: { operation: SecondaryStorageOperation; key: string }[] = [];
  const control = {
    calls,
    fail: undefined as ((operation: SecondaryStorageOperation, key: string) => boolean) | undefined,
    stall: undefined as ((operation: SecondaryStorageOperation, key: string) => boolean) | undefined,
    storage: undefined as unknown as SecondaryStorage,
  };
  const observed =
    <A extends [string, ...unknown[]], R>(operation: SecondaryStorageOperation, call: (...args: A) => R) =>
    async (...args: A): Promise<Awaited<R>> => {
      calls.push({ operation, key: args[0] });
      if (control.fail?.(operation, args[0])) throw new Error("secondary storage is down (test fault)");
      if (control.stall?.(operation, args[0])) return new Promise<never>(() => {});
      return await call(...args);
    };
  control.storage = {
    get: observed("get", (key: string) => inner.get(key)),
    set: observed("set", (key: string, value: string, ttl?: number) => inner.set(key, value, ttl)),
    delete: observed("delete", (key: string) => inner.delete(key)),
    getAndDelete: observed("getAndDelete", (key: string) => inner.getAndDelete(key)),
    increment: observed("increment", (key: string, ttl: number) => inner.increment(key, ttl)),
  };
  return control;
}
