import { Redis } from "ioredis";
import type { SecondaryStorage } from "better-auth";

const clients = new Set<{ redis: Redis; prefix: string }>();

/**
 * Better Auth `secondaryStorage` on Redis when TEST_SECONDARY_STORAGE=redis and REDIS_URL is set,
 * under a key prefix of its own so parallel suites never share keys.
 */
export function testSecondaryStorage(): SecondaryStorage | undefined {
  if (process.env.TEST_SECONDARY_STORAGE !== "redis") return undefined;
  const url = process.env.REDIS_URL;
  if (!url) throw new Error("TEST_SECONDARY_STORAGE=redis needs REDIS_URL");
  const redis = new Redis(url, { lazyConnect: false, maxRetriesPerRequest: 1 });
  const prefix = `bat-test:${crypto.randomUUID()}:`;
  clients.add({ redis, prefix });
  return {
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
}

/** Deletes this file's keys and closes its connections. */
export async function closeAllSecondaryStorage() {
  const closing = [...clients].map(async ({ redis, prefix }) => {
    const keys = await redis.keys(`${prefix}*`);
    if (keys.length) await redis.del(...keys);
    await redis.quit();
  });
  clients.clear();
  await Promise.all(closing);
}
