import { apiKey, bearer, createVerifier, remoteVerification } from "@better-auth-tokens/server";
import { createTestAuth, registerSecret } from "@better-auth-tokens/test-utils";
import { toNodeHandler } from "better-auth/node";
import { spawn, type ChildProcess } from "node:child_process";
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { createInterface } from "node:readline";
import { fileURLToPath } from "node:url";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { refusalAnswer } from "./refusal-answer";
import { credentialFromHeaders, verifyRemote } from "./verify-remote";

const SERVICE_TOKEN = "invoices-service-token-0123456789abcdef";
registerSecret(SERVICE_TOKEN);
const t = createTestAuth({
  plugins: [
    apiKey({ allowedPermissions: { invoices: ["read", "write"] } }),
    bearer(),
    remoteVerification({ services: { invoices: SERVICE_TOKEN } }),
  ],
});

/** Serves `auth` over loopback HTTP, as an auth server of the app. */
async function serve(auth: Parameters<typeof toNodeHandler>[0]) {
  const server = createServer(toNodeHandler(auth));
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  return { server, url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/api/auth` };
}

/** The global fetch, counting the calls the helper makes. */
function countingFetch() {
  const counted: { calls: number; fetch: typeof fetch } = {
    calls: 0,
    fetch: (input, init) => {
      counted.calls += 1;
      return fetch(input, init);
    },
  };
  return counted;
}

let authServer: Server;
let authUrl: string;
let service: ChildProcess;
let serviceUrl: string;

/** The invoices service, in a Node process of its own, as another service of the app would run. */
function startService(env: Record<string, string>) {
  const child = spawn(process.execPath, ["--conditions=better-auth-tokens-source", "--import", "tsx", fileURLToPath(new URL("../test/remote-service.ts", import.meta.url))], {
    cwd: fileURLToPath(new URL("..", import.meta.url)),
    env: { PATH: process.env.PATH, HOME: process.env.HOME, ...env },
    stdio: ["pipe", "pipe", "inherit"],
  });
  const url = new Promise<string>((resolve, reject) => {
    child.once("exit", (code) => reject(new Error(`the service exited (${code}) before serving`)));
    createInterface({ input: child.stdout! }).on("line", (line) => {
      const port = /^serving on (\d+)$/.exec(line)?.[1];
      if (port) resolve(`http://127.0.0.1:${port}`);
    });
  });
  return { child, url };
}

beforeAll(async () => {
  ({ server: authServer, url: authUrl } = await serve(t.auth));
  const started = startService({ AUTH_URL: authUrl, SERVICE_TOKEN });
  service = started.child;
  serviceUrl = await started.url;
}, 60_000);

afterAll(async () => {
  service?.stdin?.end();
  await new Promise((resolve) => authServer?.close(resolve));
});

describe("verifyRemote, from a service in another process", () => {
  it("lets a valid key or token through, with its owner, and refuses the rest", async () => {
    const alice = await t.signUp();
    const client = t.client(alice);
    const reader = (await client.$fetch<{ id: string; key: string }>("/api-key/create", { method: "POST", body: { name: "invoices", permissions: { invoices: ["read"] } } })).data!;
    const writer = (await client.$fetch<{ key: string }>("/api-key/create", { method: "POST", body: { name: "other", permissions: { invoices: ["write"] } } })).data!;
    const token = (await client.$fetch<{ token: string }>("/bearer/create-token", { method: "POST", body: { name: "cli" } })).data!;

    const call = async (headers: Record<string, string>) => {
      const response = await fetch(`${serviceUrl}/invoices`, { headers });
      return [response.status, await response.json()];
    };
    expect(await call({ "x-api-key": reader.key })).toEqual([200, { owner: { type: "user", id: alice.user.id }, authMethod: "api-key" }]);
    expect(await call({ authorization: `Bearer ${token.token}` })).toEqual([200, { owner: { type: "user", id: alice.user.id }, authMethod: "personal-token" }]);
    expect(await call({ "x-api-key": writer.key })).toEqual([403, { code: "INSUFFICIENT_PERMISSIONS" }]);
    expect(await call({})).toEqual([401, { code: "UNAUTHORIZED" }]);

    await client.$fetch("/api-key/revoke", { method: "POST", body: { id: reader.id } });
    expect(await call({ "x-api-key": reader.key })).toEqual([401, { code: "INVALID_CREDENTIAL" }]);
  });

  it("answers each refusal with the auth server's own status and headers, through refusalAnswer", async () => {
    const alice = await t.signUp();
    const writer = await t.auth.api.createApiKey({ body: { userId: alice.user.id, name: "writer", permissions: { invoices: ["write"] } } });
    // One request an hour: the second is refused with how long to wait.
    const limited = await t.auth.api.createApiKey({
      body: { userId: alice.user.id, name: "limited", permissions: { invoices: ["read"] }, rateLimitEnabled: true, rateLimitMax: 1, rateLimitTimeWindow: 3_600_000 },
    });
    const local = createVerifier(t.auth);
    const requirement = { permissions: { invoices: ["read"] }, personalTokens: "owner" as const };
    const viaService = async (headers: Record<string, string>) => {
      const response = await fetch(`${serviceUrl}/invoices`, { headers });
      return { status: response.status, challenge: response.headers.get("www-authenticate"), retryAfter: response.headers.get("retry-after"), code: ((await response.json()) as { code?: string }).code };
    };
    const onAuthServer = async (headers: Record<string, string>) => {
      const answer = await local.authenticate(new Headers(headers), requirement);
      if (answer.ok) return { status: 200, challenge: null, retryAfter: null, code: undefined };
      return { status: answer.status, challenge: answer.headers["WWW-Authenticate"] ?? null, retryAfter: answer.headers["Retry-After"] ?? null, code: answer.code };
    };

    expect(await viaService({ "x-api-key": limited.key })).toMatchObject({ status: 200 });
    const refusedLater = await viaService({ "x-api-key": limited.key });
    expect(refusedLater).toMatchObject({ status: 429, code: "RATE_LIMITED", challenge: null });
    // Until the window ends: windows counted in secondaryStorage are aligned to the clock.
    expect(Number(refusedLater.retryAfter)).toBeGreaterThan(0);
    expect(Number(refusedLater.retryAfter)).toBeLessThanOrEqual(3600);
    for (const headers of [{ "x-api-key": writer.key }, {}, { "x-api-key": `${writer.key}x` }, { authorization: "Bearer " }]) {
      expect(await viaService(headers)).toEqual(await onAuthServer(headers));
    }
    expect(await viaService({ "x-api-key": writer.key })).toMatchObject({ status: 403, challenge: expect.stringContaining('error="insufficient_scope"') });

    // This service's own trouble is no verdict on the caller's key: 503, retry, never a 401.
    const cannotAsk = await verifyRemote(authUrl, "not-the-service-token-0123456789abcdef")(writer.key);
    expect(cannotAsk).toMatchObject({ valid: false, code: "SERVICE_UNAUTHORIZED" });
    expect(refusalAnswer(cannotAsk as Extract<typeof cannotAsk, { valid: false }>)).toMatchObject({ status: 503, code: "VERIFICATION_UNAVAILABLE", headers: { "Retry-After": "1" } });
    // A code a newer server may send that this client does not know: no verdict to pass on, never a throw.
    const unknown = { ...cannotAsk, code: "SOME_FUTURE_CODE" } as unknown as Extract<typeof cannotAsk, { valid: false }>;
    expect(refusalAnswer(unknown)).toMatchObject({ status: 503, code: "VERIFICATION_UNAVAILABLE" });
  });

  it("sends the service's caller's address (clientIp) for a key with an IP allowlist, which is refused without it", async () => {
    const alice = await t.signUp();
    const key = (await t.client(alice).$fetch<{ key: string }>("/api-key/create", { method: "POST", body: { name: "office", allowedIps: ["203.0.113.0/24"] } })).data!;
    const verify = verifyRemote(authUrl, SERVICE_TOKEN);
    expect(await verify(key.key, { clientIp: "203.0.113.7" })).toMatchObject({ valid: true, owner: { id: alice.user.id } });
    expect(await verify(key.key, { clientIp: "198.51.100.1" })).toMatchObject({ valid: false, code: "IP_NOT_ALLOWED" });
    expect(await verify(key.key)).toMatchObject({ valid: false, code: "IP_NOT_ALLOWED" });
    // A whole forwarded chain is no address: as none, not as a server that cannot answer.
    const chain = "203.0.113.7, 198.51.100.1, 192.0.2.1, 10.0.0.1, 10.0.0.2, 10.0.0.3, 10.0.0.4";
    expect(await verify(key.key, { clientIp: chain })).toMatchObject({ valid: false, code: "IP_NOT_ALLOWED" });
    const anywhere = (await t.client(alice).$fetch<{ key: string }>("/api-key/create", { method: "POST", body: { name: "ci" } })).data!;
    expect(await verify(anywhere.key, { clientIp: chain })).toMatchObject({ valid: true, owner: { id: alice.user.id } });
  });

  it("fails closed: a wrong service token, or an auth server that is down, is never valid", async () => {
    const wrongToken = verifyRemote(authUrl, `${SERVICE_TOKEN}-wrong`);
    expect(await wrongToken("ba_anything")).toMatchObject({ valid: false, code: "SERVICE_UNAUTHORIZED" });
    const down = verifyRemote("http://127.0.0.1:9/api/auth", SERVICE_TOKEN, { timeoutMs: 2000 });
    expect(await down("ba_anything")).toMatchObject({ valid: false, code: "VERIFICATION_UNAVAILABLE" });
  });

  it("refuses a credential too long to be one as createVerifier does, 401 INVALID_CREDENTIAL, never 503", async () => {
    const counted = countingFetch();
    const verify = verifyRemote(authUrl, SERVICE_TOKEN, { fetch: counted.fetch });
    const verifier = createVerifier(t.auth);
    for (const credential of [`ba_${"x".repeat(5000)}`, `bat_${"x".repeat(5000)}`, "x".repeat(5000)]) {
      const headers = credential.startsWith("bat_") ? { authorization: `Bearer ${credential}` } : { "x-api-key": credential };
      expect(await verifier.authenticate(headers)).toMatchObject({ ok: false, code: "INVALID_CREDENTIAL", status: 401 });
      for (const presented of [credential, new Headers(headers)]) {
        const result = await verify(presented);
        expect(result).toMatchObject({ valid: false, code: "INVALID_CREDENTIAL", retryAfterSeconds: null });
        expect(refusalAnswer(result as Extract<typeof result, { valid: false }>)).toMatchObject({ status: 401, code: "INVALID_CREDENTIAL" });
      }
    }
    // Nothing the server would take: no round trip.
    expect(counted.calls).toBe(0);
  });

  it("never follows a redirect: the credential is not sent on to where the auth URL points", async () => {
    // A moved or hijacked auth URL answers 307/308, which fetch would follow with the same body.
    const received: string[] = [];
    const elsewhere = createServer((request, response) => {
      request.setEncoding("utf8");
      let body = "";
      request.on("data", (chunk: string) => (body += chunk));
      request.on("end", () => {
        received.push(body);
        response.writeHead(200, { "content-type": "application/json" }).end(JSON.stringify({ valid: true }));
      });
    });
    await new Promise<void>((resolve) => elsewhere.listen(0, "127.0.0.1", resolve));
    const target = `http://127.0.0.1:${(elsewhere.address() as AddressInfo).port}/steal`;
    const moved = createServer((_, response) => response.writeHead(307, { location: target }).end());
    await new Promise<void>((resolve) => moved.listen(0, "127.0.0.1", resolve));
    try {
      const verify = verifyRemote(`http://127.0.0.1:${(moved.address() as AddressInfo).port}/api/auth`, SERVICE_TOKEN);
      expect(await verify("ba_sent-nowhere-else")).toMatchObject({ valid: false, code: "VERIFICATION_UNAVAILABLE" });
      expect(received).toEqual([]);
    } finally {
      await Promise.all([moved, elsewhere].map((server) => new Promise((resolve) => server.close(resolve))));
    }
  });

  it("works where fetch knows no redirect: \"error\" (Cloudflare Workers), and still follows no redirect there", async () => {
    // workerd throws this TypeError when a RequestInit says redirect: "error", before anything is
    // sent, for every URL: a service on Workers would answer VERIFICATION_UNAVAILABLE to every caller.
    const workersFetch: typeof fetch = (input, init) => {
      if (init?.redirect === "error") {
        return Promise.reject(
          new TypeError(
            'Invalid redirect value, must be one of "follow" or "manual" ("error" won\'t be implemented since it does not make sense at the edge; use "manual" and check the response status code).',
          ),
        );
      }
      return fetch(input, init);
    };
    const alice = await t.signUp();
    const { token } = await t.auth.api.createPersonalToken({ body: { name: "worker", userId: alice.user.id } });
    registerSecret(token);
    const verify = verifyRemote(authUrl, SERVICE_TOKEN, { fetch: workersFetch });
    expect(await verify(token)).toMatchObject({ valid: true, owner: { id: alice.user.id } });

    // "manual" hands back the 3xx itself: refused as unavailable, nothing sent on.
    let sentOn = 0;
    const elsewhere = createServer((_, response) => {
      sentOn += 1;
      response.writeHead(200, { "content-type": "application/json" }).end(JSON.stringify({ valid: true }));
    });
    await new Promise<void>((resolve) => elsewhere.listen(0, "127.0.0.1", resolve));
    const target = `http://127.0.0.1:${(elsewhere.address() as AddressInfo).port}/steal`;
    const moved = createServer((_, response) => response.writeHead(308, { location: target }).end());
    await new Promise<void>((resolve) => moved.listen(0, "127.0.0.1", resolve));
    try {
      const redirected = verifyRemote(`http://127.0.0.1:${(moved.address() as AddressInfo).port}/api/auth`, SERVICE_TOKEN, { fetch: workersFetch });
      expect(await redirected(token)).toMatchObject({ valid: false, code: "VERIFICATION_UNAVAILABLE" });
      expect(sentOn).toBe(0);
    } finally {
      await Promise.all([moved, elsewhere].map((server) => new Promise((resolve) => server.close(resolve))));
    }
  });

  it("says how long to wait when the service is over a limit: its own, or Better Auth's rate limiter's", async () => {
    // One verification a minute for this service, counted by our limit; Better Auth's, per IP, set tighter.
    const limited = createTestAuth({
      plugins: [apiKey(), remoteVerification({ services: { invoices: SERVICE_TOKEN }, rateLimit: { max: 1, window: 60 } })],
    });
    const byBetterAuth = createTestAuth({
      plugins: [apiKey(), remoteVerification({ services: { invoices: SERVICE_TOKEN } })],
      options: { rateLimit: { enabled: true, customRules: { "/service/verify-credential": { window: 60, max: 1 } } } },
    });
    for (const auth of [limited.auth, byBetterAuth.auth]) {
      const { server, url } = await serve(auth);
      try {
        const verify = verifyRemote(url, SERVICE_TOKEN);
        expect(await verify("ba_anything")).toMatchObject({ valid: false, code: "INVALID_CREDENTIAL" });
        const refused = await verify("ba_anything");
        expect(refused).toMatchObject({ valid: false, code: "SERVICE_RATE_LIMITED" });
        expect(refused.valid === false && refused.retryAfterSeconds).toBeGreaterThan(0);
      } finally {
        await new Promise((resolve) => server.close(resolve));
      }
    }
  });

  it("refuses a request with a key beside Authorization: Bearer as createVerifier does, 400 MULTIPLE_CREDENTIALS, without asking the server", async () => {
    const alice = await t.signUp();
    const client = t.client(alice);
    const key = (await client.$fetch<{ key: string }>("/api-key/create", { method: "POST", body: { name: "invoices", permissions: { invoices: ["read"] } } })).data!;
    const token = (await client.$fetch<{ token: string }>("/bearer/create-token", { method: "POST", body: { name: "cli" } })).data!;
    const local = createVerifier(t.auth);
    const requirement = { permissions: { invoices: ["read"] }, personalTokens: "owner" as const };

    for (const headers of [
      { "x-api-key": key.key, authorization: `Bearer ${token.token}` },
      { "x-api-key": key.key, authorization: "Bearer someone-elses-session-token" },
      // The same value twice is still sent two ways: the server refuses it whatever the values.
      { "x-api-key": key.key, authorization: `Bearer ${key.key}` },
    ]) {
      expect(await local.authenticate(new Headers(headers), requirement)).toMatchObject({ ok: false, status: 400, code: "MULTIPLE_CREDENTIALS" });
      const response = await fetch(`${serviceUrl}/invoices`, { headers });
      expect([response.status, await response.json()]).toEqual([400, { code: "MULTIPLE_CREDENTIALS" }]);
      expect(credentialFromHeaders(new Headers(headers))).toBeNull();
    }

    const counted = countingFetch();
    const verify = verifyRemote(authUrl, SERVICE_TOKEN, { fetch: counted.fetch });
    const several = new Request("http://invoices.internal/", { headers: { "x-api-key": key.key, authorization: `Bearer ${token.token}` } });
    expect(await verify(several, requirement)).toEqual({ valid: false, code: "MULTIPLE_CREDENTIALS", retryAfterSeconds: null, owner: null, permissions: null, authMethod: null, credentialId: null });
    expect(counted.calls).toBe(0);
    // Another scheme in Authorization is no credential of ours, for the server as here: the key is the one.
    const basic = new Headers({ "x-api-key": key.key, authorization: "Basic dXNlcjpwYXNz" });
    expect(await local.authenticate(basic, requirement)).toMatchObject({ ok: true });
    expect(await verify(basic, requirement)).toMatchObject({ valid: true, authMethod: "api-key" });
    expect(counted.calls).toBe(1);
  });

  it("reads Node's header object as createVerifier does, and answers a missing header UNAUTHORIZED instead of throwing", async () => {
    const alice = await t.signUp();
    const key = (await t.client(alice).$fetch<{ key: string }>("/api-key/create", { method: "POST", body: { name: "node" } })).data!;
    const counted = countingFetch();
    const verify = verifyRemote(authUrl, SERVICE_TOKEN, { fetch: counted.fetch });
    const local = createVerifier(t.auth);
    // As Node's `req.headers`: lower-case names, a repeated header as an array.
    const plain = { host: "invoices.internal", "x-api-key": key.key };
    const one = { ...plain, "set-cookie": ["a=1", "b=2"] };
    const several = { host: "invoices.internal", "x-api-key": key.key, authorization: "Bearer someone-elses-session-token" };
    expect(await local.authenticate(plain)).toMatchObject({ ok: true });
    expect(await verify(one)).toMatchObject({ valid: true, authMethod: "api-key" });
    expect(await local.authenticate(several)).toMatchObject({ ok: false, code: "MULTIPLE_CREDENTIALS" });
    expect(await verify(several)).toMatchObject({ valid: false, code: "MULTIPLE_CREDENTIALS" });
    // `verify(req.headers["x-api-key"])` when the header was not sent.
    for (const nothing of [undefined, null, {}]) expect(await verify(nothing)).toMatchObject({ valid: false, code: "UNAUTHORIZED" });
    expect(counted.calls).toBe(1);
  });

  it("reads the app's apiKeyHeaders as the auth server does: a key in two of them, or in one beside Bearer, is several", async () => {
    const custom = createTestAuth({
      plugins: [apiKey({ apiKeyHeaders: ["x-service-key", "x-api-key"] }), bearer(), remoteVerification({ services: { invoices: SERVICE_TOKEN } })],
    });
    const { server, url } = await serve(custom.auth);
    try {
      const bob = await custom.signUp();
      const client = custom.client(bob);
      const key = (await client.$fetch<{ key: string }>("/api-key/create", { method: "POST", body: { name: "service" } })).data!;
      const other = (await client.$fetch<{ key: string }>("/api-key/create", { method: "POST", body: { name: "other" } })).data!;
      const token = (await client.$fetch<{ token: string }>("/bearer/create-token", { method: "POST", body: { name: "cli" } })).data!;
      const local = createVerifier(custom.auth);
      const counted = countingFetch();
      const verify = verifyRemote(url, SERVICE_TOKEN, { apiKeyHeaders: ["X-Service-Key", "x-api-key"], fetch: counted.fetch });
      const requirement = { personalTokens: "owner" as const };

      const cases: [Record<string, string>, string | null][] = [
        [{ "x-service-key": key.key }, null],
        [{ "x-service-key": key.key, authorization: `Bearer ${token.token}` }, "MULTIPLE_CREDENTIALS"],
        [{ "x-service-key": key.key, "x-api-key": other.key }, "MULTIPLE_CREDENTIALS"],
        [{ "x-service-key": key.key, "x-api-key": key.key }, "MULTIPLE_CREDENTIALS"],
      ];
      for (const [headers, code] of cases) {
        const localResult = await local.authenticate(new Headers(headers), requirement);
        expect(localResult.ok ? null : localResult.code).toBe(code);
        expect(await verify(new Headers(headers), requirement)).toMatchObject(code ? { valid: false, code } : { valid: true, authMethod: "api-key" });
        expect(credentialFromHeaders(new Headers(headers), ["x-service-key", "x-api-key"])).toBe(code ? null : key.key);
      }
      // Only the one-credential request reached the server.
      expect(counted.calls).toBe(1);
    } finally {
      await new Promise((resolve) => server.close(resolve));
    }
  });

  it("fails at startup on an apiKeyHeaders the auth server would refuse", () => {
    for (const apiKeyHeaders of ["authorization", "Cookie", [], ["x api key"], [""]]) {
      expect(() => verifyRemote(authUrl, SERVICE_TOKEN, { apiKeyHeaders })).toThrow(TypeError);
    }
  });
});
