import { createTestAuth } from "@better-auth-tokens/test-utils";
import { isAPIError } from "better-auth/api";
import { organization } from "better-auth/plugins";
import { describe, expect, it } from "vitest";
import { statusOf } from "./support/status-of";
import { apiKey } from "../src/api-key";
import { bearer } from "../src/bearer";

describe("a server call that carries a request is a client call", () => {
  it("refuses createApiKey with forwarded headers and no session, even with a userId, and writes nothing", async () => {
    const t = createTestAuth({ plugins: [apiKey({ allowedPermissions: ["read"] }), bearer()] });
    const victim = await t.signUp();
    // What an app route does: forward the browser's body and headers to Better Auth.
    const forwarded = new Headers({ "user-agent": "attacker", origin: "http://localhost:3000" });
    const body = { name: "minted", userId: victim.user.id, permissions: { admin: ["*"] }, expiresIn: null };

    expect(await statusOf(t.auth.api.createApiKey({ body, headers: forwarded }))).toBe(401);
    const request = new Request("http://localhost:3000/api/mint", { method: "POST" });
    expect(await statusOf(t.auth.api.createApiKey({ body, request }))).toBe(401);
    expect(
      await statusOf(t.auth.api.createPersonalToken({ body: { name: "minted", userId: victim.user.id }, headers: forwarded })),
    ).toBe(401);
    expect(await t.rows("apikey")).toHaveLength(0);
  });

  it("acts for the signed-in user, never for the userId, when the forwarded headers carry a session", async () => {
    const t = createTestAuth({ plugins: [apiKey(), bearer()] });
    const alice = await t.signUp();
    const victim = await t.signUp();
    const created = await t.auth.api.createApiKey({ body: { name: "mine", userId: victim.user.id }, headers: alice.headers });
    const rows = await t.rows("apikey");
    expect(rows.map((row) => row.id)).toEqual([created.id]);
    expect(rows[0]!.referenceId).toBe(alice.user.id);
  });

  it("reads a credential from a call that passes only the request, as upstream reads a session token from it", async () => {
    const t = createTestAuth({ plugins: [apiKey(), bearer()] });
    const alice = await t.signUp();
    const { token } = await t.auth.api.createPersonalToken({ body: { name: "cli", userId: alice.user.id } });
    const { key } = await t.auth.api.createApiKey({ body: { name: "ci", userId: alice.user.id } });
    const requestWith = (headers: Record<string, string>) => new Request("http://localhost:3000/api/me", { headers });
    // Better Auth's types ask these two for `headers`; at run time a `request` alone is taken, and
    // upstream's bearer hook reads a session token from it.
    const api = t.auth.api as unknown as Record<"getSession" | "listSessions", (input: { request: Request }) => Promise<unknown>>;
    // A hook's refusal is thrown, as Better Auth throws any hook's; an answer comes as a Response.
    const answer = async (call: Promise<unknown>) => {
      const response = (await call.catch((error: unknown) => {
        if (!isAPIError(error)) throw error;
        return Response.json(error.body, { status: error.statusCode });
      })) as Response;
      return { status: response.status, body: (await response.json()) as { session?: { authMethod?: string }; code?: string } | null };
    };
    // A session token in the request is read (upstream's hook looks at the request): a credential must be too.
    const bySessionToken = await answer(api.getSession({ request: requestWith({ authorization: `Bearer ${alice.sessionToken}` }) }));
    expect(bySessionToken.status).toBe(200);
    for (const headers of [{ authorization: `Bearer ${token}` }, { "x-api-key": key }]) {
      expect(await answer(api.getSession({ request: requestWith(headers) }))).toMatchObject({ status: 200, body: { session: { userId: alice.user.id } } });
      // Elsewhere refused as over HTTP, not answered as a request without headers.
      expect(await answer(api.listSessions({ request: requestWith(headers) }))).toMatchObject({ status: 403, body: { code: "CREDENTIAL_NOT_ALLOWED" } });
    }
    // A bad one fails closed, as over HTTP: no session on /get-session, 401 elsewhere.
    const revoked = { authorization: `Bearer ${token.slice(0, -1)}${token.endsWith("A") ? "B" : "A"}` };
    expect(await answer(api.getSession({ request: requestWith(revoked) }))).toEqual({ status: 200, body: null });
    expect(await answer(api.listSessions({ request: requestWith(revoked) }))).toMatchObject({ status: 401 });
  });

  it("verifies with verifyApiKey the key the forwarded request carries, spending one use, not refusing it as a caller", async () => {
    const t = createTestAuth({ plugins: [apiKey(), bearer()] });
    const alice = await t.signUp();
    const { key, id } = await t.auth.api.createApiKey({ body: { name: "ci", userId: alice.user.id, remaining: 10, allowedIps: ["203.0.113.7"] } });
    const { token } = await t.auth.api.createPersonalToken({ body: { name: "cli", userId: alice.user.id } });
    const remaining = async () => (await t.rows("apikey")).find((row) => row.id === id)!.remaining;
    // What an app route does: hand verifyApiKey the key its client sent, and the request's headers
    // for the client's address (docs/api-keys.md, IP allowlists). The headers carry that key too.
    const forwarded = [
      { "x-api-key": key, "x-forwarded-for": "203.0.113.7" },
      { authorization: `Bearer ${key}`, "x-forwarded-for": "203.0.113.7" },
      { "x-api-key": key, authorization: `Bearer ${token}`, "x-forwarded-for": "203.0.113.7" },
      { "x-api-key": `${key.slice(0, -1)}${key.endsWith("A") ? "B" : "A"}`, "x-forwarded-for": "203.0.113.7" },
    ];
    let expected = 10;
    for (const headers of forwarded) {
      expect(await t.auth.api.verifyApiKey({ body: { key }, headers: new Headers(headers) })).toMatchObject({ valid: true, key: { id } });
      expect(await remaining()).toBe((expected -= 1));
    }
    const request = new Request("http://localhost:3000/api/me", { headers: forwarded[0]! });
    // A call given a request answers with a Response.
    const answered = (await t.auth.api.verifyApiKey({ body: { key }, request })) as unknown as Response;
    expect(await answered.json()).toMatchObject({ valid: true, key: { id } });
    expect(await remaining()).toBe(expected - 1);
    // A server-only endpoint that reads the session from forwarded headers still gets none from a
    // credential, nor from a cookie sent beside it.
    const withCookie = new Headers({ "x-api-key": key, cookie: alice.headers.get("cookie")! });
    expect([401, 403]).toContain(await statusOf(t.auth.api.setPassword({ body: { newPassword: "another-horse-battery" }, headers: withCookie })));
  });

  it("lets a call with neither headers nor request act for any user", async () => {
    const t = createTestAuth({ plugins: [apiKey(), bearer()] });
    const bob = await t.signUp();
    const created = await t.auth.api.createApiKey({ body: { name: "provisioned", userId: bob.user.id } });
    expect((await t.rows("apikey")).find((row) => row.id === created.id)?.referenceId).toBe(bob.user.id);
  });

  it("refuses to mint for a user who does not exist, with USER_ID_NOT_FOUND and nothing written", async () => {
    const t = createTestAuth({
      plugins: [apiKey([{ configId: "default" }, { configId: "team", references: "organization" }]), bearer(), organization()],
    });
    const ada = await t.signUp();
    const api = t.auth.api as unknown as Record<string, (input: unknown) => Promise<{ id: string }>>;
    const team = await api.createOrganization!({ body: { name: "Team", slug: "team", userId: ada.user.id } });
    // A typo or a deleted user's id: a key for nobody would be refused at every request.
    const refusals = [
      () => t.auth.api.createApiKey({ body: { name: "typo", userId: "no-such-user" } }),
      () => t.auth.api.createApiKey({ body: { name: "typo", userId: "no-such-user", organizationId: team.id } }),
      () => t.auth.api.createPersonalToken({ body: { name: "typo", userId: "no-such-user" } }),
    ];
    for (const refused of refusals) await expect(refused()).rejects.toMatchObject({ statusCode: 404, body: { code: "USER_ID_NOT_FOUND" } });
    expect(await t.rows("apikey")).toHaveLength(0);

    // Trusted code may still create an organization's key naming no user at all.
    await t.auth.api.createApiKey({ body: { name: "provisioned", organizationId: team.id } });
    expect(await t.rows("apikey")).toHaveLength(1);
  });

  it("stores the user's id as stored, never the call's spelling of it, where the database ignores case", async () => {
    const t = createTestAuth({ plugins: [apiKey(), bearer()] });
    const alice = await t.signUp();
    const spelled = alice.user.id.toUpperCase() === alice.user.id ? alice.user.id.toLowerCase() : alice.user.id.toUpperCase();
    for (const create of [
      () => t.auth.api.createApiKey({ body: { name: "spelled", userId: spelled } }),
      () => t.auth.api.createPersonalToken({ body: { name: "spelled", userId: spelled } }),
    ]) {
      // Case-sensitive databases find no such user; MySQL's default collation finds alice.
      await create().catch((error: { body?: { code?: string } }) => expect(error.body?.code).toBe("USER_ID_NOT_FOUND"));
    }
    for (const row of await t.rows("apikey")) expect(row.referenceId).toBe(alice.user.id);
  });

  it.each(["uuid", "serial"] as const)("answers a coded error, never the driver's, for an id the database cannot compare (%s ids)", async (generateId) => {
    const t = createTestAuth({ plugins: [apiKey(), bearer()], options: { advanced: { database: { generateId } } } });
    await t.signUp();
    for (const create of [
      () => t.auth.api.createApiKey({ body: { name: "typo", userId: "no-such-user" } }),
      () => t.auth.api.createPersonalToken({ body: { name: "typo", userId: "no-such-user" } }),
    ]) {
      const refused = (await create().then(() => null, (error: unknown) => error)) as { statusCode?: number; body?: { code?: string } } | null;
      // Where the database compares any string, nobody has it; where it cannot, the lookup failed.
      expect([
        [404, "USER_ID_NOT_FOUND"],
        [503, "STORAGE_UNAVAILABLE"],
      ]).toContainEqual([refused?.statusCode, refused?.body?.code]);
    }
    expect(await t.rows("apikey")).toHaveLength(0);
    expect(t.logs.filter((line) => line.includes("no-such-user"))).toEqual([]);
  });
});
