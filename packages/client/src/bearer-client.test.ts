import { bearer } from "@better-auth-tokens/server";
import { createTestAuth, TEST_BASE_URL } from "@better-auth-tokens/test-utils";
import { createAuthClient } from "better-auth/client";
import { describe, expect, it } from "vitest";
import { bearerClient } from "./bearer-client";

const PASSWORD = "correct-horse-battery";

function setup() {
  const t = createTestAuth({ plugins: [bearer()], clientPlugins: [bearerClient()] });
  /** A CLI's client: no cookie jar, the token passed with Better Fetch's `auth` option. */
  const cliClient = (token: () => string | undefined) =>
    createAuthClient({
      baseURL: TEST_BASE_URL,
      plugins: [bearerClient()],
      fetchOptions: { customFetchImpl: (input, init) => t.handler(new Request(input, init)), auth: { type: "Bearer", token } },
    });
  return { ...t, cliClient };
}

describe("bearerClient() through the real client", () => {
  it("creates a personal token, uses it with fetchOptions.auth, lists it as used and revokes it", async () => {
    const t = setup();
    const alice = await t.signUp();
    const client = t.client(alice);

    const created = await client.bearer.createToken({ name: "My API Key", expiresIn: 60 * 60 * 24 * 30 });
    expect(created.error).toBeNull();
    const { id, token } = created.data!;
    expect(token.startsWith("bat_")).toBe(true);

    const cli = t.cliClient(() => token);
    expect((await cli.getSession()).data?.user.id).toBe(alice.user.id);

    // lastUsedAt is written in the background; poll the list rather than sleep a fixed time.
    await expect
      .poll(async () => (await client.bearer.listTokens()).data?.tokens[0]?.lastUsedAt ?? null)
      .toBeInstanceOf(Date);
    const listed = await client.bearer.listTokens();
    expect(listed.data?.tokens.map((item) => ({ id: item.id, name: item.name }))).toEqual([{ id, name: "My API Key" }]);

    expect((await client.bearer.revokeToken({ id })).data).toEqual({ id, revoked: true });
    expect((await cli.getSession()).data).toBeNull();
    expect((await client.bearer.listTokens()).data).toEqual({ tokens: [], total: 0, limit: null, offset: 0 });
  });

  it("logs in, refreshes and logs out a session token", async () => {
    const t = setup();
    const alice = await t.signUp();
    let token: string | undefined;
    const cli = t.cliClient(() => token);

    const login = await cli.bearer.login({ email: alice.user.email, password: PASSWORD });
    expect(login.error).toBeNull();
    expect(login.data!.user.id).toBe(alice.user.id);
    token = login.data!.token;
    expect((await cli.getSession()).data?.user.id).toBe(alice.user.id);

    const old = token;
    const refreshed = await cli.bearer.refresh();
    expect(refreshed.error).toBeNull();
    token = refreshed.data!.token;
    expect(token).not.toBe(old);
    expect((await cli.getSession()).data?.user.id).toBe(alice.user.id);
    const withOld = await cli.getSession({ fetchOptions: { auth: { type: "Bearer", token: old } } });
    expect(withOld.data).toBeNull();

    expect((await cli.bearer.logout()).data).toEqual({ success: true });
    expect((await cli.getSession()).data).toBeNull();
    expect((await cli.bearer.refresh()).error).toMatchObject({ status: 401, code: "UNAUTHORIZED" });
  });

  it("returns { data: null, error } with stable codes instead of throwing", async () => {
    const t = setup();
    const alice = await t.signUp();
    const anonymous = await t.client().bearer.listTokens();
    expect(anonymous).toMatchObject({ data: null, error: { status: 401, code: "UNAUTHORIZED" } });

    const wrong = await t.client().bearer.login({ email: alice.user.email, password: "not-the-password" });
    expect(wrong).toMatchObject({ data: null, error: { status: 401, code: "INVALID_EMAIL_OR_PASSWORD" } });

    const missing = await t.client(alice).bearer.revokeToken({ id: "no-such-token" });
    expect(missing).toMatchObject({ data: null, error: { status: 404, code: "NOT_FOUND" } });
  });
});
