import { createServer } from "node:http";
import type { AddressInfo } from "node:net";

import { Hono, type Context } from "hono";
import { customSession } from "better-auth/plugins";
import { describe, expect, it } from "vitest";
import { createTestAuth, summarizeAdapterCalls } from "@better-auth-tokens/test-utils";
import { apiKey } from "../api-key";
import { setupApiKeys } from "../../test/support/api-keys";
import { createToken } from "../../test/support/bearer";
import { bearer } from "../bearer";
import { createVerifier, requireCredential, requireCredentialNode, withCredential, type VerifiedCredential } from "./index";

describe("createVerifier(auth)", () => {
  it("verifies a key from a Request or headers, without a session and without adapter calls when warm", async () => {
    const t = setupApiKeys({ defaultPermissions: ["read"] });
    const alice = await t.signUp();
    const created = await t.createKey(alice);
    const verifier = createVerifier(t.auth);

    const first = await verifier.verify(new Request("http://app/x", { headers: { "x-api-key": created.key } }));
    expect(first).toMatchObject({ user: { id: alice.user.id }, key: { id: created.id }, permissions: { scopes: ["read"] } });
    expect(JSON.stringify(first)).not.toContain(created.key);

    const before = t.adapterCalls.length;
    expect(await verifier.verify({ authorization: `Bearer ${created.key}` })).not.toBeNull();
    expect(summarizeAdapterCalls(t.adapterCalls.slice(before))).toMatchObject({ reads: 0, writes: 0 });
  });

  it("says why it refused, with RFC 6750 statuses and challenges", async () => {
    const t = setupApiKeys({ defaultPermissions: ["read"], rateLimit: { max: 1, window: 60 } });
    const alice = await t.signUp();
    const created = await t.createKey(alice);
    const verifier = createVerifier(t.auth);

    expect(await verifier.authenticate({})).toMatchObject({
      ok: false,
      status: 401,
      code: "UNAUTHORIZED",
      headers: { "WWW-Authenticate": "Bearer" },
    });
    expect(await verifier.authenticate({ "x-api-key": "ba_wrong" })).toMatchObject({
      status: 401,
      code: "INVALID_CREDENTIAL",
      headers: { "WWW-Authenticate": expect.stringMatching(/^Bearer error="invalid_token", error_description="[^"]+"$/) },
    });
    expect(await verifier.authenticate({ "x-api-key": created.key }, { permissions: ["write"] })).toMatchObject({
      status: 403,
      code: "INSUFFICIENT_PERMISSIONS",
    });
    expect(await verifier.authenticate({ "x-api-key": created.key })).toMatchObject({
      status: 429,
      code: "RATE_LIMITED",
      headers: { "Retry-After": expect.stringMatching(/^\d+$/) },
    });
  });
});

describe("the user a route is handed", () => {
  it("leaves out returned: false fields, as getSession does, cold and warm, in every guard", async () => {
    const t = setupApiKeys({}, { options: { user: { additionalFields: { secretNote: { type: "string", required: false, input: false, returned: false } } } } });
    const alice = await t.signUp();
    const context = await t.auth.$context;
    await context.internalAdapter.updateUser(alice.user.id, { secretNote: "flagged by support" });
    const created = await t.createKey(alice);
    const verifier = createVerifier(t.auth);

    const seen: object[] = [];
    const app = new Hono<{ Variables: { credential: VerifiedCredential } }>();
    app.get("/guarded", requireCredential(verifier), (c) => c.json(c.get("credential").user));
    app.get("/wrapped", withCredential(verifier, {}, (c, credential) => c.json(credential.user)));
    for (const attempt of ["cold", "warm"]) {
      const verified = await verifier.verify({ "x-api-key": created.key });
      seen.push(verified!.user);
      for (const path of ["/guarded", "/wrapped"]) seen.push((await (await app.request(path, { headers: { "x-api-key": created.key } })).json()) as object);
      expect(seen, attempt).toHaveLength(attempt === "cold" ? 3 : 6);
    }
    const session = await t.auth.api.getSession({ headers: alice.headers });
    for (const user of seen) {
      expect(user).toMatchObject({ id: alice.user.id });
      expect(user).not.toHaveProperty("secretNote");
      // JSON drops a field left undefined, so: nothing getSession would not show.
      expect(Object.keys(session!.user)).toEqual(expect.arrayContaining(Object.keys(user)));
    }
  });
});

describe("customSession() beside the verifier", () => {
  it("does not run: the route gets the user as stored (less returned: false fields), not what customSession makes of it", async () => {
    const masked = customSession(async ({ user, session }) => ({ user: { id: user.id, name: "masked" }, session, plan: "pro" }));
    const t = createTestAuth({ plugins: [apiKey(), masked] });
    const alice = await t.signUp({ name: "Alice" });
    const created = await t.auth.api.createApiKey({ body: { name: "ci", userId: alice.user.id } });
    const session = (await t.auth.api.getSession({ headers: new Headers({ "x-api-key": created.key }) })) as { user: object; plan?: string } | null;
    expect(session).toMatchObject({ user: { id: alice.user.id, name: "masked" }, plan: "pro" });
    expect(await createVerifier(t.auth).verify({ "x-api-key": created.key })).toMatchObject({ user: { id: alice.user.id, name: "Alice", email: alice.user.email } });
  });
});

describe("permission names that are also Object.prototype members", () => {
  const PROTOTYPE_NAMES = ["constructor", "toString", "hasOwnProperty", "__proto__", "valueOf"];
  const statement = (name: string) => Object.fromEntries([[name, ["x"]]]) as Record<string, string[]>;

  it("refuses them with 403 INSUFFICIENT_PERMISSIONS in authenticate and both middlewares", async () => {
    const t = setupApiKeys({ defaultPermissions: ["read"] });
    const created = await t.createKey(await t.signUp());
    const verifier = createVerifier(t.auth);
    for (const name of PROTOTYPE_NAMES) {
      expect(await verifier.authenticate({ "x-api-key": created.key }, { permissions: statement(name) })).toMatchObject({
        ok: false,
        status: 403,
        code: "INSUFFICIENT_PERMISSIONS",
      });
      expect(await verifier.verify({ "x-api-key": created.key }, { permissions: [name] })).toBeNull();

      const app = new Hono();
      app.use("/api/*", requireCredential(verifier, { permissions: statement(name) }));
      app.get("/api/me", (c) => c.text("granted"));
      const hono = await app.request("/api/me", { headers: { "x-api-key": created.key } });
      expect(hono.status).toBe(403);
      expect(await hono.json()).toMatchObject({ code: "INSUFFICIENT_PERMISSIONS" });

      const guard = requireCredentialNode(verifier, { permissions: statement(name) });
      const sent = await new Promise<{ status: number; body: string }>((resolve, reject) => {
        const res = { statusCode: 200, setHeader: () => res, end: (body: string) => resolve({ status: res.statusCode, body }) };
        guard({ headers: { "x-api-key": created.key } }, res, (error) => reject(error ?? new Error("granted")));
      });
      expect(sent.status).toBe(403);
      expect(JSON.parse(sent.body)).toMatchObject({ code: "INSUFFICIENT_PERMISSIONS" });
    }
  });
});

describe("middleware", () => {
  it("guards a Hono route and hands it the credential", async () => {
    const t = setupApiKeys({ defaultPermissions: ["read"] });
    const created = await t.createKey(await t.signUp({ name: "Hono user" }));
    const app = new Hono<{ Variables: { credential: VerifiedCredential } }>();
    app.use("/api/*", requireCredential(createVerifier(t.auth), { permissions: ["read"] }));
    app.get("/api/me", (c) => c.json({ name: c.get("credential").user.name }));

    const ok = await app.request("/api/me", { headers: { "x-api-key": created.key } });
    expect(ok.status).toBe(200);
    expect(await ok.json()).toEqual({ name: "Hono user" });

    const denied = await app.request("/api/me");
    expect(denied.status).toBe(401);
    expect(denied.headers.get("www-authenticate")).toBe("Bearer");
    expect(await denied.json()).toMatchObject({ code: "UNAUTHORIZED" });
  });

  it("leaves a route that answers nothing to Hono's onError, cold and warm, as any middleware would", async () => {
    const t = setupApiKeys();
    const created = await t.createKey(await t.signUp({ name: "Hono user" }));
    const app = new Hono();
    app.onError((error, c) => c.json({ caught: error.message }, 500));
    app.use("/api/*", requireCredential(createVerifier(t.auth)));
    // A JavaScript route that forgot its `return`: Hono's types would refuse it.
    app.get("/api/forgot", (() => undefined) as unknown as (c: Context) => Response);
    for (let i = 0; i < 2; i++) {
      const answer = await app.request("/api/forgot", { headers: { "x-api-key": created.key } });
      expect(answer).toBeInstanceOf(Response);
      expect(answer.status).toBe(500);
      expect(await answer.json()).toEqual({ caught: expect.stringContaining("Context is not finalized") });
    }
  });

  it("hands an error in its own work to next(error), and never calls next twice", async () => {
    const t = setupApiKeys({ rateLimit: { max: 10, window: 3600 } });
    const created = await t.createKey(await t.signUp({ name: "Node user" }));
    const guard = requireCredentialNode(createVerifier(t.auth));
    // A response that can no longer take headers, as after another middleware answered.
    const sent = { setHeader() { throw new Error("headers already sent"); }, statusCode: 200, end() {} };
    for (const headers of [{ "x-api-key": created.key }, {}]) {
      const calls: unknown[][] = [];
      await new Promise<void>((resolve) => {
        guard({ headers }, sent, (...args: unknown[]) => {
          calls.push(args);
          resolve();
        });
      });
      await new Promise((resolve) => setTimeout(resolve, 10));
      expect(calls).toHaveLength(1);
      expect(calls[0]![0]).toBeInstanceOf(Error);
    }
  });

  it("guards a plain Node http server", async () => {
    const t = setupApiKeys();
    const created = await t.createKey(await t.signUp({ name: "Node user" }));
    const guard = requireCredentialNode(createVerifier(t.auth));
    const server = createServer((req, res) => {
      const request = req as typeof req & { credential?: VerifiedCredential };
      guard(request, res, () => res.end(JSON.stringify({ name: request.credential?.user.name })));
    });
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/api/me`;
    try {
      const ok = await fetch(url, { headers: { "x-api-key": created.key } });
      expect(await ok.json()).toEqual({ name: "Node user" });
      const bad = await fetch(url, { headers: { "x-api-key": `${created.key}x` } });
      expect(bad.status).toBe(401);
      expect(await bad.json()).toMatchObject({ code: "INVALID_CREDENTIAL" });
    } finally {
      server.close();
    }
  });
});

describe("a personal token meeting a permissions requirement", () => {
  it("is refused by default, and passes as its owner with personalTokens: \"owner\"", async () => {
    const t = createTestAuth({ plugins: [apiKey(), bearer()] });
    const alice = await t.signUp();
    const { token } = await createToken(t, alice, { name: "cli" });
    const verifier = createVerifier(t.auth);
    const headers = { authorization: `Bearer ${token}` };
    expect(await verifier.authenticate(headers)).toMatchObject({ ok: true, authMethod: "personal-token" });
    expect(await verifier.authenticate(headers, { permissions: ["read"] })).toMatchObject({
      status: 403,
      code: "INSUFFICIENT_PERMISSIONS",
    });
    expect(await verifier.authenticate(headers, { permissions: ["read"], personalTokens: "owner" })).toMatchObject({
      ok: true,
      user: { id: alice.user.id },
    });
  });
});
