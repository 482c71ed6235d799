import { createProtectedRoute, createTestAuth } from "@better-auth-tokens/test-utils";
import type { BetterAuthPlugin } from "better-auth";
import { describe, expect, it } from "vitest";
import { apiKey } from "../src/api-key";
import { bearer } from "../src/bearer";
import { createVerifier } from "../src/verifier";
import { createToken } from "./support/bearer";

const ORDERS: [string, () => BetterAuthPlugin[]][] = [
  ["apiKey() then bearer()", () => [apiKey(), bearer()]],
  ["bearer() then apiKey()", () => [bearer(), apiKey()]],
];

async function setup(plugins: BetterAuthPlugin[]) {
  const t = createTestAuth({ plugins });
  const alice = await t.signUp();
  const client = t.client(alice);
  const { data: key } = await client.$fetch<{ key: string }>("/api-key/create", { method: "POST", body: { name: "k" } });
  const { token } = await createToken(t, alice, { name: "t" });
  return { t, alice, key: key!.key, token, route: createProtectedRoute(t.auth), verifier: createVerifier(t.auth) };
}

describe.each(ORDERS)("two credentials in one request get no session (%s)", (_, plugins) => {
  it("refuses every pairing of a bad or good credential with another one, in every header", async () => {
    const s = await setup(plugins());
    const cookie = s.alice.headers.get("cookie")!;
    const pairs: [string, Record<string, string>][] = [
      ["bad X-API-Key + personal token", { "x-api-key": "ba_bad", authorization: `Bearer ${s.token}` }],
      ["bad X-API-Key + session token", { "x-api-key": "ba_bad", authorization: `Bearer ${s.alice.sessionToken}` }],
      ["good X-API-Key + bad personal token", { "x-api-key": s.key, authorization: "Bearer bat_bad" }],
      ["good X-API-Key + bad session token", { "x-api-key": s.key, authorization: "Bearer not-a-session" }],
      ["good X-API-Key + personal token", { "x-api-key": s.key, authorization: `Bearer ${s.token}` }],
      ["bad personal token + cookie", { authorization: "Bearer bat_bad", cookie }],
      ["bad API key in Bearer + cookie", { authorization: "Bearer ba_bad", cookie }],
    ];
    for (const [label, headers] of pairs) {
      expect({ label, status: (await s.route(headers)).status }).toEqual({ label, status: 401 });
      const verified = await s.verifier.authenticate(headers);
      expect({ label, ok: verified.ok }).toEqual({ label, ok: false });
    }
  });

  it("answers 400 MULTIPLE_CREDENTIALS with invalid_request outside /get-session", async () => {
    const s = await setup(plugins());
    const response = await s.t.request("/list-sessions", { headers: { "x-api-key": s.key, authorization: `Bearer ${s.token}` } });
    expect(response.status).toBe(400);
    expect(response.headers.get("www-authenticate")).toMatch(/^Bearer error="invalid_request"/);
    expect(await response.json()).toMatchObject({ code: "MULTIPLE_CREDENTIALS" });
    expect(await s.verifier.authenticate({ "x-api-key": s.key, authorization: `Bearer ${s.token}` })).toMatchObject({
      status: 400,
      code: "MULTIPLE_CREDENTIALS",
    });
  });

  it("still accepts each credential alone", async () => {
    const s = await setup(plugins());
    for (const headers of [
      { "x-api-key": s.key },
      { authorization: `Bearer ${s.key}` },
      { authorization: `Bearer ${s.token}` },
      { authorization: `Bearer ${s.alice.sessionToken}` },
    ]) {
      expect((await s.route(headers)).session?.user.id).toBe(s.alice.user.id);
    }
  });
});
