import { createProtectedRoute, createTestAuth, recordSaid, registerSecret, type SignedUpUser } from "@better-auth-tokens/test-utils";
import { admin } from "better-auth/plugins";
import { describe, expect, it, vi } from "vitest";
import { apiKey } from "../src/api-key";
import { bearer } from "../src/bearer";
import type { ChangedColumn, CredentialEvent, CredentialEventActor } from "../src/index";
import { createVerifier } from "../src/verifier";
import { resolveApiKeyOptions } from "../src/api-key/resolve-options";
import { createToken } from "./support/bearer";
import { setupOrganizationKeys } from "./support/organizations";

/** What a browser or an API client sends besides its credential: events must report both. */
const CLIENT = { "user-agent": "events-test/1.0", "x-forwarded-for": "203.0.113.7" };
const FROM_CLIENT = { ipAddress: "203.0.113.7", userAgent: "events-test/1.0", timestamp: expect.any(Date) };

/**
 * Collects events; each payload goes to the secret sink too, so the file's final check proves
 * that no key, hash or auth secret ever reached an event.
 */
function eventLog() {
  const events: CredentialEvent[] = [];
  const onEvent = (event: CredentialEvent) => {
    recordSaid(`event ${event.type}`, JSON.stringify(event));
    events.push(event);
  };
  const ofType = <T extends CredentialEvent["type"]>(type: T) => events.filter((event) => event.type === type) as Extract<CredentialEvent, { type: T }>[];
  /** The events of `type` once `count` of them arrived (delivery is deferred by design). */
  const wait = <T extends CredentialEvent["type"]>(type: T, count = 1) =>
    vi.waitFor(() => {
      expect(ofType(type).length).toBeGreaterThanOrEqual(count);
      return ofType(type);
    }, DELIVERY);
  return { events, onEvent, ofType, wait };
}

/**
 * How long a deferred delivery may take to arrive. "first-used" follows a background write, which
 * on MySQL during a full parallel run has taken over vi.waitFor's default second, and on a loaded
 * CI machine over five seconds on PostgreSQL.
 */
const DELIVERY = { timeout: 15_000 };

/** Lets deferred deliveries and background writes land, to prove that nothing more arrives. */
const settle = () => new Promise((resolve) => setTimeout(resolve, 50));

async function createKey(t: Pick<ReturnType<typeof createTestAuth>, "request">, user: SignedUpUser, body: Record<string, unknown> = { name: "ci" }) {
  const response = await t.request("/api-key/create", { method: "POST", credential: user, headers: CLIENT, body: JSON.stringify(body) });
  expect(response.status).toBe(200);
  return (await response.json()) as { id: string; key: string };
}

describe("API key events", () => {
  it("reports create, first use (once across two instances), update, refusal and revoke, with who, from where", async () => {
    const log = eventLog();
    // Every use would write lastUsedAt: only the compare-and-set keeps first-used to one.
    const plugins = () => [apiKey({ onEvent: log.onEvent, lastUsedUpdateInterval: 0, defaultPermissions: ["read"] })];
    const a = createTestAuth({ plugins: plugins() });
    const b = createTestAuth({ shareStorageWith: a, plugins: plugins() });
    const alice = await a.signUp();
    const { id, key } = await createKey(a, alice);
    const owner = { type: "user", id: alice.user.id };
    const common = { credentialId: id, kind: "api-key", configId: "default", owner, ...FROM_CLIENT };

    expect((await log.wait("created"))[0]).toEqual({ type: "created", actor: { type: "user", userId: alice.user.id }, ...common });

    const headers = { "x-api-key": key, ...CLIENT };
    const routes = [createProtectedRoute(a.auth), createProtectedRoute(b.auth)];
    const statuses = await Promise.all(Array.from({ length: 10 }, (_, index) => routes[index % 2]!(headers).then((answer) => answer.status)));
    expect(statuses).toEqual(Array(10).fill(200));
    expect((await log.wait("first-used"))[0]).toEqual({ type: "first-used", ...common });
    await settle();
    expect(log.ofType("first-used")).toHaveLength(1);

    const verifier = createVerifier(a.auth);
    expect(await verifier.authenticate(headers, { permissions: ["write"] })).toMatchObject({ ok: false, code: "INSUFFICIENT_PERMISSIONS" });
    expect((await log.wait("rejected"))[0]).toEqual({ type: "rejected", reason: "insufficient-permissions", ...common });

    const update = await a.request("/api-key/update", { method: "POST", credential: alice, headers: CLIENT, body: JSON.stringify({ id, enabled: false }) });
    expect(update.status).toBe(200);
    expect((await log.wait("updated"))[0]).toEqual({ type: "updated", actor: { type: "user", userId: alice.user.id }, changed: ["enabled"], ...common });
    expect((await routes[0]!(headers)).status).toBe(401);
    expect((await log.wait("rejected", 2))[1]).toEqual({ type: "rejected", reason: "disabled", ...common });

    const revoke = await a.request("/api-key/revoke", { method: "POST", credential: alice, headers: CLIENT, body: JSON.stringify({ id }) });
    expect(revoke.status).toBe(200);
    expect((await log.wait("revoked"))[0]).toEqual({ type: "revoked", actor: { type: "user", userId: alice.user.id }, ...common });

    // A key that no longer exists has no id to report: refused, and silent.
    expect((await routes[0]!(headers)).status).toBe(401);
    await settle();
    expect(log.ofType("rejected")).toHaveLength(2);
  });

  it("names the server as the actor of a server-side create, with no request to report", async () => {
    const log = eventLog();
    const t = createTestAuth({ plugins: [apiKey({ onEvent: log.onEvent })] });
    const bob = await t.signUp();
    const created = await t.auth.api.createApiKey({ body: { name: "provisioned", userId: bob.user.id } });
    expect((await log.wait("created"))[0]).toEqual({
      type: "created",
      credentialId: created.id,
      kind: "api-key",
      configId: "default",
      owner: { type: "user", id: bob.user.id },
      actor: { type: "server" },
      ipAddress: null,
      userAgent: null,
      timestamp: expect.any(Date),
    });
  });

  it("names every column an update wrote: a quota writes its four together", async () => {
    const log = eventLog();
    const t = createTestAuth({ plugins: [apiKey({ onEvent: log.onEvent })] });
    const bob = await t.signUp();
    const created = await t.auth.api.createApiKey({ body: { name: "metered", userId: bob.user.id } });
    await t.auth.api.updateApiKey({ body: { id: created.id, remaining: 5, name: "metered, renamed" } });
    const [updated] = await log.wait("updated");
    // Typed as the event's own field: the quota's columns are names `changed` may hold.
    const changed: ChangedColumn[] = ["name", "remaining", "refillAmount", "refillInterval", "lastRefillAt"];
    expect(updated!.changed.toSorted()).toEqual(changed.toSorted());
  });
});

describe("organization key events", () => {
  it("name the organization as owner and the member who acted", async () => {
    const log = eventLog();
    const s = setupOrganizationKeys([
      { configId: "default", references: "user" },
      { configId: "organization", references: "organization", onEvent: log.onEvent },
    ]);
    const organization = await s.createOrganization();
    const created = await s.createOrganizationKey(organization.admin, organization.id);
    expect((await log.wait("created"))[0]).toMatchObject({
      credentialId: created.id,
      configId: "organization",
      owner: { type: "organization", id: organization.id },
      actor: { type: "user", userId: organization.admin.user.id },
    });
  });

  it("report each key an organization's deletion revokes, naming the member who deleted it", async () => {
    const log = eventLog();
    const s = setupOrganizationKeys([
      { configId: "default", references: "user", onEvent: log.onEvent },
      { configId: "organization", references: "organization", onEvent: log.onEvent },
    ]);
    const organization = await s.createOrganization();
    const kept = await s.createOrganization();
    const doomed = [await s.createOrganizationKey(organization.owner, organization.id), await s.createOrganizationKey(organization.admin, organization.id)];
    await s.createOrganizationKey(kept.owner, kept.id);
    const deleted = await s.request("/organization/delete", {
      method: "POST",
      credential: organization.owner,
      headers: CLIENT,
      body: JSON.stringify({ organizationId: organization.id }),
    });
    expect(deleted.status).toBe(200);
    const revoked = await log.wait("revoked", 2);
    const byId = (a: { credentialId: string }, b: { credentialId: string }) => (a.credentialId < b.credentialId ? -1 : 1);
    expect(revoked.toSorted(byId)).toEqual(
      doomed
        .map((key) => ({ credentialId: key.id }))
        .toSorted(byId)
        .map(({ credentialId }) => ({
          type: "revoked",
          credentialId,
          kind: "api-key",
          configId: "organization",
          owner: { type: "organization", id: organization.id },
          actor: { type: "user", userId: organization.owner.user.id },
          ...FROM_CLIENT,
        })),
    );
    // A refused deletion revokes nothing, and says nothing.
    expect((await s.send("/organization/delete", kept.admin, { organizationId: kept.id })).status).toBe(403);
    await settle();
    expect(log.ofType("revoked")).toHaveLength(2);
  });

  it("name the organization as stored when its deletion spelled the id otherwise", async () => {
    // MySQL's usual collations find the organization, its members and its keys by an id in
    // another case: the events must still name the organization as it is.
    const log = eventLog();
    const s = setupOrganizationKeys([
      { configId: "default", references: "user" },
      { configId: "organization", references: "organization", onEvent: log.onEvent },
    ]);
    const organization = await s.createOrganization();
    const key = await s.createOrganizationKey(organization.owner, organization.id);
    const deleted = await s.send("/organization/delete", organization.owner, { organizationId: organization.id.toUpperCase() });
    await settle();
    const revoked = deleted.status === 200 ? await log.wait("revoked") : log.ofType("revoked");
    expect(revoked.map((event) => [event.credentialId, event.owner])).toEqual(
      deleted.status === 200 ? [[key.id, { type: "organization", id: organization.id }]] : [],
    );
    expect((await s.rows("apikey")).map((row) => row.id)).toEqual(deleted.status === 200 ? [] : [key.id]);
  });

  it("report to the users' onEvent with organizationKeys, and a handler must be a function", () => {
    const onEvent = () => {};
    const { configurations } = resolveApiKeyOptions({ onEvent, organizationKeys: true });
    expect(configurations.map((configuration) => configuration.config.onEvent)).toEqual([onEvent, onEvent]);
    expect(() => apiKey({ onEvent: "console" as never })).toThrow('"onEvent" must be a function; got string');
  });
});

describe("personal token events", () => {
  it("reports each reason a token that exists is refused", async () => {
    const log = eventLog();
    // No cache: each step below changes the row directly and must be read by the next request.
    const t = createTestAuth({ plugins: [admin(), bearer({ onEvent: log.onEvent, cache: false, rateLimit: { max: 3, window: 60 } })] });
    const alice = await t.signUp();
    const token = await createToken(t, alice, { name: "cli" });
    const context = await t.auth.$context;
    const setRow = (update: Record<string, unknown>) => context.adapter.update({ model: "apikey", where: [{ field: "id", value: token.id }], update });
    const route = createProtectedRoute(t.auth);
    const use = async () => (await route({ authorization: `Bearer ${token.token}`, ...CLIENT })).status;
    const common = { credentialId: token.id, kind: "personal-token", configId: "personal-token", owner: { type: "user", id: alice.user.id } };

    expect((await log.wait("created"))[0]).toMatchObject({ actor: { type: "user", userId: alice.user.id }, ...common });
    expect(await use()).toBe(200);
    expect((await log.wait("first-used"))[0]).toEqual({ type: "first-used", ...common, ...FROM_CLIENT });

    // getSession answers a spent quota and a rate limit with 429, every other refusal with no
    // session: 401 from the route.
    await setRow({ remaining: 0 });
    expect(await use()).toBe(429);
    await setRow({ remaining: null, expiresAt: new Date(Date.now() - 1000) });
    expect(await use()).toBe(401);
    await setRow({ expiresAt: null });
    await context.internalAdapter.updateUser(alice.user.id, { banned: true });
    expect(await use()).toBe(401);
    await context.internalAdapter.updateUser(alice.user.id, { banned: false });
    expect(await use()).toBe(200);
    expect(await use()).toBe(429);

    const rejected = await log.wait("rejected", 4);
    expect(rejected.map((event) => event.reason)).toEqual(["usage-exceeded", "expired", "banned-user", "rate-limited"]);
    for (const event of rejected) expect(event).toMatchObject({ ...common, ...FROM_CLIENT });

    const revoke = await t.request("/bearer/revoke-token", { method: "POST", credential: alice, body: JSON.stringify({ id: token.id }) });
    expect(revoke.status).toBe(200);
    expect((await log.wait("revoked"))[0]).toMatchObject({ actor: { type: "user", userId: alice.user.id }, ...common });
  });
});

describe("a handler off the response path", () => {
  it("that throws fails no request, and only its error's class is logged", async () => {
    const marker = "handler-message-that-must-not-be-logged";
    registerSecret(marker);
    let calls = 0;
    const onEvent = (event: CredentialEvent) => {
      calls += 1;
      if (event.type === "created") throw new Error(marker);
      return Promise.reject(new TypeError(marker));
    };
    const t = createTestAuth({ plugins: [apiKey({ onEvent })] });
    const alice = await t.signUp();
    const { key } = await createKey(t, alice);
    expect((await createProtectedRoute(t.auth)({ "x-api-key": key })).status).toBe(200);
    await vi.waitFor(() => expect(calls).toBe(2), DELIVERY);
    await settle();
    const lines = t.logs.filter((line) => line.includes("event"));
    expect(lines.map((line) => line.trim())).toEqual([
      '[error] Credential event handler failed on a "created" event: Error',
      '[error] Credential event handler failed on a "first-used" event: TypeError',
    ]);
  });

  it("that never settles delays no response", async () => {
    let calls = 0;
    const onEvent = () => {
      calls += 1;
      return new Promise<void>(() => {});
    };
    const t = createTestAuth({ plugins: [apiKey({ onEvent })] });
    const alice = await t.signUp();
    // Each answer arrives although every handler call before it is still pending (forever).
    const { id, key } = await createKey(t, alice);
    expect((await createProtectedRoute(t.auth)({ "x-api-key": key })).status).toBe(200);
    const revoke = await t.request("/api-key/revoke", { method: "POST", credential: alice, body: JSON.stringify({ id }) });
    expect(revoke.status).toBe(200);
    await vi.waitFor(() => expect(calls).toBe(3), DELIVERY);
  });
});

describe("rolled events", () => {
  it("reports a roll with who did it: the owner, or server code", async () => {
    const log = eventLog();
    const t = createTestAuth({ plugins: [apiKey({ onEvent: log.onEvent }), bearer({ onEvent: log.onEvent })] });
    const alice = await t.signUp();
    const { id } = await createKey(t, alice);
    const rolled = await t.request("/api-key/roll", { method: "POST", credential: alice, headers: CLIENT, body: JSON.stringify({ id, gracePeriod: 0 }) });
    expect(rolled.status).toBe(200);
    const owner = { type: "user", id: alice.user.id };
    expect((await log.wait("rolled"))[0]).toEqual({
      type: "rolled",
      credentialId: id,
      kind: "api-key",
      configId: "default",
      owner,
      actor: { type: "user", userId: alice.user.id },
      ...FROM_CLIENT,
    });
    const token = await createToken(t, alice);
    await t.auth.api.rollPersonalToken({ body: { id: token.id } });
    const [, byServer] = await log.wait("rolled", 2);
    expect(byServer).toMatchObject({ credentialId: token.id, kind: "personal-token", owner, actor: { type: "server" }, ipAddress: null });
  });
});

describe("revoked by secret scanning", () => {
  it("names secret scanning as the actor when a leaked key is revoked by value, and says nothing of unknown ones", async () => {
    const log = eventLog();
    const t = createTestAuth({ plugins: [apiKey({ onEvent: log.onEvent })] });
    const alice = await t.signUp();
    const { id, key } = await createKey(t, alice);
    expect(await t.auth.api.revokeCredentialByValue({ body: { key } })).toEqual({ revoked: true });
    expect(await t.auth.api.revokeCredentialByValue({ body: { key: `${key.slice(0, -4)}AAAA` } })).toEqual({ revoked: true });
    await settle();
    expect(log.ofType("revoked")).toEqual([
      expect.objectContaining({ credentialId: id, owner: { type: "user", id: alice.user.id }, actor: { type: "secret-scanning" }, ipAddress: null }),
    ]);
  });
});

describe("a user's deletion", () => {
  /**
   * Alice with two API keys and a personal token, Bob with a key of his own, and an admin. Where
   * the table has a foreign key to `user.id`, the database deletes Alice's rows with her.
   */
  async function setupOwners(options: { refuseDeletion?: () => boolean } = {}) {
    const log = eventLog();
    const t = createTestAuth({
      plugins: [admin(), apiKey({ onEvent: log.onEvent }), bearer({ onEvent: log.onEvent })],
      options: {
        user: { deleteUser: { enabled: true } },
        databaseHooks: { user: { delete: { before: async () => (options.refuseDeletion?.() ? false : undefined) } } },
      },
    });
    const context = await t.auth.$context;
    const moderator = await t.signUp();
    await context.internalAdapter.updateUser(moderator.user.id, { role: "admin" });
    const alice = await t.signUp();
    const bob = await t.signUp();
    const keys = [await createKey(t, alice), await createKey(t, alice, { name: "second" })];
    const token = await createToken(t, alice, { name: "cli" });
    const kept = await createKey(t, bob);
    await log.wait("created", 4);
    const owner = { type: "user", id: alice.user.id };
    /** The revoked events Alice's deletion must send, each naming `actor` and where the request came from. */
    const expected = (actor: CredentialEventActor, from: object) =>
      [
        ...keys.map((key) => ({ credentialId: key.id, kind: "api-key", configId: "default" })),
        { credentialId: token.id, kind: "personal-token", configId: "personal-token" },
      ]
        .map((credential) => ({ type: "revoked", ...credential, owner, actor, ...from }))
        .toSorted(byCredential);
    /** Every revoked event, once the deletion's have arrived and nothing more can. */
    const revoked = async () => {
      await log.wait("revoked", 3);
      await settle();
      return log.ofType("revoked").toSorted(byCredential);
    };
    const remaining = async () => (await t.rows("apikey")).map((row) => row.id);
    return { t, context, log, moderator, alice, kept, expected, revoked, remaining };
  }
  const byCredential = (a: { credentialId: string }, b: { credentialId: string }) => a.credentialId.localeCompare(b.credentialId);

  it("reports each credential of a user who deleted themself, by that user, from their request", async () => {
    const s = await setupOwners();
    const deleted = await s.t.request("/delete-user", { method: "POST", credential: s.alice, headers: CLIENT, body: JSON.stringify({}) });
    expect(deleted.status).toBe(200);
    expect(await s.revoked()).toEqual(s.expected({ type: "user", userId: s.alice.user.id }, FROM_CLIENT));
    expect(await s.remaining()).toEqual([s.kept.id]);
  });

  it("reports each credential of a user an admin removed, by the admin", async () => {
    const s = await setupOwners();
    const removed = await s.t.request("/admin/remove-user", { method: "POST", credential: s.moderator, headers: CLIENT, body: JSON.stringify({ userId: s.alice.user.id }) });
    expect(removed.status).toBe(200);
    expect(await s.revoked()).toEqual(s.expected({ type: "user", userId: s.moderator.user.id }, FROM_CLIENT));
    expect(await s.remaining()).toEqual([s.kept.id]);
  });

  it("reports each credential of a user deleted by server code, by the server, and nothing while a deletion is refused", async () => {
    let refuse = true;
    const s = await setupOwners({ refuseDeletion: () => refuse });
    await s.context.internalAdapter.deleteUser(s.alice.user.id);
    expect(await s.context.internalAdapter.findUserById(s.alice.user.id)).not.toBeNull();
    await settle();
    expect(s.log.ofType("revoked")).toEqual([]);
    expect(await s.remaining()).toHaveLength(4);
    refuse = false;
    await s.context.internalAdapter.deleteUser(s.alice.user.id);
    expect(await s.revoked()).toEqual(s.expected({ type: "server" }, { ipAddress: null, userAgent: null, timestamp: expect.any(Date) }));
    expect(await s.remaining()).toEqual([s.kept.id]);
  });

  it("reports every credential of a user with more than a page of 100, also where the database deletes them with the user", async () => {
    const log = eventLog();
    // apiKey() alone gives the table a foreign key to user.id with ON DELETE CASCADE (on SQL
    // databases): the ids must be read before the deletion.
    const t = createTestAuth({ plugins: [apiKey({ onEvent: log.onEvent, maxKeysPerUser: 200 })] });
    const alice = await t.signUp();
    const ids: string[] = [];
    for (let index = 0; index < 105; index += 1) ids.push((await t.auth.api.createApiKey({ body: { userId: alice.user.id, name: `k${index}` } })).id);
    await (await t.auth.$context).internalAdapter.deleteUser(alice.user.id);
    const revoked = await log.wait("revoked", 105);
    await settle();
    expect(log.ofType("revoked").map((event) => event.credentialId).toSorted()).toEqual(ids.toSorted());
    expect(revoked.every((event) => event.actor.type === "server")).toBe(true);
  });
});
