import { findSecret, testAdapterName } from "@better-auth-tokens/test-utils";
import { describe, expect, it } from "vitest";
import { setupApiKeys } from "./support/api-keys";

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
