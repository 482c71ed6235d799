import { findSecret, testAdapterName } from "@better-auth-tokens/test-utils";
import type { AuthContext } from "better-auth";
import { describe, expect, it } from "vitest";
import { setupApiKeys } from "./support/api-keys";
import { setupBearer } from "./support/bearer";
import { setupOrganizationKeys } from "./support/organizations";
import { locksOwnerRow } from "../src/core/owner-row-lock";

const adapter = testAdapterName();
const apikeyReads = (call: { method: string; model: string }) => call.model === "apikey" && call.method === "findOne";

describe(`faults [${adapter}]`, () => {
  it("fails closed when the adapter throws during verification, with no key material in the error", async () => {
    const t = setupApiKeys({ cache: false });
    const alice = await t.signUp();
    const created = await t.createKey(alice);
    t.faults.intercept = (call) => {
      if (apikeyReads(call)) throw new Error(`connection reset while reading key hash for ${created.key}`);
    };
    expect((await t.protectedRoute({ "x-api-key": created.key })).status).toBe(401);
    const response = await t.request("/api-key/list", { headers: { "x-api-key": created.key } });
    const body = await response.text();
    expect(response.status).toBe(503);
    expect(JSON.parse(body)).toMatchObject({ code: "VERIFICATION_UNAVAILABLE" });
    expect(findSecret(body + t.logs.join("\n"), created.key)).toEqual([]);
    t.faults.intercept = undefined;
    expect((await t.protectedRoute({ "x-api-key": created.key })).status).toBe(200);
  });

  it("fails closed when the adapter stalls, after verificationTimeout", async () => {
    const t = setupApiKeys({ cache: false, verificationTimeout: 0.2 });
    const alice = await t.signUp();
    const created = await t.createKey(alice);
    t.faults.intercept = (call) => (apikeyReads(call) ? new Promise(() => {}) : undefined);
    const started = Date.now();
    expect((await t.protectedRoute({ "x-api-key": created.key })).status).toBe(401);
    expect(Date.now() - started).toBeLessThan(2000);
    t.faults.intercept = undefined;
  });

  it("leaves no credential behind when a create fails while writing", async () => {
    const t = setupApiKeys();
    const alice = await t.signUp();
    const rowsBefore = (await t.rows("apikey")).length;
    t.faults.intercept = (call) => {
      if (call.model === "apikey" && call.method === "create") throw new Error("disk full");
    };
    const response = await t.request("/api-key/create", { method: "POST", credential: alice, body: JSON.stringify({ name: "x" }) });
    t.faults.intercept = undefined;
    expect(response.status).toBeGreaterThanOrEqual(500);
    expect(await t.rows("apikey")).toHaveLength(rowsBefore);
    // And the cap is not consumed by the failed attempt.
    await expect(t.createKey(alice)).resolves.toMatchObject({ name: "test key" });
  });

  it("answers 503 STORAGE_UNAVAILABLE when a write carrying a hash fails, and logs neither the hash nor the query", async () => {
    const t = setupApiKeys();
    const alice = await t.signUp();
    const key = await t.createKey(alice);
    // As mysql2 fails: the message and the `sql` field quote the values sent, the stored hash among them.
    let quoted = "";
    t.faults.intercept = (call, args) => {
      if (call.model !== "apikey") return;
      const carriesHash = call.method === "create" || JSON.stringify(args.data ?? args.where ?? null).includes('"key"');
      if (!carriesHash) return;
      quoted = JSON.stringify(args);
      throw Object.assign(new Error(`Duplicate entry '${quoted}' for key 'apikey_key_idx'`), { code: "ER_DUP_ENTRY", sql: `insert into apikey ${quoted}` });
    };
    const created = await t.request("/api-key/create", { method: "POST", credential: alice, body: JSON.stringify({ name: "x" }) });
    const rolled = await t.request("/api-key/roll", { method: "POST", credential: alice, body: JSON.stringify({ id: key.id }) });
    const byValue = await t.auth.api.revokeCredentialByValue({ body: { key: key.key } }).then(
      () => "answered",
      (error: { status?: string; body?: { code?: string } }) => `${error.status} ${error.body?.code}`,
    );
    t.faults.intercept = undefined;
    expect(quoted).toContain((await t.rows("apikey"))[0]!.key);
    for (const response of [created, rolled]) {
      expect([response.status, response.headers.get("retry-after"), ((await response.json()) as { code: string }).code]).toEqual([503, "1", "STORAGE_UNAVAILABLE"]);
    }
    expect(byValue).toBe("SERVICE_UNAVAILABLE STORAGE_UNAVAILABLE");
    expect(t.logs.filter((line) => line.includes("ER_DUP_ENTRY"))).toHaveLength(3);
    const storedHash = (await t.rows("apikey"))[0]!.key as string;
    expect(t.logs.filter((line) => line.includes(storedHash) || line.includes("insert into"))).toEqual([]);
    // Nothing written, and the key still works with its old secret.
    expect(await t.rows("apikey")).toHaveLength(1);
    expect((await t.protectedRoute({ "x-api-key": key.key })).status).toBe(200);
  });

  it("answers 503 STORAGE_UNAVAILABLE when the database fails a list, get, update or revoke, and logs no query", async () => {
    const t = setupApiKeys();
    const alice = await t.signUp();
    const key = await t.createKey(alice, { name: "x", metadata: { team: "payments-secret-team" } });
    t.faults.intercept = (call, args) => {
      if (call.model !== "apikey") return;
      throw Object.assign(new Error("Lost connection to server during query"), { code: "PROTOCOL_CONNECTION_LOST", sql: `select * from apikey ${JSON.stringify(args)}` });
    };
    const answers = [
      await t.request("/api-key/list", { credential: alice }),
      await t.request(`/api-key/get?id=${key.id}`, { credential: alice }),
      await t.request("/api-key/update", { method: "POST", credential: alice, body: JSON.stringify({ id: key.id, name: "y" }) }),
      await t.request("/api-key/roll", { method: "POST", credential: alice, body: JSON.stringify({ id: key.id }) }),
      await t.request("/api-key/revoke", { method: "POST", credential: alice, body: JSON.stringify({ id: key.id }) }),
    ];
    const revokeAll = await t.auth.api.revokeApiKeys({ body: { userId: alice.user.id } }).then(
      () => "answered",
      (error: { status?: string; body?: { code?: string } }) => `${error.status} ${error.body?.code}`,
    );
    t.faults.intercept = undefined;
    for (const response of answers) {
      expect([response.status, response.headers.get("retry-after"), ((await response.json()) as { code: string }).code]).toEqual([503, "1", "STORAGE_UNAVAILABLE"]);
    }
    expect(revokeAll).toBe("SERVICE_UNAVAILABLE STORAGE_UNAVAILABLE");
    // The query's values (ids, metadata) stay out of the log; the driver's code says what failed.
    expect(t.logs.filter((line) => line.includes("select * from") || line.includes("payments-secret-team") || line.includes(key.id))).toEqual([]);
    expect(t.logs.filter((line) => line.includes("PROTOCOL_CONNECTION_LOST")).length).toBeGreaterThanOrEqual(6);
    expect((await t.protectedRoute({ "x-api-key": key.key })).status).toBe(200);
  });

  it("answers 503 STORAGE_UNAVAILABLE when the database fails a personal token's list, update, roll or revoke", async () => {
    const t = setupBearer();
    const alice = await t.signUp();
    const token = await t.createToken(alice);
    t.faults.intercept = (call) => {
      if (call.model !== "apikey") return;
      throw Object.assign(new Error("Lost connection to server during query"), { code: "PROTOCOL_CONNECTION_LOST" });
    };
    const post = (path: string, body: object) => t.request(path, { method: "POST", credential: alice, body: JSON.stringify(body) });
    const answers = [
      await t.request("/bearer/list-tokens", { credential: alice }),
      await post("/bearer/update-token", { id: token.id, name: "y" }),
      await post("/bearer/roll-token", { id: token.id }),
      await post("/bearer/revoke-token", { id: token.id }),
    ];
    const revokeAll = await t.auth.api.revokePersonalTokens({ body: { userId: alice.user.id } }).then(
      () => "answered",
      (error: { status?: string; body?: { code?: string } }) => `${error.status} ${error.body?.code}`,
    );
    t.faults.intercept = undefined;
    for (const response of answers) {
      expect([response.status, ((await response.json()) as { code: string }).code]).toEqual([503, "STORAGE_UNAVAILABLE"]);
    }
    expect(revokeAll).toBe("SERVICE_UNAVAILABLE STORAGE_UNAVAILABLE");
  });

  it("answers 503 STORAGE_UNAVAILABLE when the database fails the membership check of an organization key's create", async () => {
    const t = setupOrganizationKeys();
    const org = await t.createOrganization();
    t.faults.intercept = (call) => {
      if (call.model !== "member") return;
      throw Object.assign(new Error(`Lost connection; where organizationId = '${org.id}'`), { code: "PROTOCOL_CONNECTION_LOST" });
    };
    const created = await t.send("/api-key/create", org.owner, { name: "x", organizationId: org.id });
    t.faults.intercept = undefined;
    expect(created).toMatchObject({ status: 503, body: { code: "STORAGE_UNAVAILABLE" } });
    expect(t.logs.filter((line) => line.includes("where organizationId"))).toEqual([]);
    expect(await t.rows("apikey")).toEqual([]);
  });

  it("logs where an error without a driver's code was thrown, and still not its message", async () => {
    const t = setupApiKeys();
    const alice = await t.signUp();
    t.faults.intercept = (call) => {
      // A fault of code, not of the database: its message may hold anything, its frames say where.
      if (call.model === "apikey") throw new TypeError("Cannot read properties of undefined (reading 'payments-secret-team')");
    };
    const response = await t.request("/api-key/list", { credential: alice });
    t.faults.intercept = undefined;
    expect(response.status).toBe(503);
    const logged = t.logs.filter((line) => line.includes("Could not list API keys"));
    expect(logged).toHaveLength(1);
    expect(logged[0]).toMatch(/TypeError at .*faults\.test\.ts:\d+/);
    expect(t.logs.filter((line) => line.includes("payments-secret-team"))).toEqual([]);
  });

  it("names a missing table in the log, which holds no value, so a migration not run is plain to see", async () => {
    const t = setupApiKeys();
    const alice = await t.signUp();
    t.faults.intercept = (call) => {
      if (call.model === "apikey" && call.method === "create") throw Object.assign(new Error("no such table: apikey"), { code: "SQLITE_ERROR" });
    };
    const response = await t.request("/api-key/create", { method: "POST", credential: alice, body: JSON.stringify({ name: "x" }) });
    t.faults.intercept = undefined;
    expect(response.status).toBe(503);
    expect(t.logs.filter((line) => line.includes("no such table: apikey; run Better Auth's migration"))).toHaveLength(1);
  });

  // What each driver or ORM throws for a transaction the database rolled back to break a conflict.
  const rolledBack = {
    mysql2: () => Object.assign(new Error("Deadlock found when trying to get lock; try restarting transaction"), { code: "ER_LOCK_DEADLOCK", errno: 1213 }),
    pg: () => Object.assign(new Error("deadlock detected"), { code: "40P01" }),
    "Drizzle over pg": () => new Error("Failed query", { cause: Object.assign(new Error("could not serialize access"), { code: "40001" }) }),
    Prisma: () => Object.assign(new Error("Transaction failed due to a write conflict or a deadlock. Please retry your transaction"), { name: "PrismaClientKnownRequestError", code: "P2034" }),
  };

  it.each(Object.keys(rolledBack) as (keyof typeof rolledBack)[])("runs a create again when the database rolled it back to break a deadlock (%s)", async (driver) => {
    const t = setupApiKeys();
    const alice = await t.signUp();
    let deadlocks = 0;
    t.faults.intercept = (call) => {
      if (call.model !== "apikey" || call.method !== "create" || deadlocks > 0) return;
      deadlocks += 1;
      throw rolledBack[driver]();
    };
    const response = await t.request("/api-key/create", { method: "POST", credential: alice, body: JSON.stringify({ name: "x" }) });
    t.faults.intercept = undefined;
    // Only inside a transaction is the work undone and safe to run again; elsewhere it is refused whole.
    const { adapter } = (await t.auth.$context) as unknown as AuthContext;
    const retried = locksOwnerRow(adapter);
    expect([response.status, await t.storedKeysOf(alice).then((keys) => keys.length)]).toEqual(retried ? [200, 1] : [503, 0]);
  });

  it("never caches a credential read before a revoke that returned during the read", async () => {
    const t = setupApiKeys({ cache: { ttl: 3600 } });
    const alice = await t.signUp();
    const created = await t.createKey(alice);
    let releaseRead: () => void = () => {};
    let readStarted: () => void = () => {};
    const started = new Promise<void>((resolve) => (readStarted = resolve));
    // The read completes before the revoke, but its answer arrives after the revoke returned.
    t.faults.afterCall = async (call) => {
      if (!apikeyReads(call)) return;
      t.faults.afterCall = undefined;
      readStarted();
      await new Promise<void>((resolve) => (releaseRead = resolve));
    };
    const inFlight = t.protectedRoute({ "x-api-key": created.key });
    await started;
    await t.request("/api-key/revoke", { method: "POST", credential: alice, body: JSON.stringify({ id: created.id }) });
    releaseRead();
    await inFlight; // read before the revoke: may succeed, but must not re-fill the cache
    expect((await t.protectedRoute({ "x-api-key": created.key })).status).toBe(401);
  });
});
