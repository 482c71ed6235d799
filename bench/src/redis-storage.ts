import { redisSecondaryStorage } from "@better-auth-tokens/test-utils";
import type { SecondaryStorage } from "better-auth";

/** Why the Redis rows are not measured, or undefined when they are. */
export const redisSkipReason = process.env.REDIS_URL ? undefined : "REDIS_URL is not set";

export interface CountedRedisStorage {
  storage: SecondaryStorage;
  /** Every call made to the storage so far, of any kind: a row divides it by its operations. */
  calls: { count: number };
  close: () => Promise<void>;
}

/**
 * Better Auth `secondaryStorage` on the Redis at REDIS_URL, under a prefix of its own (deleted on
 * close), counting its calls without adding an `await` of its own to the measured path.
 */
export function openCountedRedisStorage(): CountedRedisStorage {
  const url = process.env.REDIS_URL;
  if (!url) throw new Error("the Redis rows need REDIS_URL");
  const { storage, close } = redisSecondaryStorage(url, `bat-bench:${crypto.randomUUID()}:`);
  const calls = { count: 0 };
  const counted: SecondaryStorage = {
    get: (key) => (calls.count++, storage.get(key)),
    set: (key, value, ttl) => (calls.count++, storage.set(key, value, ttl)),
    delete: (key) => (calls.count++, storage.delete(key)),
    getAndDelete: (key) => (calls.count++, storage.getAndDelete(key)),
    increment: (key, ttl) => (calls.count++, storage.increment(key, ttl)),
  };
  return { storage: counted, calls, close };
}
