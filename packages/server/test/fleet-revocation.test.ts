import {
  createProtectedRoute,
  createTestAuth,
  observeSecondaryStorage,
  sharedSecondaryStorage,
  testAdapterName,
  type SignedUpUser,
} from "@better-auth-tokens/test-utils";
import type { SecondaryStorage } from "better-auth";
import { admin, organization } from "better-auth/plugins";
import { describe, expect, it } from "vitest";
import { apiKey, bearer, type ApiKeyOptions } from "../src/index";
import { createVerifier } from "../src/verifier";
import { createToken } from "./support/bearer";

const adapter = testAdapterName();
const storageName = process.env.TEST_SECONDARY_STORAGE === "redis" ? "redis" : "memory";
/** What the issue asks: a change on one instance is refused by every other within 1 s. */
const BOUND_MS = 1000;
/** Far beyond the bound, so only the invalidation channel can explain a refusal within it. */
const CACHE_TTL_SECONDS = 30;
const OUR_KEYS = "better-auth-tokens:";
const SEQUENCE_KEY = `${OUR_KEYS}invalidation:sequence`;
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * Two instances on one database and one `secondaryStorage` (Redis on the postgres+redis project,
 * memory elsewhere), each with `admin()` and `apiKey()`, and a user holding a key that B has cached.
 */
async function fleetWithWarmKey(cache: ApiKeyOptions["cache"] = {}) {
  const shared = observeSecondaryStorage(sharedSecondaryStorage());
  const plugins = () => [
    admin(),
    apiKey({ defaultPermissions: ["read", "write"], allowedPermissions: ["read", "write"], cache: { ttl: CACHE_TTL_SECONDS, ...cache } }),
  ];
  const a = createTestAuth({ plugins: plugins(), options: { secondaryStorage: shared.storage } });
  const b = createTestAuth({ shareStorageWith: a, plugins: plugins(), options: { secondaryStorage: shared.storage } });
  const moderator = await a.signUp();
  await (await a.auth.$context).internalAdapter.updateUser(moderator.user.id, { role: "admin" });
  const alice = await a.signUp();
  const created = await a.request("/api-key/create", { method: "POST", credential: alice, body: JSON.stringify({ name: "shared" }) });
  const { id, key } = (await created.json()) as { id: string; key: string };
  const headers = { "x-api-key": key };
  const routeOnB = createProtectedRoute(b.auth);
  const verifierOnB = createVerifier(b.auth);

  await warm(b, async () => (await routeOnB(headers)).status === 200);
  const post = (path: string, credential: SignedUpUser, body: Record<string, unknown>) =>
    a.request(path, { method: "POST", credential, body: JSON.stringify(body) }).then((response) => {
      expect(response.status).toBe(200);
    });
  return { shared, a, b, moderator, alice, id, key, headers, routeOnB, verifierOnB, post };
}

/** Verifies until `b` answers from its cache: accepted with no adapter call. */
async function warm(b: { adapterCalls: unknown[] }, accepted: () => Promise<boolean>) {
  for (let attempt = 0; attempt < 10; attempt += 1) {
    const before = b.adapterCalls.length;
    expect(await accepted()).toBe(true);
    if (b.adapterCalls.length === before) return;
    await sleep(5);
  }
  throw new Error("B never served the credential from its cache");
}

type Fleet = Awaited<ReturnType<typeof fleetWithWarmKey>>;

/** Milliseconds until `refused` holds, checked every 20 ms for up to three times the bound. */
async function delayUntil(refused: () => Promise<boolean>) {
  const start = performance.now();
  while (performance.now() - start < 3 * BOUND_MS) {
    if (await refused()) return performance.now() - start;
    await sleep(20);
  }
  return Number.POSITIVE_INFINITY;
}

const CHANGES: { change: string; make: (f: Fleet) => Promise<void>; refused: (f: Fleet) => Promise<boolean> }[] = [
  {
    change: "revoked",
    make: (f) => f.post("/api-key/revoke", f.alice, { id: f.id }),
    refused: async (f) => (await f.routeOnB(f.headers)).status === 401,
  },
  {
    change: "disabled",
    make: (f) => f.post("/api-key/update", f.alice, { id: f.id, enabled: false }),
    refused: async (f) => (await f.routeOnB(f.headers)).status === 401,
  },
  {
    change: "narrowed to read-only",
    make: (f) => f.post("/api-key/update", f.alice, { id: f.id, permissions: ["read"] }),
    refused: async (f) => {
      const result = await f.verifierOnB.authenticate(f.headers, { permissions: ["write"] });
      return !result.ok && result.body.code === "INSUFFICIENT_PERMISSIONS";
    },
  },
  {
    change: "owned by a banned user",
    make: (f) => f.post("/admin/ban-user", f.moderator, { userId: f.alice.user.id }),
    refused: async (f) => {
      const result = await f.verifierOnB.authenticate(f.headers);
      return !result.ok && result.body.code === "USER_BANNED";
    },
  },
  {
    change: "owned by a deleted user",
    make: (f) => f.post("/admin/remove-user", f.moderator, { userId: f.alice.user.id }),
    refused: async (f) => (await f.routeOnB(f.headers)).status === 401,
  },
];

describe(`a fleet sharing secondaryStorage [${adapter} + ${storageName} secondaryStorage]`, () => {
  it.each(CHANGES)("B refuses a cached key $change on A within 1 s", async ({ change, make, refused }) => {
    const fleet = await fleetWithWarmKey();
    expect(await refused(fleet)).toBe(false);
    await make(fleet);
    const delayMs = await delayUntil(() => refused(fleet));
    console.log(`key ${change} on A: refused by B after ${Math.round(delayMs)} ms [${adapter} + ${storageName}]`);
    expect(delayMs).toBeLessThanOrEqual(BOUND_MS);
  });

  it("publishes a user change once with apiKey() and bearer() both installed, and B refuses both kinds within 1 s", async () => {
    const shared = observeSecondaryStorage(sharedSecondaryStorage());
    const cache = { ttl: CACHE_TTL_SECONDS };
    const plugins = () => [admin(), apiKey({ cache }), bearer({ cache })];
    const a = createTestAuth({ plugins: plugins(), options: { secondaryStorage: shared.storage } });
    const b = createTestAuth({ shareStorageWith: a, plugins: plugins(), options: { secondaryStorage: shared.storage } });
    const moderator = await a.signUp();
    await (await a.auth.$context).internalAdapter.updateUser(moderator.user.id, { role: "admin" });
    const alice = await a.signUp();
    const { key } = (await (await a.request("/api-key/create", { method: "POST", credential: alice, body: JSON.stringify({ name: "ci" }) })).json()) as { key: string };
    const { token } = await createToken(a, alice);
    const verifierOnB = createVerifier(b.auth);
    const credentials = [{ "x-api-key": key }, { authorization: `Bearer ${token}` }];
    for (const headers of credentials) await warm(b, async () => (await verifierOnB.verify(headers)) !== null);

    const mark = shared.calls.length;
    const banned = await a.request("/admin/ban-user", { method: "POST", credential: moderator, body: JSON.stringify({ userId: alice.user.id }) });
    expect(banned.status).toBe(200);
    const published = shared.calls.slice(mark).filter((call) => call.operation === "increment" && call.key.startsWith(OUR_KEYS));
    expect(published).toHaveLength(1);
    const delayMs = await delayUntil(async () => {
      const results = await Promise.all(credentials.map((headers) => verifierOnB.authenticate(headers)));
      return results.every((result) => !result.ok && result.body.code === "USER_BANNED");
    });
    expect(delayMs).toBeLessThanOrEqual(BOUND_MS);
  });

  it("B refuses within 1 s every key of an owner revoked together on A", async () => {
    const fleet = await fleetWithWarmKey();
    const more = [];
    for (let i = 0; i < 4; i++) {
      const created = await fleet.a.request("/api-key/create", { method: "POST", credential: fleet.alice, body: JSON.stringify({ name: `more ${i}` }) });
      more.push({ "x-api-key": ((await created.json()) as { key: string }).key });
    }
    const all = [fleet.headers, ...more];
    for (const headers of all) await warm(fleet.b, async () => (await fleet.routeOnB(headers)).status === 200);

    expect(await fleet.a.auth.api.revokeApiKeys({ body: { userId: fleet.alice.user.id } })).toEqual({ revoked: 5 });
    const delayMs = await delayUntil(async () => (await Promise.all(all.map((headers) => fleet.routeOnB(headers)))).every((response) => response.status === 401));
    expect(delayMs).toBeLessThanOrEqual(BOUND_MS);
  });

  it("answers a revocation of all of an owner's keys within 1 s more while secondaryStorage stalls, not 1 s per key", async () => {
    const fleet = await fleetWithWarmKey();
    for (let i = 0; i < 4; i++) {
      await fleet.a.request("/api-key/create", { method: "POST", credential: fleet.alice, body: JSON.stringify({ name: `more ${i}` }) });
    }
    // Redis hangs: each publication gives up after its 1 s deadline.
    fleet.shared.stall = (operation, key) => operation === "increment" && key.startsWith(OUR_KEYS);
    const start = performance.now();
    expect(await fleet.a.auth.api.revokeApiKeys({ body: { userId: fleet.alice.user.id } })).toEqual({ revoked: 5 });
    expect(performance.now() - start).toBeLessThan(2 * BOUND_MS);
    expect(fleet.a.logs.filter((line) => line.includes("secondaryStorage failed"))).toHaveLength(1);
  });

  it("deletes an organization with 5 keys within 1 s more while secondaryStorage stalls, not 1 s per key", async () => {
    const shared = observeSecondaryStorage(sharedSecondaryStorage());
    const a = createTestAuth({
      plugins: [organization(), apiKey([{ configId: "default" }, { configId: "organization", references: "organization" }])],
      options: { secondaryStorage: shared.storage },
    });
    const owner = await a.signUp();
    const api = a.auth.api as unknown as Record<string, (input: unknown) => Promise<{ id: string }>>;
    const { id: organizationId } = await api.createOrganization!({ body: { name: "Acme", slug: `acme-${crypto.randomUUID()}` }, headers: owner.headers });
    for (let i = 0; i < 5; i++) {
      const created = await a.request("/api-key/create", { method: "POST", credential: owner, body: JSON.stringify({ name: `team ${i}`, organizationId }) });
      expect(created.status).toBe(200);
    }
    shared.stall = (operation, key) => operation === "increment" && key.startsWith(OUR_KEYS);
    const start = performance.now();
    const deleted = await a.request("/organization/delete", { method: "POST", credential: owner, body: JSON.stringify({ organizationId }) });
    expect(deleted.status).toBe(200);
    expect(performance.now() - start).toBeLessThan(2 * BOUND_MS);
    expect(await a.rows("apikey")).toEqual([]);
  });

  it("serves warm keys without a secondaryStorage call between polls, and polls with one GET when nothing changed", async () => {
    const intervalMs = 1000;
    const fleet = await fleetWithWarmKey({ invalidationPollInterval: intervalMs / 1000 });
    await sleep(intervalMs); // a poll is due: the next verification starts it
    expect((await fleet.routeOnB(fleet.headers)).status).toBe(200);
    await sleep(20);
    const start = performance.now();
    const mark = fleet.shared.calls.length;
    for (let i = 0; i < 20; i++) expect((await fleet.routeOnB(fleet.headers)).status).toBe(200);
    for (let i = 0; i < 200; i++) expect(await fleet.verifierOnB.verify(fleet.headers)).not.toBeNull();
    expect(performance.now() - start).toBeLessThan(intervalMs - 100); // the loop stayed within one interval
    expect(fleet.shared.calls.slice(mark)).toEqual([]);

    await sleep(intervalMs);
    expect(await fleet.verifierOnB.verify(fleet.headers)).not.toBeNull();
    await sleep(20);
    expect(fleet.shared.calls.slice(mark)).toEqual([{ operation: "get", key: SEQUENCE_KEY }]);
  });

  // On memory storage only: the read of the log must answer within the 50 ms a request waits for
  // it, which Redis does here but not reliably beside a whole loaded test run.
  it.runIf(storageName === "memory")(
    "after an idle spell, answers 16 requests at once for a cached key from one read of the log, with no database read",
    async () => {
      const fleet = await fleetWithWarmKey();
      await sleep(1000); // over 3 intervals without a read: B's cache no longer vouches for the key
      const reads = fleet.b.adapterCalls.length;
      const mark = fleet.shared.calls.length;
      const statuses = await Promise.all(Array.from({ length: 16 }, async () => (await fleet.routeOnB(fleet.headers)).status));
      expect(statuses).toEqual(Array.from({ length: 16 }, () => 200));
      expect(fleet.b.adapterCalls.slice(reads)).toEqual([]);
      // One read of the log for all 16 (plus the entries published since B last read it).
      const reading = fleet.shared.calls.slice(mark);
      expect(reading.filter((call) => call.key === SEQUENCE_KEY)).toEqual([{ operation: "get", key: SEQUENCE_KEY }]);
      expect(reading.every((call) => call.operation === "get")).toBe(true);
    },
  );

  it("after an idle spell, refuses every one of 16 requests at once for a cached key revoked on A meanwhile", async () => {
    const fleet = await fleetWithWarmKey();
    await sleep(1000);
    await fleet.post("/api-key/revoke", fleet.alice, { id: fleet.id });
    const statuses = await Promise.all(Array.from({ length: 16 }, async () => (await fleet.routeOnB(fleet.headers)).status));
    expect(statuses).toEqual(Array.from({ length: 16 }, () => 401));
  });

  it.each([
    { log: "an entry that is missing", tamper: (storage: SecondaryStorage) => storage.increment(SEQUENCE_KEY, 3600) },
    { log: "a sequence that went backwards", tamper: (storage: SecondaryStorage) => storage.delete(SEQUENCE_KEY) },
    {
      log: "more new entries than one poll reads",
      tamper: async (storage: SecondaryStorage) => storage.set(SEQUENCE_KEY, String(Number(await storage.get(SEQUENCE_KEY)) + 51)),
    },
  ])("forgets every cached credential when the log shows $log", async ({ tamper }) => {
    const fleet = await fleetWithWarmKey();
    // Past the interval the next verification starts a poll: B has then read the log as it is.
    const pollOnB = async () => {
      await sleep(300);
      expect((await fleet.routeOnB(fleet.headers)).status).toBe(200);
      await sleep(50);
    };
    await pollOnB();
    await tamper(fleet.shared.storage);
    await pollOnB();
    const before = fleet.b.adapterCalls.length;
    expect((await fleet.routeOnB(fleet.headers)).status).toBe(200);
    expect(fleet.b.adapterCalls.length).toBeGreaterThan(before); // read from the database again
  });

  it("keeps the bound when polls stall: B reads the database once its last poll is over 1 s old", async () => {
    const fleet = await fleetWithWarmKey();
    // Reads of the log never answer; publishing still works.
    fleet.shared.stall = (operation, key) => operation === "get" && key.startsWith(OUR_KEYS);
    await fleet.post("/api-key/revoke", fleet.alice, { id: fleet.id });
    const delayMs = await delayUntil(async () => (await fleet.routeOnB(fleet.headers)).status === 401);
    console.log(`revoked on A while B's polls stall: refused by B after ${Math.round(delayMs)} ms [${adapter} + ${storageName}]`);
    expect(delayMs).toBeLessThanOrEqual(BOUND_MS);
  });

  it("keeps refusing a key revoked on A once B's stalled reads of the log have failed", async () => {
    const fleet = await fleetWithWarmKey();
    fleet.shared.stall = (operation, key) => operation === "get" && key.startsWith(OUR_KEYS);
    await fleet.post("/api-key/revoke", fleet.alice, { id: fleet.id });
    expect(await delayUntil(async () => (await fleet.routeOnB(fleet.headers)).status === 401)).toBeLessThanOrEqual(BOUND_MS);
    // Past the stalled read's 1 s deadline B falls back to its cache TTL: nothing it refused from
    // the database may come back from the cache.
    const statuses: number[] = [];
    for (let i = 0; i < 8; i++) {
      await sleep(200);
      statuses.push((await fleet.routeOnB(fleet.headers)).status);
    }
    expect(statuses).toEqual(Array.from({ length: 8 }, () => 401));
  });

  it("falls back to the cache TTL when secondaryStorage fails, logs it once, and logs and catches up once it answers", async () => {
    const fleet = await fleetWithWarmKey();
    const { shared, b, routeOnB, headers } = fleet;
    const failures = () => b.logs.filter((line) => line.includes("secondaryStorage failed"));
    const recoveries = () => b.logs.filter((line) => line.includes("secondaryStorage answers again"));

    // Every call fails: B keeps verifying from its cache, without a database read per request.
    shared.fail = () => true;
    const before = b.adapterCalls.length;
    const pollsBefore = shared.calls.length;
    for (let i = 0; i < 6; i++) {
      expect((await routeOnB(headers)).status).toBe(200);
      await sleep(250);
    }
    expect(b.adapterCalls.length).toBe(before);
    expect(shared.calls.length - pollsBefore).toBeGreaterThan(2); // it kept trying, once per interval
    expect(failures()).toHaveLength(1);
    for (const line of failures()) expect(line).not.toContain(fleet.key);

    // A revoke whose publication fails is only bounded by the TTL: B still accepts the key.
    shared.fail = (_, key) => key.startsWith(OUR_KEYS);
    await fleet.post("/api-key/revoke", fleet.alice, { id: fleet.id });
    await sleep(BOUND_MS + 250);
    expect((await routeOnB(headers)).status).toBe(200);
    expect(fleet.a.logs.filter((line) => line.includes("secondaryStorage failed"))).toHaveLength(1);

    // Once the storage answers, B forgets what it may have missed: the key is refused.
    shared.fail = undefined;
    const delayMs = await delayUntil(async () => (await routeOnB(headers)).status === 401);
    expect(delayMs).toBeLessThanOrEqual(BOUND_MS);
    expect(recoveries()).toHaveLength(1);
    expect(failures()).toHaveLength(1);
  });
});
