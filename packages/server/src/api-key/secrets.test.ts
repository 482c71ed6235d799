import { findSecret, findSecretAtRest, registerSecret, TEST_SECRET } from "@better-auth-tokens/test-utils";
import { describe, expect, it } from "vitest";
import { setupApiKeys } from "../../test/support/api-keys";

const PEPPER = "pepper-kept-in-the-environment-0123456789";
// The suite-wide sink then also fails the file if the pepper is ever logged or returned.
registerSecret(PEPPER);

describe("no key material at rest or in logs", () => {
  for (const hashing of ["sha256", { algorithm: "hmac-sha256", pepper: PEPPER }] as const) {
    const label = typeof hashing === "string" ? hashing : hashing.algorithm;
    it(`stores no key, nor any 16-character slice of one, in any row (${label})`, async () => {
      const t = setupApiKeys({ hashing, rateLimit: { max: 2, window: 60 } });
      const alice = await t.signUp();
      const keys = [await t.createKey(alice), await t.createKey(alice, { name: "second", expiresIn: 60 })];
      // Exercise every path that touches a key: use, misuse, rate limit, update, revoke.
      for (const { key } of keys) for (let i = 0; i < 3; i++) await t.protectedRoute({ "x-api-key": key });
      await t.request("/api-key/update", { method: "POST", credential: alice, body: JSON.stringify({ id: keys[0]!.id, name: "renamed" }) });
      await t.request("/api-key/revoke", { method: "POST", credential: alice, body: JSON.stringify({ id: keys[1]!.id }) });

      const stored = await t.readAllRows();
      for (const { key } of keys) expect(findSecretAtRest(stored, key)).toEqual([]);
      const rows = JSON.stringify(stored);
      expect(findSecret(rows, PEPPER)).toEqual([]);
      expect(findSecret(rows, TEST_SECRET)).toEqual([]);
    });
  }

  it("never writes a key, pepper or secret into a log line or error body", async () => {
    const t = setupApiKeys({ hashing: { algorithm: "hmac-sha256", pepper: PEPPER }, rateLimit: { max: 1, window: 60 } });
    const alice = await t.signUp();
    const created = await t.createKey(alice);
    const bodies: string[] = [];
    const probes = [
      created.key,
      `${created.key.slice(0, -2)}zz`,
      created.key.toUpperCase(),
      created.key,
      created.key,
    ];
    for (const value of probes) {
      for (const path of ["/get-session", "/api-key/list"]) {
        const response = await t.request(path, { headers: { "x-api-key": value } });
        bodies.push(await response.text(), JSON.stringify([...response.headers]));
      }
    }
    const everything = [...t.logs, ...bodies].join("\n");
    for (const secret of [created.key, PEPPER, TEST_SECRET]) expect(findSecret(everything, secret)).toEqual([]);
  });
});
