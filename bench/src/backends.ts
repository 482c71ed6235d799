import { apiKey as upstreamApiKey, defaultKeyHasher } from "@better-auth/api-key";
import { kyselyAdapter } from "@better-auth/kysely-adapter";
import { memoryAdapter, type MemoryDB } from "@better-auth/memory-adapter";
import { apiKey, bearer } from "@better-auth-tokens/server";
import { countAdapterCalls, type AdapterCallLog } from "@better-auth-tokens/test-utils";
import { createClient } from "@libsql/client";
import { LibsqlDialect } from "@libsql/kysely-libsql";
import { betterAuth, type BetterAuthOptions } from "better-auth";
import { getAuthTables } from "better-auth/db";
import { getMigrations } from "better-auth/db/migration";
import { Kysely } from "kysely";
import { BASE_AUTH_OPTIONS as BASE } from "./auth-options";
import { openCountedRedisStorage, redisSkipReason, type CountedRedisStorage } from "./redis-storage";

export type BackendName = "memory" | "sqlite";

/** A limit no benchmark run reaches: the row prices counting, never a refusal. */
const UNREACHED_RATE_LIMIT = { max: 1_000_000_000, window: 60 };

/** What the benchmark calls on an auth instance; the full inferred types are too large to name. */
export interface BenchAuth {
  api: { getSession: (input: { headers: Headers }) => Promise<unknown> };
  $context: PromiseLike<object>;
}

export interface Backend {
  name: BackendName;
  keyCount: number;
  floor: BenchAuth;
  upstream: BenchAuth;
  oursCached: BenchAuth;
  oursUncached: BenchAuth;
  logs: { floor: AdapterCallLog; upstream: AdapterCallLog; oursCached: AdapterCallLog; oursUncached: AdapterCallLog };
  /** Ours, cache on, with Redis as `secondaryStorage`: absent when REDIS_URL is not set. */
  redis?: { rateLimitOff: RedisInstance; rateLimitOn: RedisInstance };
  ourKey: string;
  upstreamKey: string;
  personalToken: string;
  close: () => Promise<void>;
}

export interface RedisInstance {
  auth: BenchAuth;
  adapterCalls: AdapterCallLog;
  storageCalls: CountedRedisStorage["calls"];
}

/** A database holding `keyCount` keys, and every auth instance the benchmark compares on it. */
export async function createBackend(name: BackendName, keyCount: number): Promise<Backend> {
  const storage = await openStorage(name);
  // A factory per instance: Better Auth's adapters run transactions with the options of the last
  // instance their factory was called for, and instances with secondaryStorage have no session table.
  const counted = (log: AdapterCallLog) => countAdapterCalls(storage.newAdapterFactory(), log);

  const logs = {
    floor: [] as AdapterCallLog,
    upstream: [] as AdapterCallLog,
    oursCached: [] as AdapterCallLog,
    oursUncached: [] as AdapterCallLog,
  };
  // Better Auth with no plugin at all: what any request costs before a plugin adds anything.
  const floor = betterAuth({ ...BASE, database: counted(logs.floor) });
  const upstream = betterAuth({
    ...BASE,
    database: counted(logs.upstream),
    // Upstream's default limit (10 a day) would fail the run; turned off to measure verification.
    plugins: [upstreamApiKey({ enableSessionForAPIKeys: true, rateLimit: { enabled: false } })],
  });
  const oursCached = betterAuth({ ...BASE, database: counted(logs.oursCached), plugins: [apiKey(), bearer()] });
  const oursUncached = betterAuth({
    ...BASE,
    database: counted(logs.oursUncached),
    plugins: [apiKey({ cache: false }), bearer({ cache: false })],
  });

  // The same plugins as oursCached on the same database, with Redis: each its own storage prefix.
  const redisStorages: CountedRedisStorage[] = [];
  const withRedis = (rateLimit: typeof UNREACHED_RATE_LIMIT | false): RedisInstance => {
    const redis = openCountedRedisStorage();
    redisStorages.push(redis);
    const adapterCalls: AdapterCallLog = [];
    const auth = betterAuth({
      ...BASE,
      database: counted(adapterCalls),
      secondaryStorage: redis.storage,
      plugins: [apiKey({ rateLimit }), bearer({ rateLimit })],
    });
    return { auth, adapterCalls, storageCalls: redis.calls };
  };
  const redis = redisSkipReason ? undefined : { rateLimitOff: withRedis(false), rateLimitOn: withRedis(UNREACHED_RATE_LIMIT) };

  await storage.migrate(oursCached.options);
  const { user } = await oursCached.api.signUpEmail({
    body: { email: "bench@example.com", password: "correct-horse-battery", name: "Bench" },
  });
  const ourKey = (await oursCached.api.createApiKey({ body: { name: "bench", userId: user.id } })) as { key: string };
  const upstreamKey = await upstream.api.createApiKey({ body: { name: "bench", userId: user.id } });
  const personalToken = (await oursCached.api.createPersonalToken({ body: { name: "bench", userId: user.id } })) as { token: string };
  // Other users' keys: they fill the table and its index, and the bench user's cap stays free.
  const { user: fillerOwner } = await oursCached.api.signUpEmail({
    body: { email: "others@example.com", password: "correct-horse-battery", name: "Others" },
  });
  await storage.insertFillerKeys(keyCount - 1, fillerOwner.id);

  return {
    name,
    keyCount,
    floor,
    upstream,
    oursCached,
    oursUncached,
    logs,
    ...(redis ? { redis } : {}),
    ourKey: ourKey.key,
    upstreamKey: upstreamKey.key,
    personalToken: personalToken.token,
    close: async () => {
      await Promise.all(redisStorages.map((redis) => redis.close()));
      await storage.close();
    },
  };
}

async function openStorage(name: BackendName) {
  if (name === "memory") {
    const db: MemoryDB = {};
    return {
      newAdapterFactory: () => memoryAdapter(db),
      async migrate(options: BetterAuthOptions) {
        for (const table of Object.values(getAuthTables(options))) db[table.modelName] ??= [];
      },
      async insertFillerKeys(count: number, ownerId: string) {
        for (let i = 0; i < count; i++) db.apikey!.push(await fillerRow(i, ownerId));
      },
      close: async () => {},
    };
  }
  const client = createClient({ url: ":memory:" });
  const kysely = new Kysely<Record<string, Record<string, unknown>>>({ dialect: new LibsqlDialect({ client }) });
  return {
    newAdapterFactory: () => kyselyAdapter(kysely, { type: "sqlite" }),
    async migrate(options: BetterAuthOptions) {
      const { runMigrations } = await getMigrations({ ...options, database: { db: kysely, type: "sqlite" } });
      await runMigrations();
    },
    async insertFillerKeys(count: number, ownerId: string) {
      const batch = 500;
      for (let start = 0; start < count; start += batch) {
        const rows = [];
        for (let i = start; i < Math.min(count, start + batch); i++) {
          const row = await fillerRow(i, ownerId);
          rows.push({ ...row, createdAt: row.createdAt.toISOString(), updatedAt: row.updatedAt.toISOString(), enabled: 1, rateLimitEnabled: 0 });
        }
        await kysely.insertInto("apikey").values(rows).execute();
      }
    },
    close: () => kysely.destroy(),
  };
}

/** A row with a real hash of a random key nobody holds: what other users' keys look like. */
async function fillerRow(index: number, ownerId: string) {
  const now = new Date();
  return {
    id: `filler-${index}`,
    configId: "default",
    name: `filler ${index}`,
    start: "ba_xxxx",
    prefix: "ba_",
    key: await defaultKeyHasher(`filler-${index}-${crypto.randomUUID()}`),
    referenceId: ownerId,
    enabled: true,
    rateLimitEnabled: false,
    requestCount: 0,
    permissions: "{}",
    createdAt: now,
    updatedAt: now,
  };
}
