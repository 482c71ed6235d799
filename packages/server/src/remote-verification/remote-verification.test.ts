import { apiKey as upstreamApiKey } from "@better-auth/api-key";
import { createTestAuth, registerSecret } from "@better-auth-tokens/test-utils";
import { describe, expect, it } from "vitest";
import { apiKey } from "../api-key";
import { bearer } from "../bearer";
import { createVerifier } from "../verifier";
import { remoteVerification } from "./index";

const BILLING = "billing-service-token-0123456789abcdef";
const SEARCH = "search-service-token-0123456789abcdefgh";
registerSecret(BILLING);
registerSecret(SEARCH);

function setup(options: Partial<Parameters<typeof remoteVerification>[0]> = {}, extra: { disabledPaths?: string[] } = {}) {
  const t = createTestAuth({
    plugins: [
      apiKey({ allowedPermissions: ["read", "write"] }),
      bearer(),
      remoteVerification({ services: { billing: BILLING, search: SEARCH }, ...options }),
    ],
    options: extra,
  });
  const verify = (token: string | null, body: Record<string, unknown>, headers: Record<string, string> = {}) =>
    t.request("/service/verify-credential", {
      method: "POST",
      headers: { "content-type": "application/json", ...(token ? { authorization: `Bearer ${token}` } : {}), ...headers },
      body: JSON.stringify(body),
    });
  const createKey = async (user: Awaited<ReturnType<typeof t.signUp>>, body: Record<string, unknown>) =>
    (await t.client(user).$fetch<{ id: string; key: string }>("/api-key/create", { method: "POST", body })).data!;
  return { ...t, verify, createKey };
}

describe("remoteVerification()", () => {
  it("answers a service with the same verdicts as createVerifier, and never with the credential", async () => {
    const t = setup();
    const alice = await t.signUp();
    const reader = await t.createKey(alice, { name: "reader", permissions: ["read"] });
    const token = (await t.client(alice).$fetch<{ id: string; token: string }>("/bearer/create-token", { method: "POST", body: { name: "cli" } })).data!;

    const valid = await t.verify(BILLING, { credential: reader.key, permissions: ["read"] });
    expect(valid.status).toBe(200);
    expect(valid.headers.get("cache-control")).toBeNull();
    const validBody = await valid.json();
    expect(validBody).toEqual({
      valid: true,
      code: null,
      owner: { type: "user", id: alice.user.id },
      permissions: { scopes: ["read"] },
      authMethod: "api-key",
      credentialId: reader.id,
    });
    expect(JSON.stringify(validBody)).not.toContain(reader.key);

    const refusals = {
      scope: await t.verify(BILLING, { credential: reader.key, permissions: ["write"] }),
      personalTokenWithPermissions: await t.verify(BILLING, { credential: token.token, permissions: ["read"] }),
      unknown: await t.verify(BILLING, { credential: `${reader.key.slice(0, -4)}AAAA` }),
      garbage: await t.verify(BILLING, { credential: "not a key" }),
      empty: await t.verify(BILLING, { credential: "" }),
    };
    const codes = Object.fromEntries(await Promise.all(Object.entries(refusals).map(async ([name, r]) => [name, [r.status, (await r.json()).code]])));
    expect(codes).toEqual({
      scope: [200, "INSUFFICIENT_PERMISSIONS"],
      personalTokenWithPermissions: [200, "INSUFFICIENT_PERMISSIONS"],
      unknown: [200, "INVALID_CREDENTIAL"],
      garbage: [200, "INVALID_CREDENTIAL"],
      empty: [200, "UNAUTHORIZED"],
    });
    const asOwner = await (await t.verify(SEARCH, { credential: token.token, permissions: ["read"], personalTokens: "owner" })).json();
    expect(asOwner).toMatchObject({ valid: true, authMethod: "personal-token", credentialId: token.id });

    // A revoke is seen at once: the verdict comes from the same cache the revoke cleared.
    await t.client(alice).$fetch("/api-key/revoke", { method: "POST", body: { id: reader.id } });
    expect(await (await t.verify(BILLING, { credential: reader.key })).json()).toMatchObject({ valid: false, code: "INVALID_CREDENTIAL" });
  });

  it("is reachable with a service token only: never with a session, a key, or a bad token", async () => {
    const t = setup();
    const alice = await t.signUp();
    const key = await t.createKey(alice, { name: "k" });
    const body = { credential: key.key };
    const attempts = {
      nothing: await t.verify(null, body),
      session: await t.request("/service/verify-credential", { method: "POST", credential: alice, body: JSON.stringify(body) }),
      wrongToken: await t.verify(`${BILLING}x`, body),
      otherScheme: await t.verify(null, body, { authorization: `Basic ${btoa(`billing:${BILLING}`)}` }),
    };
    for (const [name, response] of Object.entries(attempts)) {
      expect([name, response.status]).toEqual([name, 401]);
      expect(response.headers.get("www-authenticate")).toMatch(/^Bearer/);
      expect((await response.json()).code).toBe("SERVICE_UNAUTHORIZED");
    }
    // A user's key in place of the service token: refused before the endpoint, as on every
    // endpoint that is not a session endpoint.
    for (const headers of [{ authorization: `Bearer ${key.key}` }, { "x-api-key": key.key }]) {
      const response = await t.verify(null, body, headers);
      expect([response.status, (await response.json()).code]).toEqual([403, "CREDENTIAL_NOT_ALLOWED"]);
    }
  });

  it("limits each service on its own, with Retry-After, and refuses a bad body with 400", async () => {
    const t = setup({ rateLimit: { max: 3, window: 60 } });
    const alice = await t.signUp();
    const key = await t.createKey(alice, { name: "k" });
    const statuses = [];
    for (let i = 0; i < 4; i++) statuses.push((await t.verify(BILLING, { credential: key.key })).status);
    expect(statuses).toEqual([200, 200, 200, 429]);
    const limited = await t.verify(BILLING, { credential: key.key });
    expect(Number(limited.headers.get("retry-after"))).toBeGreaterThan(0);
    expect((await limited.json()).code).toBe("SERVICE_RATE_LIMITED");
    expect((await t.verify(SEARCH, { credential: key.key })).status).toBe(200);

    for (const bad of [{}, { credential: 42 }, { credential: "x".repeat(5000) }, { credential: key.key, organizationKeys: "maybe" }]) {
      expect((await t.verify(SEARCH, bad)).status).toBe(400);
    }
  });

  it.each([
    ["X-Service-Key", (ctx: { headers: Pick<Headers, "get"> | undefined }) => ctx.headers?.get("x-service-key") ?? null],
    ["Authorization", (ctx: { headers: Pick<Headers, "get"> | undefined }) => ctx.headers?.get("authorization")?.replace(/^Bearer +/i, "") ?? null],
  ])("verifies a key for an app whose customAPIKeyGetter reads %s, as a request there would be", async (_header, customAPIKeyGetter) => {
    const t = createTestAuth({ plugins: [apiKey({ customAPIKeyGetter }), bearer(), remoteVerification({ services: { billing: BILLING } })] });
    const alice = await t.signUp();
    const created = (await t.client(alice).$fetch<{ key: string }>("/api-key/create", { method: "POST", body: { name: "k" } })).data!;
    const token = (await t.client(alice).$fetch<{ token: string }>("/bearer/create-token", { method: "POST", body: { name: "cli" } })).data!;
    const verify = (credential: string) =>
      t.request("/service/verify-credential", {
        method: "POST",
        headers: { "content-type": "application/json", authorization: `Bearer ${BILLING}` },
        body: JSON.stringify({ credential }),
      });
    expect(await (await verify(created.key)).json()).toMatchObject({ valid: true, authMethod: "api-key" });
    expect(await (await verify(token.token)).json()).toMatchObject({ valid: true, authMethod: "personal-token" });
  });

  it("verifies a legacy key for an app whose customAPIKeyGetter reads its own header, as a request there would be", async () => {
    const customAPIKeyGetter = (ctx: { headers: Pick<Headers, "get"> | undefined }) => ctx.headers?.get("x-service-key") ?? null;
    const t = createTestAuth({ plugins: [apiKey({ customAPIKeyGetter, acceptLegacyKeys: true }), bearer(), remoteVerification({ services: { billing: BILLING } })] });
    const upstream = createTestAuth({ shareStorageWith: t, plugins: [upstreamApiKey()] });
    const alice = await t.signUp();
    const legacy = await upstream.auth.api.createApiKey({ body: { userId: alice.user.id, name: "legacy" } });
    expect(await createVerifier(t.auth).authenticate({ "x-service-key": legacy.key })).toMatchObject({ ok: true });
    const response = await t.request("/service/verify-credential", {
      method: "POST",
      headers: { "content-type": "application/json", authorization: `Bearer ${BILLING}` },
      body: JSON.stringify({ credential: legacy.key }),
    });
    expect(await response.json()).toMatchObject({ valid: true, authMethod: "api-key", owner: { id: alice.user.id } });
  });

  it("stays under Better Auth's disabledPaths", async () => {
    const t = setup({}, { disabledPaths: ["/service/verify-credential"] });
    expect((await t.verify(BILLING, { credential: "ba_x" })).status).toBe(404);
  });

  it("fails at startup on a weak or shared token, and without a plugin whose credentials it verifies", () => {
    expect(() => remoteVerification({ services: {} })).toThrow(/at least one service/);
    expect(() => remoteVerification({ services: { billing: "short" } })).toThrow(/services\.billing.*32 characters/);
    expect(() => remoteVerification({ services: { a: BILLING, b: BILLING } })).toThrow(/its own token/);
    expect(() => remoteVerification({ services: { billing: BILLING }, rateLimit: { max: 0, window: 1 } })).toThrow(/rateLimit\.max/);
    const alone = createTestAuth({ plugins: [remoteVerification({ services: { billing: BILLING } })] });
    return expect(alone.auth.$context).rejects.toThrow(/install at least one of them/);
  });
});
