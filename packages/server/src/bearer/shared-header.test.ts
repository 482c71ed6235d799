import { summarizeAdapterCalls } from "@better-auth-tokens/test-utils";
import { describe, expect, it } from "vitest";
import { setupBearer } from "../../test/support/bearer";

async function setup() {
  const t = setupBearer();
  const alice = await t.signUp();
  const bob = await t.signUp();
  const personal = await t.createToken(bob, { name: "bob's cli" });
  return { ...t, alice, bob, personal };
}

/** Which tables a request read, from the adapter log. */
function modelsRead(log: { method: string; model: string }[]) {
  return new Set(summarizeAdapterCalls(log).calls.filter((call) => call.method.startsWith("find")).map((c) => c.model));
}

describe("bearer(): session tokens and personal tokens share Authorization: Bearer", () => {
  it("authenticates both, each without reading the other kind's table", async () => {
    const t = await setup();

    let mark = t.adapterCalls.length;
    const bySession = await t.protectedRoute({ authorization: `Bearer ${t.alice.sessionToken}` });
    expect(bySession.session?.user.id).toBe(t.alice.user.id);
    expect(modelsRead(t.adapterCalls.slice(mark)).has("apikey")).toBe(false);

    mark = t.adapterCalls.length;
    const byToken = await t.protectedRoute({ authorization: `Bearer ${t.personal.token}` });
    expect(byToken.session?.user.id).toBe(t.bob.user.id);
    expect(modelsRead(t.adapterCalls.slice(mark)).has("session")).toBe(false);
  });

  it.each([
    ["empty", "Bearer "],
    ["scheme only", "Bearer"],
    ["garbage", "Bearer garbage"],
    ["overlong (64 KB)", `Bearer ${"a".repeat(64 * 1024)}`],
    ["non-ASCII", "Bearer ÿÿÿ.ÿÿÿ"],
    ["percent-encoded", "Bearer %E2%82%AC%ZZ"],
    ["a dotted forgery", "Bearer abc.def"],
  ])("gives no session and no 5xx for %s", async (_label, authorization) => {
    const t = await setup();
    await expectNoSession(t, authorization);
  });

  it.each([
    ["garbage with our prefix", "Bearer bat_garbage"],
    ["overlong with our prefix (64 KB)", `Bearer bat_${"a".repeat(64 * 1024)}`],
    ["non-ASCII with our prefix", "Bearer bat_ünïcødé-ÿ"],
    ["a mistyped personal token", null],
  ])("gives no session and no 5xx for %s, without a session-table read", async (_label, header) => {
    const t = await setup();
    const last = t.personal.token.at(-1) === "a" ? "b" : "a";
    const authorization = header ?? `Bearer ${t.personal.token.slice(0, -1)}${last}`;
    const mark = t.adapterCalls.length;
    await expectNoSession(t, authorization);
    expect(modelsRead(t.adapterCalls.slice(mark)).has("session")).toBe(false);
  });
});

async function expectNoSession(t: Awaited<ReturnType<typeof setup>>, authorization: string) {
  const response = await t.request("/get-session", { headers: { authorization } });
  expect(response.status).toBe(200);
  expect(await response.json()).toBeNull();
  expect(await t.auth.api.getSession({ headers: new Headers({ authorization }) })).toBeNull();
  expect((await t.protectedRoute({ authorization })).status).toBe(401);

  const listed = await t.request("/bearer/list-tokens", { headers: { authorization } });
  expect(listed.status).toBeGreaterThanOrEqual(400);
  expect(listed.status).toBeLessThan(500);
}

describe("bearer(): a personal token never reaches upstream's cookie signing", () => {
  it("gives the token's user when a valid cookie of another user is also sent, reading no session row", async () => {
    const t = await setup();
    const headers = { cookie: t.alice.headers.get("cookie")!, authorization: `Bearer ${t.personal.token}` };

    const mark = t.adapterCalls.length;
    expect((await t.protectedRoute(headers)).session?.user.id).toBe(t.bob.user.id);
    // Upstream would have signed the token into the cookie and looked it up as a session.
    expect(modelsRead(t.adapterCalls.slice(mark)).has("session")).toBe(false);

    const response = await t.request("/get-session", { headers });
    expect(((await response.json()) as { user: { id: string } }).user.id).toBe(t.bob.user.id);
    expect(response.headers.get("set-auth-token")).toBeNull();
  });

  it("fails closed, not to the cookie, when the personal token beside a valid cookie is revoked", async () => {
    const t = await setup();
    await t.client(t.bob).$fetch("/bearer/revoke-token", { method: "POST", body: { id: t.personal.id } });
    const headers = { cookie: t.alice.headers.get("cookie")!, authorization: `Bearer ${t.personal.token}` };

    const mark = t.adapterCalls.length;
    expect((await t.protectedRoute(headers)).status).toBe(401);
    // Neither the cookie nor the token signed into a cookie (upstream's move) was looked up.
    expect(modelsRead(t.adapterCalls.slice(mark)).has("session")).toBe(false);
    const response = await t.request("/get-session", { headers });
    expect(await response.json()).toBeNull();
  });

  it("answers other endpoints 401 with WWW-Authenticate for a bad personal token", async () => {
    const t = await setup();
    const response = await t.request("/list-sessions", {
      credential: t.alice,
      headers: { authorization: "Bearer bat_garbage" },
    });
    expect(response.status).toBe(401);
    expect(response.headers.get("www-authenticate")).toMatch(/^Bearer error="invalid_token"/);
    expect(await response.text()).not.toContain("bat_garbage");
  });
});
