import type { SignedUpUser } from "@better-auth-tokens/test-utils";
import { afterEach, describe, expect, it, vi } from "vitest";
import { setupBearer, type ListedToken } from "../../test/support/bearer";
import { bearer, type BearerOptions } from "./index";

const DAY = 24 * 3600;

afterEach(() => {
  vi.useRealTimers();
});

describe("bearer(): personal tokens end to end", () => {
  it("creates a token, calls a protected route with it, lists it as used, revokes it, then gets 401", async () => {
    const t = setupBearer();
    const alice = await t.signUp();
    const client = t.client(alice);

    // createToken throws unless the answer is a success.
    const created = await t.createToken(alice, { name: "My API Key", expiresIn: 30 * DAY });
    expect(Object.keys(created).sort()).toEqual(["allowedIps", "createdAt", "expiresAt", "id", "lastRefillAt", "name", "refillAmount", "refillInterval", "remaining", "token"]);
    // The client parses ISO dates, so the shared CreatedToken/ListedToken types say Date.
    expect(created.createdAt).toBeInstanceOf(Date);
    expect(created.expiresAt).toBeInstanceOf(Date);
    expect(created.token).toMatch(/^bat_[0-9A-Za-z]{38}$/);
    expect(created.expiresAt!.getTime() - Date.now()).toBeGreaterThan(30 * DAY * 1000 - 60_000);

    const used = await t.protectedRoute({ authorization: `Bearer ${created.token}` });
    expect(used.status).toBe(200);
    expect(used.session?.user.id).toBe(alice.user.id);
    expect(used.session?.session).toMatchObject({ authMethod: "personal-token", credentialId: created.id });
    expect(JSON.stringify(used.session)).not.toContain(created.token);
    await t.settle();

    const tokens = (await client.$fetch<{ tokens: ListedToken[] }>("/bearer/list-tokens")).data?.tokens;
    expect(tokens).toHaveLength(1);
    expect(Object.keys(tokens![0]!).sort()).toEqual([
      "allowedIps",
      "createdAt",
      "enabled",
      "expiresAt",
      "id",
      "lastRefillAt",
      "lastUsedAt",
      "lastUsedIp",
      "lastUsedUserAgent",
      "name",
      "previousSecretExpiresAt",
      "refillAmount",
      "refillInterval",
      "remaining",
    ]);
    expect(tokens![0]).toMatchObject({ id: created.id, name: "My API Key" });
    expect(tokens![0]!.lastUsedAt).not.toBeNull();
    expect(tokens![0]!.lastUsedAt).toBeInstanceOf(Date);

    const { data: revoked } = await client.$fetch("/bearer/revoke-token", { method: "POST", body: { id: created.id } });
    expect(revoked).toEqual({ id: created.id, revoked: true });
    expect((await t.protectedRoute({ authorization: `Bearer ${created.token}` })).status).toBe(401);
    expect((await client.$fetch<{ tokens: ListedToken[] }>("/bearer/list-tokens")).data?.tokens).toEqual([]);
  });

  it("expires tokens after defaultExpiresIn (30 days) unless told otherwise", async () => {
    const t = setupBearer();
    const alice = await t.signUp();
    const created = await t.createToken(alice, { name: "default expiry" });
    const lifetime = created.expiresAt!.getTime() - created.createdAt.getTime();
    expect(Math.abs(lifetime - 30 * DAY * 1000)).toBeLessThan(1000);

    expect((await t.protectedRoute({ authorization: `Bearer ${created.token}` })).status).toBe(200);
    vi.useFakeTimers({ toFake: ["Date"], now: Date.now() + 30 * DAY * 1000 + 1000 });
    expect((await t.protectedRoute({ authorization: `Bearer ${created.token}` })).status).toBe(401);
  });

  it("revokes with DELETE too, and answers 404 for another user's token without touching it", async () => {
    const t = setupBearer();
    const alice = await t.signUp();
    const bob = await t.signUp();
    const bobs = await t.createToken(bob, { name: "bob's" });

    const { error } = await t.client(alice).$fetch("/bearer/revoke-token", { method: "DELETE", body: { id: bobs.id } });
    expect(error).toMatchObject({ status: 404, code: "NOT_FOUND" });
    expect((await t.protectedRoute({ authorization: `Bearer ${bobs.token}` })).status).toBe(200);

    const { data } = await t.client(bob).$fetch("/bearer/revoke-token", { method: "DELETE", body: { id: bobs.id } });
    expect(data).toEqual({ id: bobs.id, revoked: true });
    expect((await t.protectedRoute({ authorization: `Bearer ${bobs.token}` })).status).toBe(401);
  });

  it("does not accept a personal token from X-API-Key: personal tokens are Bearer only", async () => {
    const t = setupBearer();
    const alice = await t.signUp();
    const { token } = await t.createToken(alice, { name: "cli" });
    expect((await t.protectedRoute({ "x-api-key": token })).status).toBe(401);
  });

  it("refuses to mint a token with a personal token, so a leaked one cannot replace itself", async () => {
    const t = setupBearer();
    const alice = await t.signUp();
    const { token } = await t.createToken(alice, { name: "cli" });
    const { error } = await t.client({ bearer: token }).$fetch("/bearer/create-token", {
      method: "POST",
      body: { name: "escalate" },
    });
    expect(error).toMatchObject({ status: 403, code: "CREDENTIAL_NOT_ALLOWED" });
  });

  it("deletes a user's tokens with the user, leaving no row, though the table has no foreign key", async () => {
    const t = setupBearer();
    const alice = await t.signUp();
    const bob = await t.signUp();
    const token = await t.createToken(alice);
    await t.createToken(bob);
    const context = await t.auth.$context;
    await context.internalAdapter.deleteUser(alice.user.id);
    expect((await t.protectedRoute({ authorization: `Bearer ${token.token}` })).status).toBe(401);
    const rows = await t.rows("apikey");
    expect(rows.filter((row) => row.referenceId === alice.user.id)).toHaveLength(0);
    expect(rows.filter((row) => row.referenceId === bob.user.id)).toHaveLength(1);
  });

  it("lets server code create a token for a user with auth.api.createPersonalToken", async () => {
    const t = setupBearer();
    const alice = await t.signUp();
    const created = await t.auth.api.createPersonalToken({ body: { name: "provisioned", userId: alice.user.id } });
    expect(created.token.startsWith("bat_")).toBe(true);
    expect((await t.protectedRoute({ authorization: `Bearer ${created.token}` })).session?.user.id).toBe(alice.user.id);
  });
});

describe("bearer(): maxTokensPerUser", () => {
  it("refuses the create past the cap with 403 MAX_TOKENS_REACHED", async () => {
    const t = setupBearer({ maxTokensPerUser: 2 });
    const client = t.client(await t.signUp());
    const create = (name: string) => client.$fetch("/bearer/create-token", { method: "POST", body: { name } });
    expect((await create("one")).error).toBeNull();
    expect((await create("two")).error).toBeNull();
    expect((await create("three")).error).toMatchObject({ status: 403, code: "MAX_TOKENS_REACHED" });
  });

  it("holds exactly at the cap under 30 parallel creates", async () => {
    const t = setupBearer({ maxTokensPerUser: 10 });
    const alice = await t.signUp();
    const client = t.client(alice);
    const results = await Promise.all(
      Array.from({ length: 30 }, (_, i) => client.$fetch("/bearer/create-token", { method: "POST", body: { name: `t${i}` } })),
    );
    expect(results.filter((result) => result.error === null)).toHaveLength(10);
    expect(results.filter((result) => result.error?.status === 403)).toHaveLength(20);
    expect((await client.$fetch<{ tokens: ListedToken[] }>("/bearer/list-tokens")).data?.tokens).toHaveLength(10);
  });
});

describe("bearer(): options fail at startup", () => {
  it.each<[BearerOptions, RegExp]>([
    [{ tokenPrefix: "bat" }, /"tokenPrefix"/],
    [{ length: 8 }, /"length"/],
    [{ maxTokensPerUser: 0 }, /"maxTokensPerUser"/],
    [{ defaultExpiresIn: null, allowNoExpiry: false }, /"allowNoExpiry"/],
    [{ defaultExpiresIn: null, maxExpiresIn: 90 * DAY }, /"defaultExpiresIn" is null \(never\) but "maxExpiresIn" is set/],
    // The default of 30 days above the maximum: every create without `expiresIn` would answer 400.
    [{ maxExpiresIn: 7 * DAY }, /the default "defaultExpiresIn" \(2592000, not set\) must lie within/],
    [{ minExpiresIn: 60 * DAY }, /the default "defaultExpiresIn" \(2592000, not set\) must lie within/],
    [{ signInCode: { expiresIn: 3600 } }, /"signInCode.expiresIn"/],
  ])("refuses %j", (options, message) => {
    expect(() => bearer(options)).toThrow(message);
  });
});

describe("bearer(): expiry policy", () => {
  // Raw responses, not createToken: the refusal's status and code are what is checked.
  const requestForever = (t: ReturnType<typeof setupBearer>, credential: SignedUpUser) =>
    t.request("/bearer/create-token", { method: "POST", credential, body: JSON.stringify({ name: "forever", expiresIn: null }) });
  // Raw JSON: dates are ISO strings here, unlike the client's parsed CreatedToken.
  const expiresAtOf = async (response: Response) => ((await response.json()) as { expiresAt: string | null }).expiresAt;

  it("refuses expiresIn: null when maxExpiresIn is set, unless allowNoExpiry is set explicitly", async () => {
    const bounded = setupBearer({ maxExpiresIn: 90 * DAY });
    const alice = await bounded.signUp();
    const rowsBefore = (await bounded.rows("apikey")).length;
    const refused = await requestForever(bounded, alice);
    expect(refused.status).toBe(400);
    expect(await refused.json()).toMatchObject({ code: "NO_EXPIRY_NOT_ALLOWED" });
    expect(await bounded.rows("apikey")).toHaveLength(rowsBefore);

    const open = setupBearer();
    const unbounded = await requestForever(open, await open.signUp());
    expect(unbounded.status).toBe(200);
    expect(await expiresAtOf(unbounded)).toBeNull();

    const optedIn = setupBearer({ maxExpiresIn: 90 * DAY, allowNoExpiry: true });
    const allowed = await requestForever(optedIn, await optedIn.signUp());
    expect(allowed.status).toBe(200);
    expect(await expiresAtOf(allowed)).toBeNull();
  });
});
