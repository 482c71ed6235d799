import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import { inspect } from "node:util";

import { registerCredential, testAdapterName } from "@better-auth-tokens/test-utils";
import { Hono, type Context } from "hono";
import { describe, expect, expectTypeOf, it } from "vitest";
import type { CredentialEvent } from "../core/credential-events";
import { setupApiKeys } from "../../test/support/api-keys";
import { createVerifier, requireCredential, requireCredentialNode, withCredential, type OrganizationVerifiedCredential, type VerifiedCredential } from "./index";

const adapter = testAdapterName();
/** A window no test outlives, so no count resets halfway. */
const WEEK = 7 * 24 * 3600;

type Env = { Variables: { credential: VerifiedCredential } };

/** The fields a route's credential has, in order. */
const FIELDS = ["key", "permissions", "authMethod", "owner", "user", "headers"] as const;

/** An instance whose keys may be used 3 times a week, a reader key and a writer key, and the events it emits. */
async function setup(body: Record<string, unknown> = {}) {
  const events: CredentialEvent[] = [];
  const t = setupApiKeys({ rateLimit: { max: 3, window: WEEK }, onEvent: (event) => void events.push(event) });
  const alice = await t.signUp({ name: "Alice" });
  // Permissions are granted by the server only.
  const create = async (name: string, permissions: string[]) => {
    const created = await t.auth.api.createApiKey({ body: { name, userId: alice.user.id, permissions, ...body } });
    registerCredential(created.key);
    return created;
  };
  return { t, alice, events, reader: await create("reader", ["read"]), writer: await create("writer", ["write"]), verifier: createVerifier(t.auth) };
}

/** A prefix guarded once, and routes that each guard again with their own requirement. */
function stackedApp(s: Awaited<ReturnType<typeof setup>>) {
  const app = new Hono<Env>();
  app.use("/api/*", requireCredential(s.verifier));
  app.get("/api/read", requireCredential(s.verifier, { permissions: ["read"] }), (c) => c.json({ key: c.get("credential").key.id }));
  app.get("/api/wrapped", withCredential(s.verifier, { permissions: ["read"] }, (c: Context<Env>, { key }) => c.json({ key: key.id })));
  app.get("/api/write", requireCredential(s.verifier, { permissions: ["write"] }), (c) => c.text("written"));
  return app;
}

describe(`guards stacked on one request [${adapter}]`, () => {
  it("count the request once against the rate limit: 3 requests of a limit of 3 pass both guards", async () => {
    for (const path of ["/api/read", "/api/wrapped"]) {
      const s = await setup();
      const app = stackedApp(s);
      const answers = [];
      for (let i = 0; i < 4; i++) answers.push(await app.request(path, { headers: { "x-api-key": s.reader.key } }));
      // Counted twice, the second request would already have been refused.
      expect({ path, statuses: answers.map((answer) => answer.status) }).toEqual({ path, statuses: [200, 200, 200, 429] });
      expect(answers[0]!.headers.get("ratelimit-remaining")).toBe("2");
      expect(await answers[0]!.json()).toEqual({ key: s.reader.id });
    }
  });

  it("spend one use of a usage quota per request", async () => {
    const s = await setup({ remaining: 2 });
    const app = stackedApp(s);
    const statuses = [];
    for (let i = 0; i < 3; i++) statuses.push((await app.request("/api/read", { headers: { "x-api-key": s.reader.key } })).status);
    expect(statuses).toEqual([200, 200, 429]);
    const [reader] = (await s.t.rows("apikey")).filter((row) => row.id === s.reader.id);
    expect(reader!.remaining).toBe(0);
  });

  it("still apply the route's own requirement: 403 insufficient_scope, reported once, and the route never runs", async () => {
    const s = await setup();
    const app = stackedApp(s);
    const refused = await app.request("/api/write", { headers: { "x-api-key": s.reader.key } });
    expect(refused.status).toBe(403);
    expect(refused.headers.get("www-authenticate")).toMatch(/^Bearer error="insufficient_scope"/);
    expect(await refused.json()).toMatchObject({ code: "INSUFFICIENT_PERMISSIONS" });
    await new Promise((resolve) => setTimeout(resolve, 20));
    expect(s.events.filter((event) => event.type === "rejected")).toEqual([
      expect.objectContaining({ type: "rejected", credentialId: s.reader.id, reason: "insufficient-permissions", kind: "api-key" }),
    ]);
    expect(JSON.stringify(s.events)).not.toContain(s.reader.key);

    const written = await app.request("/api/write", { headers: { "x-api-key": s.writer.key } });
    expect(written.status).toBe(200);
    expect(await written.text()).toBe("written");
  });

  it("verify again a request no guard of the instance admitted: a credential the app set itself, one kept from another request, or another instance's", async () => {
    const s = await setup();
    const other = await setup();
    const forged = { ...s.reader, owner: { type: "user", id: s.alice.user.id }, user: s.alice.user, permissions: { read: [] }, headers: {} };
    let kept: VerifiedCredential | undefined;
    const app = new Hono<Env>();
    // Not admitted by a guard: a plain object, whatever it claims.
    app.use("/api/forged", async (c, next) => {
      c.set("credential", forged as unknown as VerifiedCredential);
      await next();
    });
    // Admitted on an earlier request: an admission belongs to its request, not to the credential.
    app.use("/api/keep", requireCredential(s.verifier), async (c, next) => {
      kept = c.get("credential");
      await next();
    });
    app.use("/api/replayed", async (c, next) => {
      c.set("credential", kept!);
      await next();
    });
    // Admitted, but by a guard of another instance, whose keys are not this one's.
    app.use("/api/other", requireCredential(other.verifier));
    app.get("/api/keep", (c) => c.text("kept"));
    for (const path of ["/api/forged", "/api/replayed", "/api/other"]) {
      app.get(path, requireCredential(s.verifier, { permissions: ["read"] }), (c) => c.text(`read by ${c.get("credential").key.id}`));
    }

    expect((await app.request("/api/forged")).status).toBe(401);
    expect((await app.request("/api/keep", { headers: { "x-api-key": s.reader.key } })).status).toBe(200);
    expect(kept?.key.id).toBe(s.reader.id);
    expect((await app.request("/api/replayed")).status).toBe(401);
    const writer = await app.request("/api/replayed", { headers: { "x-api-key": s.writer.key } });
    expect(writer.status).toBe(403);
    expect(await writer.json()).toMatchObject({ code: "INSUFFICIENT_PERMISSIONS" });
    expect((await app.request("/api/other", { headers: { "x-api-key": other.reader.key } })).status).toBe(401);
  });

  it("decide on what the guard admitted, not on the credential the route was handed, which app code may change", async () => {
    const s = await setup();
    const app = new Hono<Env>();
    app.use("/api/*", requireCredential(s.verifier));
    // Middleware between the guards that widens what it was handed, in place.
    app.use("/api/*", async (c, next) => {
      const credential = c.get("credential");
      credential.permissions.write = [];
      credential.key.permissions.write = [];
      await next();
    });
    app.get("/api/write", requireCredential(s.verifier, { permissions: ["write"] }), (c) => c.text("written"));
    const refused = await app.request("/api/write", { headers: { "x-api-key": s.reader.key } });
    expect(refused.status).toBe(403);
    expect(await refused.json()).toMatchObject({ code: "INSUFFICIENT_PERMISSIONS" });
    // The writer, which has the permission, gets in.
    expect((await app.request("/api/write", { headers: { "x-api-key": s.writer.key } })).status).toBe(200);
  });

  it("count once when the route's guard comes from a second verifier of the instance, cold on the first request", async () => {
    const s = await setup();
    const app = new Hono<Env>();
    app.use("/api/*", requireCredential(s.verifier));
    app.get("/api/read", requireCredential(createVerifier(s.t.auth), { permissions: ["read"] }), (c) => c.text("read"));
    const remaining = [];
    for (let i = 0; i < 3; i++) remaining.push((await app.request("/api/read", { headers: { "x-api-key": s.reader.key } })).headers.get("ratelimit-remaining"));
    expect(remaining).toEqual(["2", "1", "0"]);
  });

  it("hand the route a plain credential: no `ok`, nothing extra to spread, compare or serialise", async () => {
    const s = await setup();
    let seen: VerifiedCredential | undefined;
    const app = new Hono<Env>();
    app.get("/api/me", requireCredential(s.verifier), (c) => {
      seen = c.get("credential");
      return c.text("me");
    });
    expect((await app.request("/api/me", { headers: { "x-api-key": s.reader.key } })).status).toBe(200);
    const plain = JSON.parse(JSON.stringify(seen)) as Record<string, unknown>;
    // A field added to either kind of credential fails the type check here until listed, and
    // then this line until the credential a guard hands out sets it.
    expectTypeOf<(typeof FIELDS)[number]>().toEqualTypeOf<keyof VerifiedCredential | keyof OrganizationVerifiedCredential>();
    expect(Object.keys(seen!)).toEqual(FIELDS);
    expect(Object.getOwnPropertySymbols(seen!)).toEqual([]);
    expect("ok" in seen!).toBe(false);
    expect(Object.getPrototypeOf(seen)).toBe(Object.prototype);
    expect(Object.keys(plain)).toEqual(Object.keys(seen!));
    expect(JSON.stringify(seen)).not.toContain(s.reader.key);
  });

  it("leave nothing on the request that a deep log would print: no key hash, no cached row", async () => {
    const s = await setup();
    let printed = "";
    const app = new Hono<Env>();
    app.get("/api/me", requireCredential(s.verifier), (c) => {
      printed = inspect(c, { depth: null, showHidden: true });
      return c.text("me");
    });
    expect((await app.request("/api/me", { headers: { "x-api-key": s.reader.key } })).status).toBe(200);
    const [row] = (await s.t.rows("apikey")).filter((stored) => stored.id === s.reader.id);
    expect(printed).toContain("[Admission]");
    expect(printed).not.toContain(String(row!.key));
    expect(printed).not.toContain(s.reader.key);
  });

  it("trust an admission only on the request it was recorded on, and let a sealed request through as before", async () => {
    const s = await setup();
    const prefix = requireCredentialNode(s.verifier);
    const route = requireCredentialNode(s.verifier, { permissions: ["read"] });
    const answer = () => {
      const sent = { statusCode: 200, body: "" };
      return { sent, res: { get statusCode() { return sent.statusCode; }, set statusCode(code: number) { sent.statusCode = code; }, setHeader() {}, end(body: string) { sent.body = body; } } };
    };
    const pass = (guard: typeof prefix, req: Parameters<typeof prefix>[0]) =>
      new Promise<number>((resolve, reject) => {
        const { sent, res } = answer();
        res.end = (body: string) => { sent.body = body; resolve(sent.statusCode); };
        guard(req, res, (error?: unknown) => (error ? reject(error) : resolve(0)));
      });
    const admitted = { headers: { "x-api-key": s.reader.key } } as Parameters<typeof prefix>[0];
    expect(await pass(prefix, admitted)).toBe(0);
    // An object made from an admitted request, carrying no key: not admitted.
    const derived = Object.create(admitted, { headers: { value: {} } });
    expect(await pass(route, derived)).toBe(401);
    // A sealed request cannot hold an admission: each guard verifies it, as before guards stacked.
    const sealed = Object.seal({ headers: { "x-api-key": s.reader.key }, credential: undefined }) as unknown as Parameters<typeof prefix>[0];
    expect(await pass(prefix, sealed)).toBe(0);
    expect(await pass(route, sealed)).toBe(0);
  });

  it("count once on a Node server too, with requireCredentialNode twice", async () => {
    const s = await setup();
    const prefix = requireCredentialNode(s.verifier);
    const route = requireCredentialNode(s.verifier, { permissions: ["write"] });
    const server = createServer((req, res) => {
      const request = req as typeof req & { credential?: VerifiedCredential };
      prefix(request, res, () => route(request, res, () => res.end(JSON.stringify({ key: request.credential?.key.id }))));
    });
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/api/write`;
    try {
      const statuses = [];
      for (let i = 0; i < 4; i++) statuses.push((await fetch(url, { headers: { "x-api-key": s.writer.key } })).status);
      expect(statuses).toEqual([200, 200, 200, 429]);
      const refused = await fetch(url, { headers: { "x-api-key": s.reader.key } });
      expect(refused.status).toBe(403);
      expect(await refused.json()).toMatchObject({ code: "INSUFFICIENT_PERMISSIONS" });
      // The reader's one request was counted once, by the prefix's guard.
      expect((await fetch(url, { headers: { "x-api-key": s.reader.key } })).headers.get("ratelimit-remaining")).toBe("1");
    } finally {
      server.close();
    }
  });
});
