import {
  createProtectedRoute,
  createTestAuth,
  registerCredential,
  sharedSecondaryStorage,
  summarizeAdapterCalls,
  testAdapterName,
  type AdapterCallLog,
  type ClientCredential,
  type SignedUpUser,
} from "@better-auth-tokens/test-utils";
import { describe, expect, it } from "vitest";
import { apiKey, bearer } from "../src/index";
import { fleetStorageName } from "./support/fleet";
import { setupOrganizationKeys } from "./support/organizations";

const adapter = testAdapterName();
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
/** Short, so the test can wait it out; long enough for every check inside it on a slow database. */
const GRACE_SECONDS = 2;

type Rolled = { id: string; key?: string; token?: string; previousSecretExpiresAt: string | null };
/** What these helpers use of a test instance, whatever its plugins. */
interface Instance {
  auth: Parameters<typeof createProtectedRoute>[0];
  request: (path: string, init?: RequestInit & { credential?: ClientCredential }) => Promise<Response>;
  adapterCalls: AdapterCallLog;
}

async function post(t: Instance, path: string, credential: ClientCredential, body: unknown) {
  const response = await t.request(path, { method: "POST", credential, body: JSON.stringify(body) });
  return { status: response.status, body: (await response.json()) as Record<string, unknown> & { code?: string } };
}

async function rolled(t: Instance, path: string, user: SignedUpUser, body: unknown): Promise<Rolled> {
  const { status, body: answer } = await post(t, path, user, body);
  expect(status, JSON.stringify(answer)).toBe(200);
  return answer as unknown as Rolled;
}

/** 200 or 401, as an app route that asks getSession sees the credential. */
async function statusOf(t: Instance, headers: Record<string, string>) {
  return (await createProtectedRoute(t.auth)(headers)).status;
}

/** Reads of the database, leaving out background writes (lastUsedAt). */
const readsSince = (t: Instance, before: number) => summarizeAdapterCalls(t.adapterCalls.slice(before)).reads;

describe("rolling with a grace period, across instances", () => {
  it("lets old and new secrets work inside the grace period, then only the new one, cached or not, on every instance", async () => {
    // A rolls; B shares the database and secondaryStorage with a warm cache; C reads the database every time.
    const secondaryStorage = sharedSecondaryStorage();
    const plugins = (cache: false | { ttl: number }) => [apiKey({ cache }), bearer({ cache })];
    const a = createTestAuth({ plugins: plugins({ ttl: 30 }), options: { secondaryStorage } });
    const b = createTestAuth({ shareStorageWith: a, plugins: plugins({ ttl: 30 }), options: { secondaryStorage } });
    const c = createTestAuth({ shareStorageWith: a, plugins: plugins(false), options: { secondaryStorage } });
    const fleet = { a, b, c };
    const alice = await a.signUp();
    const created = (await post(a, "/api-key/create", alice, { name: "deploys", metadata: { team: "ops" } })).body as { id: string; key: string };
    const token = (await post(a, "/bearer/create-token", alice, { name: "cli" })).body as { id: string; token: string };
    const oldKey = { "x-api-key": created.key };
    const oldToken = { authorization: `Bearer ${token.token}` };
    // Warm: every instance has verified the old secrets (A and B now serve them from memory).
    for (const t of Object.values(fleet)) for (const headers of [oldKey, oldToken]) expect(await statusOf(t, headers)).toBe(200);

    const rolledKey = await rolled(a, "/api-key/roll", alice, { id: created.id, gracePeriod: GRACE_SECONDS });
    const rolledToken = await rolled(a, "/bearer/roll-token", alice, { id: token.id, gracePeriod: GRACE_SECONDS });
    const deadline = new Date(rolledKey.previousSecretExpiresAt!).getTime();
    expect(rolledKey).toMatchObject({ id: created.id, name: "deploys", metadata: { team: "ops" } });
    expect(rolledKey.key).not.toBe(created.key);
    expect(rolledToken).toMatchObject({ id: token.id, name: "cli" });
    const newKey = { "x-api-key": rolledKey.key! };
    const newToken = { authorization: `Bearer ${rolledToken.token}` };

    // Inside the grace period: both secrets of both kinds, on every instance, and in getSession.
    const inside: string[] = [];
    for (const [name, t] of Object.entries(fleet)) {
      for (const headers of [oldKey, newKey, oldToken, newToken]) expect(await statusOf(t, headers)).toBe(200);
      const session = await t.request("/get-session", { headers: oldKey });
      expect(((await session.json()) as { user?: { id: string } } | null)?.user?.id).toBe(alice.user.id);
      inside.push(`${name} 200`);
    }
    expect(Date.now()).toBeLessThan(deadline);
    // The list shows the pending roll and its end; nothing of either secret.
    const listed = ((await a.request("/api-key/list", { credential: alice }).then((r) => r.json())) as { apiKeys: Rolled[] }).apiKeys;
    expect(listed[0]).toMatchObject({ id: created.id, previousSecretExpiresAt: rolledKey.previousSecretExpiresAt });
    const tokens = ((await a.request("/bearer/list-tokens", { credential: alice }).then((r) => r.json())) as { tokens: Rolled[] }).tokens;
    expect(tokens[0]).toMatchObject({ id: token.id, previousSecretExpiresAt: rolledToken.previousSecretExpiresAt });

    // A stays busy, as a serving instance is, so its cache stays current (it keeps polling the fleet
    // channel); shortly before the deadline it caches the old secret as loaded after the roll.
    const keepBusy = async (until: number) => {
      while (Date.now() < until) {
        expect(await statusOf(a, newKey)).toBe(200);
        await sleep(Math.min(50, Math.max(0, until - Date.now())));
      }
    };
    await keepBusy(deadline - 400);
    expect(await statusOf(a, oldKey)).toBe(200);
    const warm = a.adapterCalls.length;
    expect(await statusOf(a, oldKey)).toBe(200);
    expect(readsSince(a, warm)).toBe(0);
    // The token was rolled a moment after the key: its grace ends a moment later.
    await keepBusy(Math.max(deadline, new Date(rolledToken.previousSecretExpiresAt!).getTime()) + 5);

    // Past the deadline: A refuses the old secret from its cache, without reading the database.
    const before = a.adapterCalls.length;
    expect(await statusOf(a, oldKey)).toBe(401);
    const readsOnA = readsSince(a, before);
    expect(readsOnA).toBe(0);
    for (const t of Object.values(fleet)) {
      for (const headers of [oldKey, oldToken]) expect(await statusOf(t, headers)).toBe(401);
      for (const headers of [newKey, newToken]) expect(await statusOf(t, headers)).toBe(200);
    }
    const after = (await a.request(`/api-key/get?id=${created.id}`, { credential: alice }).then((r) => r.json())) as Rolled;
    expect(after.previousSecretExpiresAt).toBeNull();
    console.log(
      `roll [${adapter}, ${fleetStorageName}]: old key and token 200 inside a ${GRACE_SECONDS} s grace on ${inside.join(", ")} (A, B cached, C uncached); ` +
        `401 after on all (A from its cache, ${readsOnA} reads); new 200 on all`,
    );
  });
});

describe("rolling: defined answers", () => {
  function setup() {
    const t = createTestAuth({ plugins: [apiKey({ cache: { ttl: 3600 }, maxRollGracePeriod: 3600 }), bearer()] });
    const create = async (user: SignedUpUser, body: Record<string, unknown> = { name: "k" }) =>
      (await post(t, "/api-key/create", user, body)).body as { id: string; key: string };
    const works = async (key: string) => (await statusOf(t, { "x-api-key": key })) === 200;
    return { t, create, works };
  }

  it("stops the old secret at once with gracePeriod 0, and a second roll never leaves three secrets working", async () => {
    const { t, create, works } = setup();
    const alice = await t.signUp();
    const first = await create(alice);
    expect(await works(first.key)).toBe(true);
    const now = await rolled(t, "/api-key/roll", alice, { id: first.id, gracePeriod: 0 });
    expect(now.previousSecretExpiresAt).toBeNull();
    expect([await works(first.key), await works(now.key!)]).toEqual([false, true]);

    const second = await rolled(t, "/api-key/roll", alice, { id: first.id, gracePeriod: 600 });
    const third = await rolled(t, "/api-key/roll", alice, { id: first.id });
    // The pending grace is replaced: the older secret stops, the one that was current gets the grace.
    expect([await works(now.key!), await works(second.key!), await works(third.key!)]).toEqual([false, true, true]);
    expect(third.previousSecretExpiresAt).not.toBeNull();
    // Stored: the current hash and the previous one only, never a secret.
    const [row] = await t.rows("apikey");
    expect(JSON.stringify(row)).not.toContain(third.key);
    expect(JSON.stringify(row)).not.toContain(second.key);

    // Revoked: both secrets fail at once, though both were cached.
    await post(t, "/api-key/revoke", alice, { id: first.id });
    expect([await works(second.key!), await works(third.key!)]).toEqual([false, false]);
  });

  it("rolls a disabled key, which stays disabled; refuses an expired one, a too-long grace, another's id and a key as caller", async () => {
    const { t, create, works } = setup();
    const [alice, bob] = [await t.signUp(), await t.signUp()];
    const disabled = await create(alice);
    await post(t, "/api-key/update", alice, { id: disabled.id, enabled: false });
    const rolledDisabled = await rolled(t, "/api-key/roll", alice, { id: disabled.id, gracePeriod: 600 });
    expect(rolledDisabled).toMatchObject({ enabled: false });
    expect([await works(disabled.key), await works(rolledDisabled.key!)]).toEqual([false, false]);
    await post(t, "/api-key/update", alice, { id: disabled.id, enabled: true });
    expect([await works(disabled.key), await works(rolledDisabled.key!)]).toEqual([true, true]);

    const expired = await create(alice);
    const context = await t.auth.$context;
    await context.adapter.update({ model: "apikey", where: [{ field: "id", value: expired.id }], update: { expiresAt: new Date(Date.now() - 1000) } });
    expect(await post(t, "/api-key/roll", alice, { id: expired.id })).toMatchObject({ status: 400, body: { code: "CANNOT_ROLL_EXPIRED" } });
    expect(await works(expired.key)).toBe(false);

    const live = await create(alice);
    expect(await post(t, "/api-key/roll", alice, { id: live.id, gracePeriod: 3601 })).toMatchObject({ status: 400, body: { code: "INVALID_GRACE_PERIOD" } });
    expect(await post(t, "/api-key/roll", alice, { id: live.id, gracePeriod: -1 })).toMatchObject({ status: 400 });
    expect(await post(t, "/api-key/roll", bob, { id: live.id })).toMatchObject({ status: 404, body: { code: "NOT_FOUND" } });
    const token = (await post(t, "/bearer/create-token", alice, { name: "cli" })).body as { id: string };
    expect(await post(t, "/api-key/roll", alice, { id: token.id })).toMatchObject({ status: 404 });
    expect(await post(t, "/bearer/roll-token", alice, { id: live.id })).toMatchObject({ status: 404 });
    expect(await post(t, "/bearer/roll-token", bob, { id: token.id })).toMatchObject({ status: 404 });
    expect(await post(t, "/api-key/roll", { apiKey: live.key }, { id: live.id })).toMatchObject({ status: 403, body: { code: "CREDENTIAL_NOT_ALLOWED" } });
    expect(await post(t, "/api-key/roll", undefined, { id: live.id })).toMatchObject({ status: 401, body: { code: "UNAUTHORIZED" } });
    // Nothing refused was rolled.
    expect(await works(live.key)).toBe(true);

    // Another roll of the same key wins every race (the stored hash changes before each write): a stable 503.
    let racing = false;
    t.faults.intercept = async ({ method, model }) => {
      if (racing || method !== "update" || model !== "apikey") return;
      racing = true;
      const update = { key: `rolled-elsewhere-${crypto.randomUUID()}` };
      await context.adapter.update({ model: "apikey", where: [{ field: "id", value: live.id }], update }).finally(() => (racing = false));
    };
    const lost = await post(t, "/api-key/roll", alice, { id: live.id }).finally(() => (t.faults.intercept = undefined));
    expect(lost).toMatchObject({ status: 503, body: { code: "ROLL_CONFLICT" } });
  });

  it("takes a grace period beyond a year where maxRollGracePeriod allows it, and answers one over it with 400 INVALID_GRACE_PERIOD", async () => {
    const year = 365 * 24 * 3600;
    const t = createTestAuth({ plugins: [apiKey({ maxRollGracePeriod: 2 * year }), bearer({ maxRollGracePeriod: 2 * year })] });
    const alice = await t.signUp();
    const key = (await post(t, "/api-key/create", alice, { name: "k" })).body as { id: string };
    const long = await rolled(t, "/api-key/roll", alice, { id: key.id, gracePeriod: year + 1 });
    expect(new Date(long.previousSecretExpiresAt!).getTime()).toBeGreaterThan(Date.now() + year * 1000);
    expect(await post(t, "/api-key/roll", alice, { id: key.id, gracePeriod: 2 * year + 1 })).toMatchObject({ status: 400, body: { code: "INVALID_GRACE_PERIOD" } });
    const token = (await post(t, "/bearer/create-token", alice, { name: "cli" })).body as { id: string };
    const longToken = await rolled(t, "/bearer/roll-token", alice, { id: token.id, gracePeriod: year + 1 });
    expect(longToken.previousSecretExpiresAt).not.toBeNull();
    // Server code may ask for more than the maximum, up to what a database stores (2038): beyond, the same code.
    const byServer = await t.auth.api.rollApiKey({ body: { id: key.id, gracePeriod: 3 * year } });
    registerCredential(byServer.key);
    await expect(t.auth.api.rollApiKey({ body: { id: key.id, gracePeriod: 100 * year } })).rejects.toMatchObject({ body: { code: "INVALID_GRACE_PERIOD" } });
    await expect(t.auth.api.rollApiKey({ body: { id: key.id, gracePeriod: Number.MAX_SAFE_INTEGER } })).rejects.toMatchObject({ body: { code: "INVALID_GRACE_PERIOD" } });
  });

  it("lets server code roll any key or token by id, beyond maxRollGracePeriod; forwarded headers make it a client call", async () => {
    const { t, create, works } = setup();
    const [alice, bob] = [await t.signUp(), await t.signUp()];
    const key = await create(alice);
    const api = t.auth.api;
    const byServer = await api.rollApiKey({ body: { id: key.id, gracePeriod: 7200 } });
    registerCredential(byServer.key);
    expect(byServer).toMatchObject({ id: key.id });
    expect([await works(key.key), await works(byServer.key)]).toEqual([true, true]);
    await expect(api.rollApiKey({ body: { id: key.id }, headers: bob.headers })).rejects.toMatchObject({ body: { code: "NOT_FOUND" } });
    await expect(api.rollApiKey({ body: { id: "missing" } })).rejects.toMatchObject({ body: { code: "NOT_FOUND" } });

    const token = (await post(t, "/bearer/create-token", alice, { name: "cli" })).body as { id: string };
    const tokenByServer = await api.rollPersonalToken({ body: { id: token.id, gracePeriod: 0 } });
    registerCredential(tokenByServer.token);
    expect((await statusOf(t, { authorization: `Bearer ${tokenByServer.token}` }))).toBe(200);
  });

  it("rolls an organization's key for a role allowed apiKey: [\"update\"], refuses other roles and answers 404 to outsiders", async () => {
    const t = setupOrganizationKeys();
    const org = await t.createOrganization();
    const key = await t.createOrganizationKey(org.admin, org.id);
    expect(await t.send("/api-key/roll", org.viewer, { id: key.id })).toMatchObject({ status: 403, body: { code: "ORGANIZATION_ROLE_FORBIDS" } });
    expect(await t.send("/api-key/roll", org.outsider, { id: key.id })).toMatchObject({ status: 404, body: { code: "NOT_FOUND" } });
    const byAdmin = await t.send("/api-key/roll", org.admin, { id: key.id, gracePeriod: 60 });
    expect(byAdmin).toMatchObject({ status: 200, body: { id: key.id, createdBy: org.admin.user.id } });
    const verify = (value: string) => t.auth.api.verifyApiKey({ body: { key: value } });
    expect(await verify(byAdmin.body.key as string)).toMatchObject({ valid: true, owner: { type: "organization", id: org.id } });
    expect(await verify(key.key)).toMatchObject({ valid: true });
  });

  it("never hands a member the secret of an organization key that grants more than they could: 403, nothing rolled", async () => {
    // The app allows the grant; admin's role has organization: ["update"] only, the owner's "delete" too.
    const allowedPermissions = { organization: ["delete"], deploys: ["run"] };
    const t = setupOrganizationKeys([{ configId: "default" }, { configId: "organization", references: "organization", allowedPermissions }]);
    const org = await t.createOrganization();
    const owners = await t.createOrganizationKey(org.owner, org.id, { permissions: { organization: ["delete"] } });
    const before = (await t.rows("apikey")).find((row) => row.id === owners.id)!;
    // Rolling hands back a working secret: the admin would hold a key that may delete the organization.
    expect(await t.send("/api-key/roll", org.admin, { id: owners.id })).toMatchObject({ status: 403, body: { code: "ORGANIZATION_ROLE_FORBIDS" } });
    const after = (await t.rows("apikey")).find((row) => row.id === owners.id)!;
    expect([after.key, after.previousKey ?? null]).toEqual([before.key, before.previousKey ?? null]);
    // A key within the admin's role, and any key for the owner, roll as before.
    const deploys = await t.createOrganizationKey(org.admin, org.id, { permissions: { deploys: ["run"] } });
    expect(await t.send("/api-key/roll", org.admin, { id: deploys.id })).toMatchObject({ status: 200 });
    const byOwner = await t.send("/api-key/roll", org.owner, { id: owners.id });
    expect(byOwner).toMatchObject({ status: 200 });
    registerCredential(byOwner.body.key as string);
  });

  it("never hands a member the secret of an organization key beyond what allowedPermissions lets them grant", async () => {
    // Server code made the key with deploys: ["run"]; the app lets members grant only deploys: ["read"].
    const t = setupOrganizationKeys([{ configId: "default" }, { configId: "organization", references: "organization", allowedPermissions: { deploys: ["read"] } }]);
    const org = await t.createOrganization();
    const ops = (await t.api.createApiKey!({ body: { name: "ops", organizationId: org.id, permissions: { deploys: ["run"] } } })) as { id: string; key: string };
    registerCredential(ops.key);
    expect(await t.send("/api-key/roll", org.admin, { id: ops.id })).toMatchObject({ status: 403, body: { code: "INSUFFICIENT_PERMISSIONS" } });
    // Server code still rolls it.
    const byServer = (await t.api.rollApiKey!({ body: { id: ops.id } })) as { key: string };
    registerCredential(byServer.key);
  });
});
