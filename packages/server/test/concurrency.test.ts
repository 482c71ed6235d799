import { testAdapterName } from "@better-auth-tokens/test-utils";
import { describe, expect, it } from "vitest";
import { setupApiKeys } from "./support/api-keys";

const adapter = testAdapterName();

describe(`concurrency [${adapter}]`, () => {
  it("leaves exactly 10 keys after 50 parallel creates with a cap of 10", async () => {
    const t = setupApiKeys({ maxKeysPerUser: 10 });
    const alice = await t.signUp();
    const responses = await t.createKeysAtOnce(alice, 50);
    const created = responses.filter((response) => response.status === 200).length;
    const stored = (await t.storedKeysOf(alice)).length;
    console.log(`cap: ${stored}/10 stored, ${created} created of 50 attempts [${adapter}]`);
    expect(created).toBe(10);
    expect(stored).toBe(10);
    expect(responses.filter((response) => response.status === 403)).toHaveLength(40);
  });

  it("gives exactly 100 successes and 100 × 429 for 200 parallel verifications with a limit of 100", async () => {
    const t = setupApiKeys({ rateLimit: { max: 100, window: 3600 } });
    const created = await t.createKey(await t.signUp());
    const responses = await Promise.all(
      Array.from({ length: 200 }, () => t.request("/get-session", { headers: { "x-api-key": created.key } })),
    );
    const ok = responses.filter((response) => response.status === 200).length;
    const limited = responses.filter((response) => response.status === 429);
    console.log(`rate limit: ${ok} × 200 and ${limited.length} × 429 of 200 parallel requests, limit 100 [${adapter}]`);
    expect(ok).toBe(100);
    expect(limited).toHaveLength(100);
    expect(limited.every((response) => Number(response.headers.get("retry-after")) > 0)).toBe(true);
  });

  it("lets nothing succeed that starts after a revoke has returned, during a burst", async () => {
    const t = setupApiKeys();
    const alice = await t.signUp();
    const created = await t.createKey(alice);
    const verify = () => t.protectedRoute({ "x-api-key": created.key }).then((route) => route.status);

    const before = Array.from({ length: 100 }, verify);
    await t.request("/api-key/revoke", { method: "POST", credential: alice, body: JSON.stringify({ id: created.id }) });
    const after = await Promise.all(Array.from({ length: 100 }, verify));
    const settledBefore = await Promise.all(before);
    console.log(
      `revoke during burst: ${settledBefore.filter((s) => s === 200).length}/100 in flight succeeded, ${after.filter((s) => s === 200).length}/100 after the revoke [${adapter}]`,
    );
    expect(after.every((status) => status === 401)).toBe(true);
  });
});
