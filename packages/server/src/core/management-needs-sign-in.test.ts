import { createTestAuth } from "@better-auth-tokens/test-utils";
import { createAuthMiddleware, getSessionFromCtx } from "better-auth/api";
import { describe, expect, it } from "vitest";
import { createToken } from "../../test/support/bearer";
import { apiKey } from "../api-key";
import { bearer } from "../bearer";

describe("managing credentials needs a real sign-in", () => {
  // Even where an app lets credentials reach a management endpoint through sessionEndpoints,
  // the endpoint itself refuses them with the same code the session hook uses everywhere else.
  it("answers 403 CREDENTIAL_NOT_ALLOWED to a credential on a management endpoint listed in sessionEndpoints", async () => {
    const sessionEndpoints = ["/get-session", "/api-key/create", "/api-key/list", "/bearer/create-token", "/bearer/refresh"];
    const t = createTestAuth({ plugins: [apiKey({ sessionEndpoints }), bearer({ sessionEndpoints })] });
    const alice = await t.signUp();
    const { data: key } = await t.client(alice).$fetch<{ key: string }>("/api-key/create", { method: "POST", body: { name: "k" } });
    const token = await createToken(t, alice, { name: "t" });
    for (const [path, method] of [
      ["/api-key/create", "POST"],
      ["/api-key/list", "GET"],
      ["/bearer/create-token", "POST"],
      ["/bearer/refresh", "POST"],
    ] as const) {
      for (const credential of [{ apiKey: key!.key }, { bearer: token.token }]) {
        const response = await t.request(path, { method, credential, ...(method === "POST" ? { body: JSON.stringify({ name: "x" }) } : {}) });
        expect({ path, status: response.status, code: ((await response.json()) as { code: string }).code }).toEqual({
          path,
          status: 403,
          code: "CREDENTIAL_NOT_ALLOWED",
        });
      }
    }
    expect(await t.rows("apikey")).toHaveLength(2);
  });

  // An app's hook that reads the session first (for logging, say) leaves a cookie-cached one on the context.
  const readsSessionFirst = { before: createAuthMiddleware(async (ctx) => void (await getSessionFromCtx(ctx))) };
  it.each([
    ["alone", undefined],
    ["after an app hook that read the session from the cookie cache", readsSessionFirst],
  ])("reads the session row, %s: a cached cookie of a session revoked since cannot mint", async (_case, hooks) => {
    const t = createTestAuth({ plugins: [apiKey(), bearer()], options: { session: { cookieCache: { enabled: true } }, hooks } });
    const alice = await t.signUp();
    const create = () => t.request("/api-key/create", { method: "POST", credential: alice, body: JSON.stringify({ name: "k" }) });
    expect((await create()).status).toBe(200);
    // Signed out everywhere, say after the account was taken over: the cookie still holds a cached session.
    await (await t.auth.$context).internalAdapter.deleteUserSessions(alice.user.id);
    expect((await create()).status).toBe(401);
    expect(await t.rows("apikey")).toHaveLength(1);
  });
});
