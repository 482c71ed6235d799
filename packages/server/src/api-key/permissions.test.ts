import { describe, expect, it } from "vitest";
import type { PublicCredential } from "../core/credential-table";
import { setupApiKeys, type CreatedKey } from "../../test/support/api-keys";

describe("permissions a client may ask for", () => {
  it("grants the defaults when the client asks for none", async () => {
    const t = setupApiKeys({ defaultPermissions: ["read"] });
    const created = await t.createKey(await t.signUp());
    expect(created.permissions).toEqual({ scopes: ["read"] });
  });

  it("refuses anything beyond allowedPermissions with 403 INSUFFICIENT_PERMISSIONS and writes nothing", async () => {
    const t = setupApiKeys({ defaultPermissions: ["read"], allowedPermissions: ["read", "write"] });
    const alice = await t.signUp();
    const rowsBefore = (await t.rows("apikey")).length;
    const response = await t.post("/api-key/create", alice, { name: "escalate", permissions: ["read", "admin"] });
    const { status, headers, body } = await t.json(response);
    expect(status).toBe(403);
    expect(body.code).toBe("INSUFFICIENT_PERMISSIONS");
    expect(headers.get("www-authenticate")).toContain('error="insufficient_scope"');
    expect(await t.rows("apikey")).toHaveLength(rowsBefore);
  });

  it("defaults allowedPermissions to the defaults, so by default a client cannot widen its keys", async () => {
    const t = setupApiKeys({ defaultPermissions: ["read"] });
    const alice = await t.signUp();
    const response = await t.post("/api-key/create", alice, { name: "wider", permissions: ["write"] });
    expect(response.status).toBe(403);
  });

  it("accepts statements and resolves allowedPermissions per user", async () => {
    const t = setupApiKeys({
      allowedPermissions: (user) => (user.email.startsWith("admin") ? { project: ["read", "delete"] } : { project: ["read"] }),
    });
    const admin = await t.signUp({ email: "admin@example.com" });
    const member = await t.signUp({ email: "member@example.com" });
    const body = { name: "statements", permissions: { project: ["read", "delete"] } };
    expect((await t.createKey(admin, body)).permissions).toEqual({ project: ["read", "delete"] });
    const denied = await t.post("/api-key/create", member, body);
    expect(denied.status).toBe(403);
  });

  it("checks permissions on update as on create, leaving the key unchanged when refused", async () => {
    const t = setupApiKeys({ defaultPermissions: ["read"] });
    const alice = await t.signUp();
    const created = await t.createKey(alice);
    const response = await t.post("/api-key/update", alice, { id: created.id, permissions: ["write"] });
    expect(response.status).toBe(403);
    const { data } = await t.client(alice).$fetch<PublicCredential>("/api-key/get", { query: { id: created.id } });
    expect(data!.permissions).toEqual({ scopes: ["read"] });
  });

  it("lets server code (no session) create a key for a user with any permissions", async () => {
    const t = setupApiKeys({ defaultPermissions: ["read"] });
    const alice = await t.signUp();
    const created = (await t.auth.api.createApiKey({
      body: { name: "ops", userId: alice.user.id, permissions: { billing: ["refund"] } },
    })) as CreatedKey;
    expect(created.permissions).toEqual({ billing: ["refund"] });
    const verified = await t.auth.api.verifyApiKey({ body: { key: created.key, permissions: { billing: ["refund"] } } });
    expect(verified.valid).toBe(true);
  });

  it("ignores userId over HTTP: a client cannot create keys for someone else", async () => {
    const t = setupApiKeys();
    const alice = await t.signUp();
    const bob = await t.signUp();
    const created = await t.createKey(alice, { name: "mine", userId: bob.user.id });
    const { data } = await t.client(bob).$fetch<{ apiKeys: PublicCredential[] }>("/api-key/list");
    expect(data?.apiKeys).toEqual([]);
    expect((await t.protectedRoute({ "x-api-key": created.key })).session?.user.id).toBe(alice.user.id);
  });

  it("does not let a request authenticated by a key manage keys", async () => {
    const t = setupApiKeys({ defaultPermissions: ["read"] });
    const alice = await t.signUp();
    const created = await t.createKey(alice);
    const response = await t.post("/api-key/create", { apiKey: created.key }, { name: "minted by a key" });
    const { status, body } = await t.json(response);
    expect(status).toBe(403);
    expect(body.code).toBe("CREDENTIAL_NOT_ALLOWED");
  });
});

/** Names that are also members of Object.prototype: a plain `{}` lookup would find them on every object. */
const PROTOTYPE_NAMES = ["constructor", "toString", "hasOwnProperty", "__proto__", "valueOf"] as const;
/** `{ [name]: actions }` as an own property, even for `__proto__` (an object literal would set the prototype). */
const statement = (name: string, actions: string[]) => Object.fromEntries([[name, actions]]) as Record<string, string[]>;

describe("permission names that are also Object.prototype members", () => {
  it.each(PROTOTYPE_NAMES)("refuses a %s resource beyond allowedPermissions with 403, writing nothing", async (name) => {
    const t = setupApiKeys({ defaultPermissions: ["read"] });
    const alice = await t.signUp();
    const created = await t.createKey(alice);
    const rowsBefore = (await t.rows("apikey")).length;
    for (const path of ["/api-key/create", "/api-key/update"]) {
      const response = await t.request(path, {
        method: "POST",
        credential: alice,
        body: JSON.stringify({ id: created.id, name: "proto", permissions: statement(name, ["x"]) }),
      });
      const { status, body } = await t.json(response);
      expect(status).toBe(403);
      expect(body.code).toBe("INSUFFICIENT_PERMISSIONS");
    }
    expect(await t.rows("apikey")).toHaveLength(rowsBefore);
    const { data } = await t.client(alice).$fetch<PublicCredential>("/api-key/get", { query: { id: created.id } });
    expect(data!.permissions).toEqual({ scopes: ["read"] });
  });

  it.each(PROTOTYPE_NAMES)("grants %s as a scope and as a resource when allowedPermissions allows it", async (name) => {
    const t = setupApiKeys({ allowedPermissions: { scopes: [name], [name]: ["read"] } as Record<string, string[]> });
    const alice = await t.signUp();
    const scoped = await t.createKey(alice, { name: "scope", permissions: [name] });
    expect(scoped.permissions).toEqual({ scopes: [name] });
    // Sent and read back as raw JSON: the client's parser drops `__proto__` keys from responses.
    const response = await t.post("/api-key/create", alice, { name: "resource", permissions: statement(name, ["read"]) });
    expect(response.status).toBe(200);
    const created = (await response.json()) as CreatedKey;
    expect(Object.hasOwn(created.permissions, name)).toBe(true);
    expect(created.permissions[name]).toEqual(["read"]);
    const verified = await t.auth.api.verifyApiKey({ body: { key: created.key, permissions: statement(name, ["read"]) } });
    expect(verified.valid).toBe(true);
    const listed = await t.request("/api-key/list", { credential: alice });
    expect(listed.status).toBe(200);
  });

  it.each(PROTOTYPE_NAMES)("verifyApiKey refuses a key asked for %s it was never granted", async (name) => {
    const t = setupApiKeys({ defaultPermissions: ["read"] });
    const created = await t.createKey(await t.signUp());
    const result = await t.auth.api.verifyApiKey({ body: { key: created.key, permissions: statement(name, ["x"]) } });
    expect(result).toMatchObject({ valid: false, error: { code: "INSUFFICIENT_PERMISSIONS" }, key: null });
    const scope = await t.auth.api.verifyApiKey({ body: { key: created.key, permissions: [name] } });
    expect(scope).toMatchObject({ valid: false, error: { code: "INSUFFICIENT_PERMISSIONS" } });
  });
});
