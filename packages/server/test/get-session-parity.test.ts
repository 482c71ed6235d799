import { createTestAuth, type SignedUpUser } from "@better-auth-tokens/test-utils";
import type { BetterAuthPlugin } from "better-auth";
import { createAuthMiddleware } from "better-auth/api";
import { customSession, jwt } from "better-auth/plugins";
import { describe, expect, it } from "vitest";
import { apiKey } from "../src/api-key";
import { bearer } from "../src/bearer";
import { createToken } from "./support/bearer";

/** What an app adds to every session; it must reach credential sessions too. */
const addPlan = customSession(async ({ user, session }) => ({ user, session, plan: `pro:${user.id}` }));

/** Another plugin's after-hook: it must see a credential's session, wherever it is listed. */
const audit = {
  id: "audit",
  hooks: {
    after: [
      {
        matcher: (ctx: { path?: string }) => ctx.path === "/get-session",
        handler: createAuthMiddleware(async (ctx) => {
          if (ctx.context.session) ctx.setHeader("x-plugin-after-hook", ctx.context.session.user.id);
        }),
      },
    ],
  },
} satisfies BetterAuthPlugin;

const ORDERS: [string, () => BetterAuthPlugin[]][] = [
  ["Better Auth's plugins first", () => [jwt(), addPlan, audit, apiKey(), bearer()]],
  ["ours first", () => [apiKey(), bearer(), jwt(), addPlan, audit]],
];

async function setup(plugins: BetterAuthPlugin[]) {
  const t = createTestAuth({
    plugins,
    options: {
      user: { additionalFields: { internalNote: { type: "string", required: false, input: false, returned: false } } },
      // The app's own after-hook: it must see a credential's session as it sees a cookie's.
      hooks: {
        after: createAuthMiddleware(async (ctx) => {
          if (ctx.path === "/get-session" && ctx.context.session) ctx.setHeader("x-app-after-hook", ctx.context.session.user.id);
        }),
      },
    },
  });
  const alice = await t.signUp();
  const context = await t.auth.$context;
  await context.internalAdapter.updateUser(alice.user.id, { internalNote: "flagged by support" });
  const client = t.client(alice);
  const { data: key } = await client.$fetch<{ key: string }>("/api-key/create", { method: "POST", body: { name: "k" } });
  const { token } = await createToken(t, alice, { name: "t" });
  return { t, alice, key: key!.key, token };
}

async function getSession(t: Awaited<ReturnType<typeof setup>>["t"], headers: Record<string, string>) {
  const response = await t.request("/get-session", { headers });
  return { response, body: (await response.json()) as Record<string, Record<string, unknown> | string> | null };
}

function cookieOf(user: SignedUpUser) {
  return { cookie: user.headers.get("cookie")! };
}

describe.each(ORDERS)("/get-session with a credential answers like a cookie session (%s)", (_, plugins) => {
  it("hides returned: false fields, applies customSession, runs after-hooks and sets no-store", async () => {
    const s = await setup(plugins());
    const byCookie = await getSession(s.t, cookieOf(s.alice));
    expect(byCookie.body).toMatchObject({ plan: `pro:${s.alice.user.id}` });
    expect(byCookie.response.headers.get("set-auth-jwt")).toMatch(/^ey/);

    for (const headers of [{ "x-api-key": s.key }, { authorization: `Bearer ${s.key}` }, { authorization: `Bearer ${s.token}` }]) {
      const { response, body } = await getSession(s.t, headers);
      expect(response.status).toBe(200);
      expect(body).toMatchObject({ plan: `pro:${s.alice.user.id}`, user: { id: s.alice.user.id } });
      expect(Object.keys(body!.user as object).sort()).toEqual(Object.keys(byCookie.body!.user as object).sort());
      expect(body!.user).not.toHaveProperty("internalNote");
      expect(response.headers.get("cache-control")).toBe("no-store");
      expect(response.headers.get("x-app-after-hook")).toBe(s.alice.user.id);
      expect(response.headers.get("x-plugin-after-hook")).toBe(s.alice.user.id);
      // A credential session is never turned into a cookie the client would keep, nor into a
      // JWT: that would be the user's whole identity, without the credential's permissions or
      // allowlist, and valid after a revoke.
      expect(response.headers.get("set-auth-jwt")).toBeNull();
      expect(response.headers.getSetCookie()).toEqual([]);
    }
  });

  it("does the same for a server call that forwards the request's headers", async () => {
    const s = await setup(plugins());
    const session = (await s.t.auth.api.getSession({ headers: new Headers({ "x-api-key": s.key }) })) as unknown as Record<
      string,
      Record<string, unknown>
    >;
    expect(session).toMatchObject({ plan: `pro:${s.alice.user.id}`, session: { authMethod: "api-key" } });
    expect(session.user).not.toHaveProperty("internalNote");
    expect(JSON.stringify(session)).not.toContain(s.key);
    const { headers } = await s.t.auth.api.getSession({ headers: new Headers({ authorization: `Bearer ${s.token}` }), returnHeaders: true });
    expect(headers.get("set-auth-jwt")).toBeNull();
  });
});
