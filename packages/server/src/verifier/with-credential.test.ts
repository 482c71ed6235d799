import type { AddressInfo } from "node:net";

import { serve } from "@hono/node-server";
import { createTestAuth } from "@better-auth-tokens/test-utils";
import { Hono, type Context } from "hono";
import { describe, expect, it } from "vitest";
import { apiKey } from "../api-key";
import { bearer } from "../bearer";
import { createToken } from "../../test/support/bearer";
import { createVerifier, requireCredential, withCredential, type VerifiedCredential } from "./index";

type Env = { Variables: { credential: VerifiedCredential } };

/** One instance with both kinds, a reader key, a writer key and a personal token. */
async function setup() {
  const t = createTestAuth({ plugins: [apiKey(), bearer()] });
  const alice = await t.signUp({ name: "Alice" });
  // Permissions are granted by the server only: a client's create would be refused them.
  const api = t.auth.api as unknown as { createApiKey(input: { body: Record<string, unknown> }): Promise<{ id: string; key: string }> };
  const reader = await api.createApiKey({ body: { name: "reader", userId: alice.user.id, permissions: ["read"] } });
  const writer = await api.createApiKey({ body: { name: "writer", userId: alice.user.id, permissions: ["write"] } });
  const token = await createToken(t, alice, { name: "cli" });
  return { t, alice, reader, writer, token, verifier: createVerifier(t.auth) };
}

describe("withCredential(verifier, requirement, handler)", () => {
  it("calls the handler with the credential, also in c.get, and answers a warm request without a promise", async () => {
    const s = await setup();
    const app = new Hono<Env>();
    app.get(
      "/api/projects",
      withCredential(s.verifier, { permissions: ["read"] }, (c: Context<Env>, credential) =>
        c.json({ user: credential.user.id, key: credential.key.id, same: c.get("credential") === credential, ok: "ok" in credential }),
      ),
    );
    const request = () => new Request("http://app/api/projects", { headers: { "x-api-key": s.reader.key } });

    // The first request loads the instance and reads the key: an answer to wait for.
    const cold = await app.fetch(request());
    expect(cold.status).toBe(200);
    const body = await cold.json();
    expect(body).toEqual({ user: s.alice.user.id, key: s.reader.id, same: true, ok: false });
    expect(JSON.stringify(body)).not.toContain(s.reader.key);

    // Warm, Hono calls the one handler and gets its Response back at once: no chain, no promise.
    const warm = app.fetch(request());
    expect(warm).toBeInstanceOf(Response);
    expect((warm as Response).status).toBe(200);
  });

  it("refuses with the verifier's statuses, codes and challenges, and never runs the handler", async () => {
    const s = await setup();
    let ran = 0;
    const app = new Hono();
    app.get(
      "/api/projects",
      withCredential(s.verifier, { permissions: ["read"] }, (c) => {
        ran++;
        return c.text("projects");
      }),
    );
    const get = (headers: Record<string, string> = {}) => app.request("/api/projects", { headers });

    const none = await get();
    expect(none.status).toBe(401);
    expect(none.headers.get("www-authenticate")).toBe("Bearer");
    expect(await none.json()).toMatchObject({ code: "UNAUTHORIZED" });

    const wrong = await get({ "x-api-key": `${s.reader.key.slice(0, -1)}${s.reader.key.endsWith("A") ? "B" : "A"}` });
    expect(wrong.status).toBe(401);
    expect(wrong.headers.get("www-authenticate")).toMatch(/^Bearer error="invalid_token"/);
    expect(await wrong.json()).toMatchObject({ code: "INVALID_CREDENTIAL" });

    const writer = await get({ "x-api-key": s.writer.key });
    expect(writer.status).toBe(403);
    expect(writer.headers.get("www-authenticate")).toMatch(/^Bearer error="insufficient_scope"/);
    expect(await writer.json()).toMatchObject({ code: "INSUFFICIENT_PERMISSIONS" });

    // A personal token has no permissions of its own: refused where the route names some.
    const token = await get({ authorization: `Bearer ${s.token.token}` });
    expect(token.status).toBe(403);
    expect(await token.json()).toMatchObject({ code: "INSUFFICIENT_PERMISSIONS" });

    const both = await get({ "x-api-key": s.reader.key, authorization: `Bearer ${s.token.token}` });
    const expected = await s.verifier.authenticate({ "x-api-key": s.reader.key, authorization: `Bearer ${s.token.token}` });
    expect(expected).toMatchObject({ ok: false, code: "MULTIPLE_CREDENTIALS" });
    expect(both.status).toBe((expected as { status: number }).status);
    expect(await both.json()).toMatchObject({ code: "MULTIPLE_CREDENTIALS" });

    expect(ran).toBe(0);
    expect((await get({ "x-api-key": s.reader.key })).status).toBe(200);
    expect(ran).toBe(1);
  });

  it("takes a requirement written `as const`, as the middleware and the plugin's options do", async () => {
    const s = await setup();
    // Read-only arrays: these lines would not compile if permissions had to be mutable.
    const READ = { permissions: { scopes: ["read"] }, personalTokens: "refuse" } as const;
    const app = new Hono();
    app.get("/one", withCredential(s.verifier, READ, (c) => c.text("read")));
    app.get("/chain", requireCredential(s.verifier, READ), (c) => c.text("read"));
    const options = apiKey({ defaultPermissions: ["read"] as const, allowedPermissions: { scopes: ["read", "write"] } as const });
    expect(options.id).toBeDefined();
    for (const path of ["/one", "/chain"]) {
      expect((await app.request(path, { headers: { "x-api-key": s.reader.key } })).status).toBe(200);
      expect((await app.request(path, { headers: { "x-api-key": s.writer.key } })).status).toBe(403);
    }
  });

  it("takes the handler alone, letting personal tokens and any key through", async () => {
    const s = await setup();
    const app = new Hono();
    app.get("/api/me", withCredential(s.verifier, (c, { authMethod, user }) => c.json({ authMethod, user: user.id })));
    for (const [headers, authMethod] of [
      [{ authorization: `Bearer ${s.token.token}` }, "personal-token"],
      [{ "x-api-key": s.writer.key }, "api-key"],
    ] as const) {
      const answer = await app.request("/api/me", { headers });
      expect(answer.status).toBe(200);
      expect(await answer.json()).toEqual({ authMethod, user: s.alice.user.id });
    }
  });

  it("leaves an error thrown by the handler, or by an async handler, to Hono's onError", async () => {
    const s = await setup();
    const app = new Hono();
    app.onError((error, c) => c.json({ caught: error.message }, 500));
    app.get("/sync", withCredential(s.verifier, () => { throw new Error("sync handler failed"); }));
    app.get("/async", withCredential(s.verifier, async () => { throw new Error("async handler failed"); }));
    app.get("/later", withCredential(s.verifier, async (c, { key }) => { await new Promise((resolve) => setTimeout(resolve, 5)); return c.json({ key: key.id }); }));
    const headers = { "x-api-key": s.reader.key };
    for (let i = 0; i < 2; i++) {
      // Twice: once cold (the verifier's answer is a promise), once warm (it is not).
      expect(await (await app.request("/sync", { headers })).json()).toEqual({ caught: "sync handler failed" });
      expect(await (await app.request("/async", { headers })).json()).toEqual({ caught: "async handler failed" });
      expect(await (await app.request("/later", { headers })).json()).toEqual({ key: s.reader.id });
    }
  });

  it("serves a real @hono/node-server on loopback, keys in either header", async () => {
    const s = await setup();
    const app = new Hono();
    app.get("/api/projects", withCredential(s.verifier, { permissions: ["read"] }, (c, { key }) => c.json({ key: key.id })));
    const server = await new Promise<ReturnType<typeof serve>>((resolve) => {
      const started = serve({ fetch: app.fetch, hostname: "127.0.0.1", port: 0 }, () => resolve(started));
    });
    const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/api/projects`;
    try {
      for (let i = 0; i < 2; i++) {
        const ok = await fetch(url, { headers: { authorization: `Bearer ${s.reader.key}` } });
        expect(ok.status).toBe(200);
        expect(await ok.json()).toEqual({ key: s.reader.id });
      }
      const writer = await fetch(url, { headers: { "x-api-key": s.writer.key } });
      expect(writer.status).toBe(403);
      expect(await writer.json()).toMatchObject({ code: "INSUFFICIENT_PERMISSIONS" });
    } finally {
      await new Promise((resolve) => server.close(resolve));
    }
  });

  it("reads Node's header object, not the Request, where @hono/node-server provides one", async () => {
    const s = await setup();
    const app = new Hono();
    app.get("/one", withCredential(s.verifier, (c, { key }) => c.json({ key: key.id })));
    app.use("/chain", requireCredential(s.verifier));
    app.get("/chain", (c) => c.json({ key: (c.get("credential" as never) as VerifiedCredential).key.id }));
    // The Request carries no credential: only Node's headers, as the server passes them, do.
    const env = { incoming: { headers: { "x-api-key": s.reader.key } } };
    for (const path of ["/one", "/chain"]) {
      const answer = await app.fetch(new Request(`http://app${path}`), env);
      expect(answer.status).toBe(200);
      expect(await answer.json()).toEqual({ key: s.reader.id });
    }
  });

  it("treats a requirement left out by an untyped caller as none, as the middleware does", async () => {
    const s = await setup();
    const app = new Hono();
    const untyped = withCredential as (...args: unknown[]) => (c: Context) => Response;
    app.get("/api/me", untyped(s.verifier, undefined, (c: Context) => c.text("me")));
    expect((await app.request("/api/me", { headers: { "x-api-key": s.reader.key } })).status).toBe(200);
    expect((await app.request("/api/me")).status).toBe(401);
  });

  it("answers alike, cold and warm, when the handler sets c.res and returns nothing", async () => {
    const s = await setup();
    const app = new Hono();
    // Hono's types want a Response back; plain JavaScript handlers need not.
    const setsResponse = withCredential(s.verifier, (c: Context) => {
      c.res = new Response("made", { status: 201 });
    });
    app.post("/api/things", setsResponse as unknown as (c: Context) => Response);
    const statuses = [];
    for (let i = 0; i < 2; i++) statuses.push((await app.request("/api/things", { method: "POST", headers: { "x-api-key": s.reader.key } })).status);
    expect(statuses).toEqual([201, 201]);
  });

  it("refuses to be set up without a handler", async () => {
    const s = await setup();
    expect(() => (withCredential as (...args: unknown[]) => unknown)(s.verifier, { permissions: ["read"] })).toThrow(TypeError);
  });
});
