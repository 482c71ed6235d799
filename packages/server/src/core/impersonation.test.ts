import { createTestAuth } from "@better-auth-tokens/test-utils";
import { createAuthMiddleware, getSessionFromCtx } from "better-auth/api";
import { admin, organization } from "better-auth/plugins";
import { describe, expect, it } from "vitest";
import { createToken } from "../../test/support/bearer";
import { apiKey } from "../api-key";
import { bearer } from "../bearer";

const orders = {
  "ours first": () => [apiKey({ organizationKeys: true }), bearer(), admin(), organization()],
  "Better Auth's first": () => [admin(), organization(), bearer(), apiKey({ organizationKeys: true })],
};

async function setup(order: keyof typeof orders, options: NonNullable<Parameters<typeof createTestAuth>[0]>["options"] = {}) {
  const t = createTestAuth({ plugins: orders[order](), options });
  const root = await t.signUp();
  const bob = await t.signUp();
  await (await t.auth.$context).internalAdapter.updateUser(root.user.id, { role: "admin" });
  const post = (path: string, credential: NonNullable<Parameters<typeof t.request>[1]>["credential"], body: unknown) =>
    t.request(path, { method: "POST", credential, body: JSON.stringify(body) });
  const bobsKey = (await (await post("/api-key/create", bob, { name: "bob's" })).json()) as { id: string; key: string };
  const bobsToken = await createToken(t, bob, { name: "bob's token" });
  const org = (await (await post("/organization/create", bob, { name: "Bob Inc", slug: "bob-inc" })).json()) as { id: string };
  const impersonating = await post("/admin/impersonate-user", root, { userId: bob.user.id });
  expect(impersonating.status).toBe(200);
  // The answer first clears the admin's cookies, then sets the impersonated session's: the last of each name counts.
  const cookies = new Map(impersonating.headers.getSetCookie().map((line) => line.split(";")[0]!.split("=") as [string, string]));
  const cookie = [...cookies].map(([name, value]) => `${name}=${value}`).join("; ");
  const impersonated = { headers: { cookie } };
  const asBearer = { bearer: impersonating.headers.get("set-auth-token")! };
  const { session } = (await impersonating.json()) as { session: { token: string } };
  return { t, root, bob, bobsKey, bobsToken, org, impersonated, asBearer, sessionToken: session.token, post };
}

describe.each(Object.keys(orders) as (keyof typeof orders)[])("an admin impersonating a user, %s", (order) => {
  it("cannot create or roll the user's keys and tokens: they would outlive the impersonation", async () => {
    const { t, bobsKey, bobsToken, org, impersonated, post } = await setup(order);
    const keysBefore = await t.rows("apikey");
    const session = await t.auth.api.getSession({ headers: new Headers(impersonated.headers) });
    expect(session?.session).toMatchObject({ impersonatedBy: expect.any(String) });

    for (const [path, body] of [
      ["/api-key/create", { name: "persist" }],
      ["/api-key/create", { name: "persist", organizationId: org.id }],
      ["/api-key/roll", { id: bobsKey.id }],
      ["/bearer/create-token", { name: "persist" }],
      ["/bearer/roll-token", { id: bobsToken.id }],
    ] as const) {
      const response = await post(path, impersonated, body);
      expect({ path, status: response.status, body: await response.json() }).toEqual({
        path,
        status: 403,
        body: expect.objectContaining({ code: "IMPERSONATED_SESSION" }),
      });
    }
    // A server call that forwards the impersonated request's headers is that request.
    await expect(t.auth.api.createApiKey({ headers: new Headers(impersonated.headers), body: { name: "via server" } })).rejects.toMatchObject({
      status: "FORBIDDEN",
      body: { code: "IMPERSONATED_SESSION" },
    });
    expect(await t.rows("apikey")).toEqual(keysBefore);
  });

  it("can still see, disable and revoke them, which gives nothing away", async () => {
    const { t, bob, bobsKey, bobsToken, impersonated, post } = await setup(order);
    expect((await t.request("/api-key/list", { credential: impersonated })).status).toBe(200);
    expect((await post("/api-key/update", impersonated, { id: bobsKey.id, enabled: false })).status).toBe(200);
    expect((await post("/api-key/revoke", impersonated, { id: bobsKey.id })).status).toBe(200);
    expect((await post("/bearer/revoke-token", impersonated, { id: bobsToken.id })).status).toBe(200);
    // The user, signed in as themselves, still creates keys.
    expect((await post("/api-key/create", bob, { name: "mine" })).status).toBe(200);
  });

  it.each([
    ["alone", undefined],
    ["after an app hook that read the session from the cookie cache", { before: createAuthMiddleware(async (ctx) => void (await getSessionFromCtx(ctx))) }],
  ])("reads the session row, %s, not a cached cookie that may hide impersonatedBy, and refuses without sliding its expiry", async (_case, hooks) => {
    const hidden = { session: { cookieCache: { enabled: true }, additionalFields: { impersonatedBy: { type: "string", required: false, returned: false } } } } as const;
    const { t, impersonated, asBearer, sessionToken, post } = await setup(order, { ...hidden, hooks });
    // Through Better Auth, which reads secondaryStorage where sessions live there.
    const context = await t.auth.$context;
    const expiryOf = async () => (await context.internalAdapter.findSession(sessionToken))!.session.expiresAt.getTime();
    const [keysBefore, expiresAt] = [await t.rows("apikey"), await expiryOf()];

    for (const credential of [impersonated, asBearer]) {
      const response = await post("/api-key/create", credential, { name: "persist" });
      expect({ status: response.status, code: ((await response.json()) as { code?: string }).code }).toEqual({ status: 403, code: "IMPERSONATED_SESSION" });
    }
    expect(await t.rows("apikey")).toEqual(keysBefore);
    // The impersonation stays as short as it was made: a refusal does not extend it.
    expect(await expiryOf()).toBe(expiresAt);
  });
});
