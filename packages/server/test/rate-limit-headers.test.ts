import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import { registerCredential, testAdapterName, type SignedUpUser } from "@better-auth-tokens/test-utils";
import { Hono } from "hono";
import { describe, expect, it } from "vitest";
import { createVerifier, requireCredential, requireCredentialNode, withCredential, type VerifiedCredential, type Verifier } from "../src/verifier/index";
import { setupApiKeys } from "./support/api-keys";
import { setupBearer } from "./support/bearer";

const adapter = testAdapterName();
/**
 * Windows in secondaryStorage are aligned to the epoch: a week-long window keeps every test in
 * one window, so the counts below cannot be reset halfway.
 */
const WEEK = 7 * 24 * 3600;

const RATE_LIMIT_FIELDS = ["ratelimit-limit", "ratelimit-remaining", "ratelimit-reset", "ratelimit-policy"];

/** The RateLimit fields of a response, by lower-case name; absent ones are left out. */
function rateLimitFields(headers: Headers | Record<string, string>) {
  const read = headers instanceof Headers ? (name: string) => headers.get(name) : (name: string) => lowerCased(headers)[name] ?? null;
  return Object.fromEntries(RATE_LIMIT_FIELDS.flatMap((name) => (read(name) === null ? [] : [[name, read(name)]])));
}

function lowerCased(headers: Record<string, string>) {
  return Object.fromEntries(Object.entries(headers).map(([name, value]) => [name.toLowerCase(), value]));
}

function resetOf(headers: Headers | Record<string, string>) {
  return Number(rateLimitFields(headers)["ratelimit-reset"]);
}

async function serverKey(t: ReturnType<typeof setupApiKeys>, user: SignedUpUser, body: Record<string, unknown> = {}) {
  const created = await t.auth.api.createApiKey({ body: { userId: user.user.id, name: "limited", ...body } });
  registerCredential(created.key);
  return created;
}

describe(`RateLimit response fields from the session hook [${adapter}]`, () => {
  it("count down on every 200, and the 429 says when the window resets, with Retry-After", async () => {
    const t = setupApiKeys({ rateLimit: { max: 3, window: WEEK } });
    const created = await t.createKey(await t.signUp());
    const answers = [];
    for (let i = 0; i < 4; i++) answers.push(await t.request("/get-session", { headers: { "x-api-key": created.key } }));

    expect(answers.map((answer) => answer.status)).toEqual([200, 200, 200, 429]);
    expect(answers.map((answer) => rateLimitFields(answer.headers)["ratelimit-remaining"])).toEqual(["2", "1", "0", "0"]);
    for (const answer of answers) {
      expect(rateLimitFields(answer.headers)).toMatchObject({ "ratelimit-limit": "3", "ratelimit-policy": `3;w=${WEEK}` });
      expect(resetOf(answer.headers)).toBeGreaterThan(0);
      expect(resetOf(answer.headers)).toBeLessThanOrEqual(WEEK);
    }
    const refused = answers[3]!;
    expect(await refused.json()).toMatchObject({ code: "RATE_LIMITED" });
    expect(Number(refused.headers.get("retry-after"))).toBe(resetOf(refused.headers));
  });

  it("are absent when no limit or quota applies", async () => {
    const t = setupApiKeys();
    const created = await t.createKey(await t.signUp());
    const answer = await t.request("/get-session", { headers: { "x-api-key": created.key } });
    expect(answer.status).toBe(200);
    expect(rateLimitFields(answer.headers)).toEqual({});
  });

  it("come with personal tokens too", async () => {
    const t = setupBearer({ rateLimit: { max: 2, window: WEEK } });
    const { token } = await t.createToken(await t.signUp());
    const first = await t.request("/get-session", { headers: { authorization: `Bearer ${token}` } });
    expect(first.status).toBe(200);
    expect(rateLimitFields(first.headers)).toMatchObject({ "ratelimit-limit": "2", "ratelimit-remaining": "1" });
  });

  it("report the owner's limit when it is closer to exhaustion than the key's", async () => {
    const t = setupApiKeys({ rateLimit: { max: 10, window: WEEK }, ownerRateLimit: { max: 3, window: WEEK } });
    const alice = await t.signUp();
    const first = await t.createKey(alice, { name: "first" });
    const second = await t.createKey(alice, { name: "second" });
    await t.request("/get-session", { headers: { "x-api-key": first.key } });
    const answer = await t.request("/get-session", { headers: { "x-api-key": second.key } });
    // The key has used 1 of 10; the owner 2 of 3: the owner's budget binds.
    expect(rateLimitFields(answer.headers)).toMatchObject({ "ratelimit-limit": "3", "ratelimit-remaining": "1", "ratelimit-policy": `3;w=${WEEK}` });
  });

  it("report a usage quota: what is left, and with a refill its amount and when it comes", async () => {
    const t = setupApiKeys();
    const alice = await t.signUp();
    const fixed = await serverKey(t, alice, { remaining: 2 });
    const refilling = await serverKey(t, alice, { remaining: 5, refillAmount: 5, refillInterval: 3_600_000 });

    const fixedAnswers = [];
    for (let i = 0; i < 3; i++) fixedAnswers.push(await t.request("/get-session", { headers: { "x-api-key": fixed.key } }));
    expect(fixedAnswers.map((answer) => answer.status)).toEqual([200, 200, 429]);
    // A quota that never refills has no window: only what is left is known.
    expect(fixedAnswers.map((answer) => rateLimitFields(answer.headers))).toEqual([
      { "ratelimit-remaining": "1" },
      { "ratelimit-remaining": "0" },
      { "ratelimit-remaining": "0" },
    ]);
    expect(await fixedAnswers[2]!.json()).toMatchObject({ code: "USAGE_EXCEEDED" });

    const refilled = await t.request("/get-session", { headers: { "x-api-key": refilling.key } });
    expect(rateLimitFields(refilled.headers)).toMatchObject({ "ratelimit-limit": "5", "ratelimit-remaining": "4", "ratelimit-policy": "5;w=3600" });
    expect(resetOf(refilled.headers)).toBeGreaterThan(3500);
    expect(resetOf(refilled.headers)).toBeLessThanOrEqual(3600);
  });
});

describe(`RateLimit response fields from createVerifier and the middleware [${adapter}]`, () => {
  it("are in authenticate's headers, on success and on the 429", async () => {
    const t = setupApiKeys({ rateLimit: { max: 2, window: WEEK } });
    const created = await t.createKey(await t.signUp());
    const verifier = createVerifier(t.auth);
    const first = await verifier.authenticate({ "x-api-key": created.key });
    expect(first.ok).toBe(true);
    expect(rateLimitFields(first.headers)).toMatchObject({ "ratelimit-limit": "2", "ratelimit-remaining": "1" });
    await verifier.authenticate({ "x-api-key": created.key });
    const refused = await verifier.authenticate({ "x-api-key": created.key });
    expect(refused).toMatchObject({ ok: false, status: 429, code: "RATE_LIMITED" });
    expect(rateLimitFields(refused.headers)).toMatchObject({ "ratelimit-remaining": "0" });
    expect(refused.headers["Retry-After"]).toBe(String(resetOf(refused.headers)));
  });

  it("are in a 403's headers too: the refused request was counted", async () => {
    const t = setupApiKeys({ rateLimit: { max: 3, window: WEEK } });
    const created = await t.createKey(await t.signUp());
    const verifier = createVerifier(t.auth);
    const app = new Hono();
    app.get("/api/write", requireCredential(verifier, { permissions: ["write"] }), (c) => c.text("written"));
    const guard = requireCredentialNode(verifier, { permissions: ["write"] });
    const server = createServer((req, res) => guard(req as typeof req & { credential?: VerifiedCredential }, res, () => res.end("ok")));
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    try {
      const refused = await verifier.authenticate({ "x-api-key": created.key }, { permissions: ["write"] });
      expect(refused).toMatchObject({ ok: false, status: 403, code: "INSUFFICIENT_PERMISSIONS" });
      const hono = await app.request("/api/write", { headers: { "x-api-key": created.key } });
      const node = await fetch(`http://127.0.0.1:${(server.address() as AddressInfo).port}/api/write`, { headers: { "x-api-key": created.key } });
      expect([hono.status, node.status]).toEqual([403, 403]);
      // Each counted: what is left says so, and the next request is the 429.
      expect([refused.headers, hono.headers, node.headers].map((headers) => rateLimitFields(headers)["ratelimit-remaining"])).toEqual(["2", "1", "0"]);
      expect(rateLimitFields(hono.headers)).toMatchObject({ "ratelimit-limit": "3", "ratelimit-policy": `3;w=${WEEK}` });
      expect(await verifier.authenticate({ "x-api-key": created.key })).toMatchObject({ status: 429 });
    } finally {
      server.close();
    }
  });

  it("are empty in authenticate's headers without a limit", async () => {
    const t = setupApiKeys();
    const created = await t.createKey(await t.signUp());
    const result = await createVerifier(t.auth).authenticate({ "x-api-key": created.key });
    // toEqual, not toMatchObject: `{}` as a pattern would match any headers.
    expect(result.ok).toBe(true);
    expect(result.headers).toEqual({});
  });

  type HonoApp = Hono<{ Variables: { credential: VerifiedCredential } }>;
  const HONO_FORMS: [string, (app: HonoApp, verifier: Verifier) => void][] = [
    [
      "the Hono middleware",
      (app, verifier) => {
        app.use("/api/*", requireCredential(verifier));
        app.get("/api/me", (c) => c.json({ id: c.get("credential").user.id }));
      },
    ],
    ["withCredential", (app, verifier) => app.get("/api/me", withCredential(verifier, (c, { user }) => c.json({ id: user.id })))],
  ];

  it.each(HONO_FORMS)("are sent by %s, before the route runs", async (_, mount) => {
    const t = setupApiKeys({ rateLimit: { max: 2, window: WEEK } });
    const created = await t.createKey(await t.signUp());
    const app: HonoApp = new Hono();
    mount(app, createVerifier(t.auth));

    const answers = [];
    for (let i = 0; i < 3; i++) answers.push(await app.request("/api/me", { headers: { "x-api-key": created.key } }));
    expect(answers.map((answer) => answer.status)).toEqual([200, 200, 429]);
    expect(answers.map((answer) => rateLimitFields(answer.headers)["ratelimit-remaining"])).toEqual(["1", "0", "0"]);
    expect(answers[2]!.headers.get("retry-after")).toBe(String(resetOf(answers[2]!.headers)));
  });

  it("are sent by the Node middleware", async () => {
    const t = setupApiKeys({ rateLimit: { max: 2, window: WEEK } });
    const created = await t.createKey(await t.signUp());
    const guard = requireCredentialNode(createVerifier(t.auth));
    const server = createServer((req, res) => guard(req as typeof req & { credential?: VerifiedCredential }, res, () => res.end("ok")));
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/api/me`;
    try {
      const answers = [];
      for (let i = 0; i < 3; i++) answers.push(await fetch(url, { headers: { "x-api-key": created.key } }));
      expect(answers.map((answer) => answer.status)).toEqual([200, 200, 429]);
      expect(answers.map((answer) => rateLimitFields(answer.headers)["ratelimit-remaining"])).toEqual(["1", "0", "0"]);
      expect(rateLimitFields(answers[0]!.headers)).toMatchObject({ "ratelimit-limit": "2", "ratelimit-policy": `2;w=${WEEK}` });
    } finally {
      server.close();
    }
  });
});
