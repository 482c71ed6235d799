import { createTestAuth } from "@better-auth-tokens/test-utils";
import { createServer, IncomingMessage } from "node:http";
import type { AddressInfo } from "node:net";
import type { AuthContext } from "better-auth";
import { locksOwnerRow } from "../core/owner-row-lock";
import { admin, organization } from "better-auth/plugins";
import type { BetterAuthPlugin } from "better-auth";
import { createAccessControl } from "better-auth/plugins/access";
import { adminAc, defaultStatements, memberAc, ownerAc } from "better-auth/plugins/organization/access";
import { describe, expect, it } from "vitest";
import { setupOrganizationKeys, UI_CONFIGURATIONS } from "../../test/support/organizations";
import { bearer } from "../bearer/index";
import { Hono } from "hono";
import { createVerifier, requireCredential, requireCredentialNode, withCredential, type AnyVerifiedCredential, type VerifiedCredential } from "../verifier/index";
import { apiKey } from "./index";
import { resolveApiKeyOptions } from "./resolve-options";

type Role = "owner" | "admin" | "member" | "viewer" | "outsider";
type Action = "create" | "list" | "get" | "update" | "revoke";

const OK = { status: 200 };
const ROLE_FORBIDS = { status: 403, code: "ORGANIZATION_ROLE_FORBIDS" };
const NOT_MEMBER = { status: 403, code: "NOT_ORGANIZATION_MEMBER" };
const NOT_FOUND = { status: 404, code: "NOT_FOUND" };

/**
 * Who may do what to an organization's keys. The creator role may do everything; admin is
 * granted `apiKey` in full, member nothing, viewer only `read`. An outsider who names the
 * organization is told 403 (it exists, they are not in it); one who names a key id is told 404,
 * as for a key that does not exist, so key ids cannot be probed.
 */
const EXPECTED: Record<Role, Record<Action, { status: number; code?: string }>> = {
  owner: { create: OK, list: OK, get: OK, update: OK, revoke: OK },
  admin: { create: OK, list: OK, get: OK, update: OK, revoke: OK },
  member: { create: ROLE_FORBIDS, list: ROLE_FORBIDS, get: ROLE_FORBIDS, update: ROLE_FORBIDS, revoke: ROLE_FORBIDS },
  viewer: { create: ROLE_FORBIDS, list: OK, get: OK, update: ROLE_FORBIDS, revoke: ROLE_FORBIDS },
  outsider: { create: NOT_MEMBER, list: NOT_MEMBER, get: NOT_FOUND, update: NOT_FOUND, revoke: NOT_FOUND },
};

describe("organization keys: configuration", () => {
  it("refuses to start without the organization() plugin, naming it", async () => {
    const t = createTestAuth({ plugins: [apiKey(UI_CONFIGURATIONS)] });
    await expect(t.auth.$context).rejects.toThrow(/organization\(\) plugin .* is not installed/);
  });

  it("refuses, at construction, lists upstream refuses too, and a second configuration without a prefix", () => {
    expect(() => apiKey([{ configId: "a" }, { configId: "a", references: "organization" }])).toThrow(/used twice/);
    // MySQL and MariaDB would give these one cap and one list: refused wherever the app runs.
    for (const alike of ["CI", "ci ", "cí"]) {
      expect(() => apiKey([{ configId: "ci", prefix: "ci_" }, { configId: alike, prefix: "ci2_" }])).toThrow(/differ only in case, accents or trailing spaces/);
    }
    expect(() => apiKey([{ configId: "" }])).toThrow(/no "configId"/);
    expect(() => apiKey([{ configId: "default" }, { configId: "ci" }])).toThrow(/"ci" needs its own "prefix"/);
    expect(() => apiKey([{ configId: "default" }, { configId: "o", references: "organization", prefix: "ba_" }])).toThrow(/overlaps/);
    expect(() => apiKey([{ configId: "o", references: "organization", maxKeysPerUser: 3 }])).toThrow(/maxKeysPerOrganization/);
    expect(() => apiKey([{ configId: "o", references: "organization", maxKeysPerOrganization: 0 }])).toThrow(
      /"configuration "o": maxKeysPerOrganization" must be a positive integer/,
    );
  });

  it("stores and reads organization keys as the app does its users' keys with the short spelling: pepper, headers, getter", async () => {
    const pepper = "organization-keys-share-this-pepper-0123456789";
    const t = createTestAuth({
      plugins: [organization(), apiKey({ hashing: { algorithm: "hmac-sha256", pepper }, apiKeyHeaders: ["x-service-key"], organizationKeys: true })],
    });
    const owner = await t.signUp();
    const api = t.auth.api as unknown as Record<string, (input: unknown) => Promise<{ id: string }>>;
    const org = await api.createOrganization!({ body: { name: "Acme", slug: "acme-pepper" }, headers: owner.headers });
    const response = await t.request("/api-key/create", { method: "POST", credential: owner, body: JSON.stringify({ name: "team", organizationId: org.id }) });
    const { key } = (await response.json()) as { key: string };
    const { createHmac } = await import("node:crypto");
    const [row] = await t.rows("apikey");
    expect(row!.key).toBe(createHmac("sha256", pepper).update(key).digest("base64url"));
    const verifier = createVerifier(t.auth);
    expect(await verifier.authenticate({ "x-service-key": key }, { organizationKeys: "accept" })).toMatchObject({ ok: true, owner: { id: org.id } });

    const customAPIKeyGetter = () => null;
    const shared = resolveApiKeyOptions({ customAPIKeyGetter, verificationTimeout: 2, organizationKeys: true }).configurations;
    expect(shared.map(({ config }) => [config.apiKeyGetter, config.verificationTimeoutMs])).toEqual([
      [customAPIKeyGetter, 2000],
      [customAPIKeyGetter, 2000],
    ]);
    // What the organization keys name themselves is theirs; policy (prefix, expiry, limits) always was.
    const own = resolveApiKeyOptions({ apiKeyHeaders: ["x-service-key"], maxExpiresIn: 3600, defaultExpiresIn: 3600, organizationKeys: { apiKeyHeaders: ["x-team-key"] } });
    expect(own.configurations.map(({ config }) => config.apiKeyHeaders)).toEqual([["x-service-key"], ["x-team-key"]]);
    expect(own.configurations.map(({ config }) => [config.format.prefix, config.expiry.maxExpiresIn])).toEqual([
      ["ba_", 3600],
      ["bao_", null],
    ]);
    // Headers and getter are one choice, how keys are read: naming either leaves the other unshared.
    const [, ownHeaders] = resolveApiKeyOptions({ customAPIKeyGetter, organizationKeys: { apiKeyHeaders: ["x-team-key"] } }).configurations;
    expect([ownHeaders!.config.apiKeyGetter, ownHeaders!.config.apiKeyHeaders]).toEqual([undefined, ["x-team-key"]]);
    // Undefined names nothing: the pepper is still shared.
    const hashing = { algorithm: "hmac-sha256", pepper } as const;
    const [users, organizations] = resolveApiKeyOptions({ hashing, organizationKeys: { hashing: undefined, apiKeyHeaders: undefined } }).configurations;
    expect(await organizations!.config.hash("ba_x")).toBe(await users!.config.hash("ba_x"));
  });

  it("takes the short spelling, apiKey({ organizationKeys }), as the two configurations it stands for", async () => {
    expect(() => apiKey([{ configId: "default", organizationKeys: true }])).toThrow(/one-object spelling/);
    const t = createTestAuth({ plugins: [organization(), apiKey({ maxKeysPerUser: 3, organizationKeys: { maxKeysPerOrganization: 1 } })] });
    const owner = await t.signUp();
    const api = t.auth.api as unknown as Record<string, (input: unknown) => Promise<{ id: string }>>;
    const org = await api.createOrganization!({ body: { name: "Acme", slug: "acme-short" }, headers: owner.headers });
    const create = (body: Record<string, unknown>) => t.request("/api-key/create", { method: "POST", credential: owner, body: JSON.stringify(body) });
    const first = await create({ name: "team", organizationId: org.id });
    expect(first.status).toBe(200);
    expect(((await first.json()) as { key: string }).key.startsWith("bao_")).toBe(true);
    const second = await create({ name: "team 2", organizationId: org.id, configId: "organization" });
    expect(second.status).toBe(403);
    expect(((await second.json()) as { code: string }).code).toBe("MAX_KEYS_REACHED");
    expect((await create({ name: "mine" })).status).toBe(200);
  });

  it("starts and creates an organization's key with bearer() listed before or after apiKey()", async () => {
    // bearer() declares the shared table without the user foreign key, so neither order puts it back.
    for (const plugins of [
      [organization(), apiKey(UI_CONFIGURATIONS), bearer()],
      [organization(), bearer(), apiKey(UI_CONFIGURATIONS)],
    ]) {
      const t = createTestAuth({ plugins });
      const owner = await t.signUp();
      const api = t.auth.api as unknown as Record<string, (input: unknown) => Promise<{ id: string }>>;
      const org = await api.createOrganization!({ body: { name: "Acme", slug: "acme-order" }, headers: owner.headers });
      const response = await t.request("/api-key/create", {
        method: "POST",
        credential: owner,
        body: JSON.stringify({ name: "team", organizationId: org.id }),
      });
      expect(response.status).toBe(200);
    }
  });
});

describe.each(["organization first", "apiKey first"] as const)("organization keys, %s", (order) => {
  it("creates a key owned by the organization, recording its creator, and lists it to members only", async () => {
    const t = setupOrganizationKeys(UI_CONFIGURATIONS, order);
    const org = await t.createOrganization();
    const created = await t.createOrganizationKey(org.admin, org.id, { name: "deploys" });
    expect(created.key.startsWith("bao_")).toBe(true);
    expect(created.createdBy).toBe(org.admin.user.id);
    const [row] = await t.rows("apikey");
    expect(row).toMatchObject({ referenceId: org.id, configId: "organization", createdBy: org.admin.user.id });
    // Not the admin's own key: their personal list stays empty.
    expect((await t.send("/api-key/list", org.admin)).body).toMatchObject({ apiKeys: [], total: 0 });
    const listed = await t.send(`/api-key/list?organizationId=${org.id}`, org.viewer);
    expect(listed.body).toMatchObject({ apiKeys: [expect.objectContaining({ id: created.id, createdBy: org.admin.user.id })], total: 1 });
  });

  it("stores a key under the organization's own id, however the call spelled it", async () => {
    // MySQL's usual collations match an id in another case or with trailing spaces: the key must
    // still belong to the organization as stored, or events and a move to PostgreSQL lose it.
    const t = setupOrganizationKeys(UI_CONFIGURATIONS, order);
    const org = await t.createOrganization();
    const spellings = [org.id.toUpperCase(), `${org.id} `];
    const member = await Promise.all(spellings.map((organizationId) => t.send("/api-key/create", org.admin, { name: "member", organizationId })));
    const server = await Promise.all(
      spellings.map((organizationId) =>
        t.auth.api.createApiKey({ body: { name: "server", organizationId } }).then(
          () => 200,
          (error: { statusCode?: number }) => error.statusCode,
        ),
      ),
    );
    const created = [...member.map((answer) => answer.status), ...server].filter((status) => status === 200).length;
    const rows = await t.rows("apikey");
    expect(rows).toHaveLength(created);
    for (const row of rows) expect(row.referenceId).toBe(org.id);
  });

  it("deletes the organization's keys with it, and refuses them at once, even warm in the cache", async () => {
    const t = setupOrganizationKeys(UI_CONFIGURATIONS, order);
    const org = await t.createOrganization();
    const created = await t.createOrganizationKey(org.owner, org.id);
    const verifier = createVerifier(t.auth);
    const accept = { organizationKeys: "accept" } as const;
    expect((await verifier.authenticate({ "x-api-key": created.key }, accept)).ok).toBe(true);
    const deleted = await t.request("/organization/delete", {
      method: "POST",
      credential: org.owner,
      body: JSON.stringify({ organizationId: org.id }),
    });
    expect(deleted.status).toBe(200);
    expect(await verifier.authenticate({ "x-api-key": created.key }, accept)).toMatchObject({ ok: false, status: 401, body: { code: "INVALID_CREDENTIAL" } });
    expect((await t.rows("apikey")).filter((row) => row.referenceId === org.id)).toEqual([]);
  });

  it("does the same when server code deletes the organization with auth.api.deleteOrganization", async () => {
    const t = setupOrganizationKeys(UI_CONFIGURATIONS, order);
    const org = await t.createOrganization();
    const other = await t.createOrganization();
    const doomed = await t.createOrganizationKey(org.owner, org.id);
    const kept = await t.createOrganizationKey(other.owner, other.id);
    await t.api.deleteOrganization!({ body: { organizationId: org.id }, headers: org.owner.headers });
    expect((await t.api.verifyApiKey!({ body: { key: doomed.key } })) as object).toMatchObject({ valid: false, error: { code: "INVALID_CREDENTIAL" } });
    expect((await t.api.verifyApiKey!({ body: { key: kept.key } })) as object).toMatchObject({ valid: true });
    expect((await t.rows("apikey")).map((row) => row.id)).toEqual([kept.id]);
  });
});

describe("organization keys: who may manage them", () => {
  const cases = (Object.keys(EXPECTED) as Role[]).flatMap((role) =>
    (Object.keys(EXPECTED[role]) as Action[]).map((action) => [role, action, EXPECTED[role][action]] as const),
  );

  it.each(cases)("%s × %s answers %o", async (role, action, expected) => {
    const t = setupOrganizationKeys();
    const org = await t.createOrganization();
    const caller = org[role];
    const existing = await t.createOrganizationKey(org.owner, org.id, { name: "existing" });
    const answers = {
      create: () => t.send("/api-key/create", caller, { name: "mine", organizationId: org.id }),
      list: () => t.send(`/api-key/list?organizationId=${org.id}`, caller),
      get: () => t.send(`/api-key/get?id=${existing.id}`, caller),
      update: () => t.send("/api-key/update", caller, { id: existing.id, name: "renamed" }),
      revoke: () => t.send("/api-key/revoke", caller, { id: existing.id }),
    };
    const { status, body } = await answers[action]();
    expect({ status, code: body?.code }).toEqual({ status: expected.status, code: expected.code });
    // A refused call changed nothing; an allowed one did what it said.
    const rows = (await t.rows("apikey")).filter((row) => row.referenceId === org.id);
    const expectedCount = action === "create" && status === 200 ? 2 : action === "revoke" && status === 200 ? 0 : 1;
    expect(rows).toHaveLength(expectedCount);
    const stillNamed = rows.find((row) => row.id === existing.id)?.name;
    if (action === "update") expect(stillNamed).toBe(status === 200 ? "renamed" : "existing");
  });

  it("asks for organizationId where the configuration needs one, and refuses it on user keys", async () => {
    const t = setupOrganizationKeys();
    const org = await t.createOrganization();
    const missing = await t.send("/api-key/create", org.owner, { name: "x", configId: "organization" });
    expect(missing).toMatchObject({ status: 400, body: { code: "ORGANIZATION_ID_REQUIRED" } });
    const wrong = await t.send("/api-key/create", org.owner, { name: "x", configId: "default", organizationId: org.id });
    expect(wrong).toMatchObject({ status: 400, body: { code: "UNKNOWN_CONFIGURATION" } });
    const unknown = await t.send("/api-key/create", org.owner, { name: "x", configId: "nope" });
    expect(unknown).toMatchObject({ status: 400, body: { code: "UNKNOWN_CONFIGURATION" } });
    expect(await t.rows("apikey")).toEqual([]);
  });

  it("lets trusted server code create for any existing organization, and refuses a missing one with ORGANIZATION_NOT_FOUND", async () => {
    const t = setupOrganizationKeys();
    const org = await t.createOrganization();
    const created = (await t.api.createApiKey!({
      body: { name: "provisioned", organizationId: org.id, userId: org.outsider.user.id, permissions: { deploys: ["write"] } },
    })) as { createdBy: string; permissions: unknown };
    expect(created).toMatchObject({ createdBy: org.outsider.user.id, permissions: { deploys: ["write"] } });
    await expect(t.api.createApiKey!({ body: { name: "x", organizationId: "no-such-org" } })).rejects.toMatchObject({
      statusCode: 404,
      body: { code: "ORGANIZATION_NOT_FOUND" },
    });
    expect((await t.rows("apikey")).map((row) => row.referenceId)).toEqual([org.id]);
  });

  it("lets allowedPermissions depend on the organization and the member's role", async () => {
    const seen: unknown[] = [];
    const t = setupOrganizationKeys([
      { configId: "default" },
      {
        configId: "organization",
        references: "organization",
        allowedPermissions: (_user, organization) => {
          seen.push(organization);
          return organization?.role === "owner" ? { deploys: ["read", "write"] } : { deploys: ["read"] };
        },
      },
    ]);
    const org = await t.createOrganization();
    const ask = { organizationId: org.id, name: "ci", permissions: { deploys: ["write"] } };
    expect(await t.send("/api-key/create", org.admin, ask)).toMatchObject({ status: 403, body: { code: "INSUFFICIENT_PERMISSIONS" } });
    const granted = await t.send("/api-key/create", org.owner, ask);
    expect(granted).toMatchObject({ status: 200, body: { permissions: { deploys: ["write"] } } });
    expect(seen).toEqual([
      { organizationId: org.id, role: "admin" },
      { organizationId: org.id, role: "owner" },
    ]);
  });

  it.each(["organization first", "apiKey first"] as const)(
    "never lets a member grant an organization's key more of the organization's statements than their role allows (%s)",
    async (order) => {
      // The app allows the grant; admin's role has organization: ["update"] only, the owner's "delete" too.
      const allowedPermissions = { organization: ["delete"], deploys: ["run"] };
      const t = setupOrganizationKeys([{ configId: "default" }, { configId: "organization", references: "organization", allowedPermissions }], order);
      const org = await t.createOrganization();
      const create = (user: (typeof org)["admin"], permissions: unknown) => t.send("/api-key/create", user, { name: "ci", organizationId: org.id, permissions });
      expect(await create(org.admin, { organization: ["delete"] })).toMatchObject({ status: 403, body: { code: "ORGANIZATION_ROLE_FORBIDS" } });
      expect(await t.rows("apikey")).toEqual([]);
      // The app's own resources are no role's: allowedPermissions alone decides.
      const deploys = await create(org.admin, { deploys: ["run"] });
      expect(deploys).toMatchObject({ status: 200, body: { permissions: { deploys: ["run"] } } });
      expect(await create(org.owner, { organization: ["delete"] })).toMatchObject({ status: 200 });
      // Nor through an update: the key keeps what it had.
      const widened = await t.send("/api-key/update", org.admin, { id: deploys.body.id, permissions: allowedPermissions });
      expect(widened).toMatchObject({ status: 403, body: { code: "ORGANIZATION_ROLE_FORBIDS" } });
      const row = (await t.rows("apikey")).find((stored) => stored.id === deploys.body.id)!;
      expect(JSON.parse(row.permissions as string)).toEqual({ deploys: ["run"] });
    },
  );

  it("bounds a grant by what the roles name where the roles come without their ac (organization({ roles }))", async () => {
    // Upstream checks roles by their own statements; `ac` is needed only for dynamic access control.
    const projects = createAccessControl({ ...defaultStatements, apiKey: ["create", "read", "update", "delete"], project: ["read", "delete"] });
    const roles = {
      owner: projects.newRole({ ...ownerAc.statements, project: ["read", "delete"] }),
      admin: projects.newRole({ ...adminAc.statements, apiKey: ["create", "read", "update", "delete"], project: ["read"] }),
      member: projects.newRole({ ...memberAc.statements }),
      viewer: projects.newRole({ apiKey: ["read"] }),
    };
    const allowedPermissions = { project: ["read", "delete"] };
    const t = setupOrganizationKeys(
      [{ configId: "default" }, { configId: "organization", references: "organization", allowedPermissions }],
      "organization first",
      [],
      organization({ roles }) as BetterAuthPlugin,
    );
    const org = await t.createOrganization();
    // The admin's role may read projects, not delete them: nor may a key the admin makes.
    const made = await t.send("/api-key/create", org.admin, { name: "ci", organizationId: org.id, permissions: { project: ["delete"] } });
    expect(made).toMatchObject({ status: 403, body: { code: "ORGANIZATION_ROLE_FORBIDS" } });
    expect(await t.send("/api-key/create", org.admin, { name: "ci", organizationId: org.id, permissions: { project: ["read"] } })).toMatchObject({ status: 200 });
    expect(await t.send("/api-key/create", org.owner, { name: "ci", organizationId: org.id, permissions: { project: ["delete"] } })).toMatchObject({ status: 200 });
  });

  it("checks the role against the defaults a member's organization key gets, too", async () => {
    const defaults = { organization: ["delete"] };
    const t = setupOrganizationKeys([
      { configId: "default" },
      { configId: "organization", references: "organization", defaultPermissions: defaults, allowedPermissions: defaults },
    ]);
    const org = await t.createOrganization();
    const create = (user: (typeof org)["admin"]) => t.send("/api-key/create", user, { name: "ci", organizationId: org.id });
    expect(await create(org.admin)).toMatchObject({ status: 403, body: { code: "ORGANIZATION_ROLE_FORBIDS" } });
    expect(await create(org.owner)).toMatchObject({ status: 200, body: { permissions: defaults } });
    // Server code may grant anything.
    const server = (await t.api.createApiKey!({ body: { name: "ops", organizationId: org.id } })) as { permissions: unknown };
    expect(server.permissions).toEqual(defaults);
  });

  it("keeps exactly maxKeysPerOrganization under 30 parallel creates by two members", async () => {
    const t = setupOrganizationKeys([{ configId: "default" }, { configId: "organization", references: "organization", maxKeysPerOrganization: 10 }]);
    const org = await t.createOrganization();
    const responses = await Promise.all(
      Array.from({ length: 30 }, (_, i) => t.send("/api-key/create", i % 2 ? org.owner : org.admin, { name: `k${i}`, organizationId: org.id })),
    );
    expect(responses.filter((response) => response.status === 200)).toHaveLength(10);
    expect(responses.filter((response) => response.status === 403 && response.body.code === "MAX_KEYS_REACHED")).toHaveLength(20);
    expect((await t.rows("apikey")).filter((row) => row.referenceId === org.id)).toHaveLength(10);
    // The organization's cap is its own: the owner's personal keys are counted apart.
    expect((await t.send("/api-key/create", org.owner, { name: "mine" })).status).toBe(200);
  });
});

describe("organization keys: what a key acts for", () => {
  it("says so in verifyApiKey, createVerifier and the middleware's credential: the organization, no user", async () => {
    const t = setupOrganizationKeys([
      { configId: "default" },
      { configId: "organization", references: "organization", allowedPermissions: { deploys: ["read"] } },
    ]);
    const org = await t.createOrganization();
    const created = await t.createOrganizationKey(org.owner, org.id, { permissions: { deploys: ["read"] } });
    const verified = await t.api.verifyApiKey!({ body: { key: created.key, permissions: { deploys: ["read"] } } });
    expect(verified).toMatchObject({
      valid: true,
      owner: { type: "organization", id: org.id },
      key: { id: created.id, createdBy: org.owner.user.id, permissions: { deploys: ["read"] } },
    });
    const verifier = createVerifier(t.auth);
    const accepted = await verifier.authenticate({ authorization: `Bearer ${created.key}` }, { organizationKeys: "accept" });
    expect(accepted).toMatchObject({ ok: true, owner: { type: "organization", id: org.id }, user: null, permissions: { deploys: ["read"] } });
    // A route written for users' credentials never sees it, whatever it asks.
    for (const requirement of [{}, { permissions: { deploys: ["read"] } }, { permissions: { deploys: ["write"] } }]) {
      expect(await verifier.authenticate({ "x-api-key": created.key }, requirement)).toMatchObject({
        ok: false,
        status: 403,
        body: { code: "ORGANIZATION_KEY_NOT_ACCEPTED" },
      });
    }
    // The middleware and the handler form hand the route the same credential, and refuse it by default.
    const app = new Hono<{ Variables: { credential: AnyVerifiedCredential } }>();
    app.use("/api/*", requireCredential(verifier, { organizationKeys: "accept" }));
    app.get("/api/who", (c) => c.json(c.get("credential").owner));
    app.get("/one/who", withCredential(verifier, { organizationKeys: "accept" }, (c, { owner, user }) => c.json({ ...owner, user })));
    app.get("/one/users-only", withCredential(verifier, (c) => c.text("for users")));
    app.get("/api/users-only", requireCredential(verifier), (c) => c.text("for users"));
    app.get("/api/deploys", withCredential(verifier, { organizationKeys: "accept", permissions: { deploys: ["write"] } }, (c) => c.text("deploy")));
    const who = await app.request("/api/who", { headers: { "x-api-key": created.key } });
    expect(await who.json()).toEqual({ type: "organization", id: org.id });
    const whoByHandler = await app.request("/one/who", { headers: { "x-api-key": created.key } });
    expect(await whoByHandler.json()).toEqual({ type: "organization", id: org.id, user: null });
    const usersOnly = await app.request("/one/users-only", { headers: { "x-api-key": created.key } });
    expect(usersOnly.status).toBe(403);
    expect(await usersOnly.json()).toMatchObject({ code: "ORGANIZATION_KEY_NOT_ACCEPTED" });
    // Under a prefix that accepts it, a route's own guard written for users still refuses it,
    // and one that names permissions the key lacks refuses it for them.
    const stackedUsersOnly = await app.request("/api/users-only", { headers: { "x-api-key": created.key } });
    expect(stackedUsersOnly.status).toBe(403);
    expect(await stackedUsersOnly.json()).toMatchObject({ code: "ORGANIZATION_KEY_NOT_ACCEPTED" });
    const stackedDeploys = await app.request("/api/deploys", { headers: { "x-api-key": created.key } });
    expect(stackedDeploys.status).toBe(403);
    expect(await stackedDeploys.json()).toMatchObject({ code: "INSUFFICIENT_PERMISSIONS" });

    const personal = await t.send("/api-key/create", org.owner, { name: "mine" });
    const own = await createVerifier(t.auth).authenticate({ "x-api-key": personal.body.key as string });
    expect(own).toMatchObject({ ok: true, owner: { type: "user", id: org.owner.user.id }, user: { id: org.owner.user.id } });
    const ownVerified = await t.api.verifyApiKey!({ body: { key: personal.body.key } });
    expect(ownVerified).toMatchObject({ valid: true, owner: { type: "user", id: org.owner.user.id } });
  });

  it("gets no user session: /get-session answers null, and Better Auth's own endpoints stay refused", async () => {
    const t = setupOrganizationKeys();
    const org = await t.createOrganization();
    const created = await t.createOrganizationKey(org.owner, org.id);
    const session = await t.request("/get-session", { headers: { "x-api-key": created.key } });
    expect(session.status).toBe(200);
    expect(await session.json()).toBeNull();
    // Never the creator's personal rights: no cookie sent with the key is read instead.
    const withCookie = await t.request("/get-session", { credential: org.owner, headers: { "x-api-key": created.key } });
    expect(await withCookie.json()).toBeNull();
    for (const path of ["/organization/list", "/list-sessions"]) {
      const refused = await t.request(path, { headers: { "x-api-key": created.key } });
      expect(refused.status).toBe(403);
      expect(((await refused.json()) as { code: string }).code).toBe("CREDENTIAL_NOT_ALLOWED");
    }
    // Nor can it manage keys, its own organization's included.
    const minted = await t.request("/api-key/create", {
      method: "POST",
      headers: { "x-api-key": created.key, "content-type": "application/json" },
      body: JSON.stringify({ name: "more", organizationId: org.id }),
    });
    expect(minted.status).toBe(403);
  });

  it("keeps working when its creator leaves the organization or is demoted", async () => {
    const t = setupOrganizationKeys();
    const org = await t.createOrganization();
    const created = await t.createOrganizationKey(org.admin, org.id);
    await t.api.updateMemberRole!({ body: { memberId: await memberId(t, org.admin.user.id), role: "member", organizationId: org.id }, headers: org.owner.headers });
    const verifier = createVerifier(t.auth);
    const accept = { organizationKeys: "accept" } as const;
    expect(await verifier.authenticate({ "x-api-key": created.key }, accept)).toMatchObject({ ok: true, owner: { id: org.id } });
    await t.api.removeMember!({ body: { memberIdOrEmail: org.admin.user.email, organizationId: org.id }, headers: org.owner.headers });
    expect((await t.rows("member")).some((row) => row.userId === org.admin.user.id)).toBe(false);
    expect(await verifier.authenticate({ "x-api-key": created.key }, accept)).toMatchObject({ ok: true, owner: { id: org.id } });
    // And the former admin can no longer see or revoke it.
    expect(await t.send("/api-key/revoke", org.admin, { id: created.id })).toMatchObject({ status: 404, body: { code: "NOT_FOUND" } });
  });

  it("keeps working when its creator is banned or deleted: it is the organization's, not theirs", async () => {
    const t = setupOrganizationKeys(UI_CONFIGURATIONS, "organization first", [admin()]);
    const org = await t.createOrganization();
    const created = await t.createOrganizationKey(org.admin, org.id);
    const context = await t.auth.$context;
    await context.internalAdapter.updateUser(org.owner.user.id, { role: "admin" });
    const banned = await t.send("/admin/ban-user", org.owner, { userId: org.admin.user.id });
    expect(banned.status).toBe(200);
    const verifier = createVerifier(t.auth);
    const accept = { organizationKeys: "accept" } as const;
    expect(await verifier.authenticate({ "x-api-key": created.key }, accept)).toMatchObject({ ok: true, owner: { id: org.id } });
    await context.internalAdapter.deleteUser(org.admin.user.id);
    expect(await verifier.authenticate({ "x-api-key": created.key }, accept)).toMatchObject({ ok: true, owner: { id: org.id } });
    expect((await t.rows("apikey")).map((row) => [row.id, row.createdBy])).toEqual([[created.id, org.admin.user.id]]);
  });

  it("writes no key for an organization deleted after its member was checked, where the database locks the row", async (test) => {
    const t = setupOrganizationKeys();
    const { adapter } = (await t.auth.$context) as unknown as AuthContext;
    // Without a row lock, a create is serialized per process only (security.md says so).
    if (!locksOwnerRow(adapter)) test.skip("this adapter takes no row lock");
    const org = await t.createOrganization();
    let deleted = false;
    // The moment between "the caller may create here" and the lock: the organization goes.
    t.faults.intercept = async (call) => {
      if (deleted || call.model !== "organization" || call.method !== "updateMany") return;
      deleted = true;
      await t.api.deleteOrganization!({ body: { organizationId: org.id }, headers: org.owner.headers });
    };
    const created = await t.send("/api-key/create", org.owner, { name: "late", organizationId: org.id });
    t.faults.intercept = undefined;
    expect(deleted).toBe(true);
    expect(created).toMatchObject({ status: 404, body: { code: "ORGANIZATION_NOT_FOUND" } });
    expect((await t.rows("apikey")).filter((row) => row.referenceId === org.id)).toEqual([]);
  });

  it("deletes a user's own keys with the user, where the table has no foreign key to do it", async () => {
    const t = setupOrganizationKeys();
    const org = await t.createOrganization();
    await t.send("/api-key/create", org.member, { name: "mine" });
    const teamKey = await t.createOrganizationKey(org.owner, org.id);
    const context = await t.auth.$context;
    await context.internalAdapter.deleteUser(org.member.user.id);
    const rows = await t.rows("apikey");
    expect(rows.map((row) => row.id)).toEqual([teamKey.id]);
  });
});

async function memberId(t: ReturnType<typeof setupOrganizationKeys>, userId: string) {
  const member = (await t.rows("member")).find((row) => row.userId === userId);
  if (!member) throw new Error("no such member");
  return member.id as string;
}

/**
 * A Node server whose one route, behind `requireCredentialNode`, asks `authorizeInOrganization`
 * with the request itself; `adapt` shapes the request first, as a framework would.
 */
async function serveInvite(verifier: ReturnType<typeof createVerifier>, organizationId: string, adapt: (req: IncomingMessage) => void = () => {}) {
  const guard = requireCredentialNode(verifier);
  const server = createServer((req, res) => {
    adapt(req);
    guard(req as typeof req & { credential?: VerifiedCredential }, res, async () => {
      const result = await verifier.authorizeInOrganization(req, { organizationId, permissions: { invitation: ["create"] } });
      res.statusCode = result.ok ? 200 : result.status;
      res.end(result.ok ? result.owner.type : result.code);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  return { server, url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/invite` };
}

describe("verifier.authorizeInOrganization: may this credential do X in organization Y?", () => {
  const setup = () =>
    setupOrganizationKeys([
      { configId: "default", allowedPermissions: { invitation: ["create"] } },
      { configId: "organization", references: "organization", allowedPermissions: { invitation: ["create", "cancel"] } },
    ]);
  const inviting = { invitation: ["create"] };

  it("answers for an organization's key by its own permissions, in its own organization only", async () => {
    const t = setup();
    const org = await t.createOrganization();
    const other = await t.createOrganization();
    const key = (await t.createOrganizationKey(org.owner, org.id, { permissions: inviting })).key;
    const verifier = createVerifier(t.auth);
    expect(await verifier.authorizeInOrganization({ "x-api-key": key }, { organizationId: org.id, permissions: inviting })).toMatchObject({
      ok: true,
      owner: { type: "organization", id: org.id },
    });
    const beyond = await verifier.authorizeInOrganization({ "x-api-key": key }, { organizationId: org.id, permissions: { invitation: ["cancel"] } });
    expect(beyond).toMatchObject({ ok: false, status: 403, body: { code: "INSUFFICIENT_PERMISSIONS" } });
    const elsewhere = await verifier.authorizeInOrganization({ "x-api-key": key }, { organizationId: other.id, permissions: inviting });
    expect(elsewhere).toMatchObject({ ok: false, status: 403, body: { code: "NOT_ORGANIZATION_MEMBER" } });
  });

  it("answers for a user's key by its permissions and its user's role together", async () => {
    const t = setup();
    const org = await t.createOrganization();
    const keyOf = async (user: (typeof org)["admin"], permissions: unknown) =>
      (await t.send("/api-key/create", user, { name: "mine", permissions })).body.key as string;
    const verifier = createVerifier(t.auth);
    const ask = (key: string) => verifier.authorizeInOrganization({ "x-api-key": key }, { organizationId: org.id, permissions: inviting });
    // admin's role may invite, and the key was granted it.
    expect(await ask(await keyOf(org.admin, inviting))).toMatchObject({ ok: true, owner: { type: "user", id: org.admin.user.id } });
    // The role may, the key was not granted it.
    expect(await ask(await keyOf(org.admin, {}))).toMatchObject({ ok: false, body: { code: "INSUFFICIENT_PERMISSIONS" } });
    // The key was granted it, the role may not.
    expect(await ask(await keyOf(org.member, inviting))).toMatchObject({ ok: false, status: 403, body: { code: "ORGANIZATION_ROLE_FORBIDS" } });
    // Not a member at all.
    expect(await ask(await keyOf(org.outsider, inviting))).toMatchObject({ ok: false, status: 403, body: { code: "NOT_ORGANIZATION_MEMBER" } });
  });

  it("sends the RateLimit fields with its refusals too: the request was counted", async () => {
    const t = setupOrganizationKeys([
      { configId: "default", allowedPermissions: { invitation: ["create"] }, rateLimit: { max: 5, window: 7 * 24 * 3600 } },
      { configId: "organization", references: "organization", allowedPermissions: { invitation: ["create"] }, rateLimit: { max: 5, window: 7 * 24 * 3600 } },
    ]);
    const org = await t.createOrganization();
    const other = await t.createOrganization();
    const organizationKey = (await t.createOrganizationKey(org.owner, org.id, { permissions: inviting })).key;
    const memberKey = (await t.send("/api-key/create", org.member, { name: "mine", permissions: inviting })).body.key as string;
    const verifier = createVerifier(t.auth);
    const refusals = [
      await verifier.authorizeInOrganization({ "x-api-key": organizationKey }, { organizationId: other.id, permissions: inviting }),
      await verifier.authorizeInOrganization({ "x-api-key": organizationKey }, { organizationId: org.id, permissions: { invitation: ["cancel"] } }),
      await verifier.authorizeInOrganization({ "x-api-key": memberKey }, { organizationId: org.id, permissions: inviting }),
      await verifier.authorizeInOrganization({ "x-api-key": memberKey }, { organizationId: other.id, permissions: inviting }),
    ];
    expect(refusals.map((refused) => [refused.ok ? 200 : refused.code, refused.headers["RateLimit-Remaining"]])).toEqual([
      ["NOT_ORGANIZATION_MEMBER", "4"],
      ["INSUFFICIENT_PERMISSIONS", "3"],
      ["ORGANIZATION_ROLE_FORBIDS", "4"],
      ["NOT_ORGANIZATION_MEMBER", "3"],
    ]);
  });

  it("behind a guard, given Hono's context or Node's request, decides on what the guard admitted: counted once", async () => {
    const limited = { allowedPermissions: { invitation: ["create"] }, rateLimit: { max: 4, window: 7 * 24 * 3600 } };
    const t = setupOrganizationKeys([{ configId: "default", ...limited }, { configId: "organization", references: "organization", ...limited }]);
    const org = await t.createOrganization();
    const honoKey = (await t.createOrganizationKey(org.owner, org.id, { permissions: inviting })).key;
    const nodeKey = (await t.send("/api-key/create", org.admin, { name: "mine", permissions: inviting })).body.key as string;
    const verifier = createVerifier(t.auth);
    const app = new Hono();
    app.use("/api/*", requireCredential(verifier, { organizationKeys: "accept" }));
    app.post("/api/invite", async (c) => {
      const result = await verifier.authorizeInOrganization(c, { organizationId: org.id, permissions: inviting });
      return result.ok ? c.json({ owner: result.owner }) : c.json(result.body, result.status as 403);
    });
    const { server, url } = await serveInvite(verifier, org.id);
    try {
      const hono: number[] = [];
      const node: number[] = [];
      for (let i = 0; i < 5; i += 1) {
        hono.push((await app.request("/api/invite", { method: "POST", headers: { "x-api-key": honoKey } })).status);
        node.push((await fetch(url, { method: "POST", headers: { "x-api-key": nodeKey } })).status);
      }
      // A limit of 4: four requests served, each counted once by the guard, then the guard's 429.
      expect(hono).toEqual([200, 200, 200, 200, 429]);
      expect(node).toEqual([200, 200, 200, 200, 429]);
    } finally {
      server.close();
    }
  });

  it("behind requireCredentialNode in Express, given Express's req (which has req.get), decides on the guard's admission: counted once", async () => {
    const limited = { allowedPermissions: { invitation: ["create"] }, rateLimit: { max: 4, window: 7 * 24 * 3600 } };
    const t = setupOrganizationKeys([{ configId: "default", ...limited }, { configId: "organization", references: "organization", ...limited }]);
    const org = await t.createOrganization();
    const key = (await t.send("/api-key/create", org.admin, { name: "mine", permissions: inviting })).body.key as string;
    const verifier = createVerifier(t.auth);
    // Express's request, as express/lib/request.js makes it: Node's, with `get` (and `header`) on its prototype.
    const expressRequest = Object.create(IncomingMessage.prototype) as object;
    Object.assign(expressRequest, {
      get(this: IncomingMessage, name: string) {
        return this.headers[name.toLowerCase()];
      },
    });
    const { server, url } = await serveInvite(verifier, org.id, (req) => Object.setPrototypeOf(req, expressRequest));
    try {
      const statuses: number[] = [];
      for (let i = 0; i < 5; i += 1) statuses.push((await fetch(url, { method: "POST", headers: { "x-api-key": key } })).status);
      expect(statuses).toEqual([200, 200, 200, 200, 429]);
    } finally {
      server.close();
    }
  });

  it("answers for a personal token by its owner's role alone", async () => {
    const t = setupOrganizationKeys(UI_CONFIGURATIONS, "organization first", [bearer()]);
    const org = await t.createOrganization();
    const tokenOf = async (user: (typeof org)["admin"]) => (await t.send("/bearer/create-token", user, { name: "cli" })).body.token as string;
    const verifier = createVerifier(t.auth);
    const ask = async (user: (typeof org)["admin"]) =>
      verifier.authorizeInOrganization({ authorization: `Bearer ${await tokenOf(user)}` }, { organizationId: org.id, permissions: inviting });
    expect(await ask(org.admin)).toMatchObject({ ok: true, authMethod: "personal-token", owner: { type: "user", id: org.admin.user.id } });
    expect(await ask(org.member)).toMatchObject({ ok: false, status: 403, body: { code: "ORGANIZATION_ROLE_FORBIDS" } });
  });
});
