import { createProtectedRoute, createTestAuth, testAdapterName } from "@better-auth-tokens/test-utils";
import { describe, expect, it } from "vitest";
import { apiKey } from "../src/index";

const adapter = testAdapterName();
const TTL_SECONDS = 1;

describe(`two instances on one database [${adapter}${process.env.TEST_SECONDARY_STORAGE ? " + redis" : ""}]`, () => {
  it("B refuses a key revoked on A within the cache TTL, and the delay is printed", async () => {
    const a = createTestAuth({ plugins: [apiKey({ cache: { ttl: TTL_SECONDS } })] });
    const b = createTestAuth({ shareStorageWith: a, plugins: [apiKey({ cache: { ttl: TTL_SECONDS } })] });
    const routeOnB = createProtectedRoute(b.auth);
    const alice = await a.signUp();
    const created = await a.request("/api-key/create", { method: "POST", credential: alice, body: JSON.stringify({ name: "shared" }) });
    const { id, key } = (await created.json()) as { id: string; key: string };
    expect((await routeOnB({ "x-api-key": key })).status).toBe(200); // B now has it cached

    await a.request("/api-key/revoke", { method: "POST", credential: alice, body: JSON.stringify({ id }) });
    const revokedAt = performance.now();
    expect((await createProtectedRoute(a.auth)({ "x-api-key": key })).status).toBe(401); // A: at once

    let delayMs = Number.POSITIVE_INFINITY;
    while (performance.now() - revokedAt < (TTL_SECONDS + 2) * 1000) {
      if ((await routeOnB({ "x-api-key": key })).status === 401) {
        delayMs = performance.now() - revokedAt;
        break;
      }
      await new Promise((resolve) => setTimeout(resolve, 25));
    }
    console.log(`revocation seen by instance B after ${Math.round(delayMs)} ms (bound: cache ttl ${TTL_SECONDS * 1000} ms) [${adapter}]`);
    expect(delayMs).toBeLessThanOrEqual(TTL_SECONDS * 1000 + 250);
  });
});
