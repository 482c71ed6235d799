import { createProtectedRoute, createTestAuth } from "@better-auth-tokens/test-utils";
import { twoFactor } from "better-auth/plugins";
import { describe, expect, it } from "vitest";
import { bearer, type BearerOptions } from "./index";

const PASSWORD = "correct-horse-battery";

function setup(options: BearerOptions = {}) {
  const t = createTestAuth({ plugins: [bearer(options)] });
  const protectedRoute = createProtectedRoute(t.auth);
  const login = async (email: string, password = PASSWORD) => {
    // No cookie and no Origin: a CLI or mobile app, not a browser.
    const response = await t.request("/bearer/login", {
      method: "POST",
      headers: { origin: "" },
      body: JSON.stringify({ email, password }),
    });
    return { response, body: (await response.json()) as { token: string; user: { id: string } } };
  };
  const withToken = (token: string) => protectedRoute({ authorization: `Bearer ${token}` });
  return { ...t, protectedRoute, login, withToken };
}

describe("bearer(): seed 001's login → refresh → logout", () => {
  it("logs in, refreshes (old token dies, new one works), logs out (token dies)", async () => {
    const t = setup();
    const alice = await t.signUp();

    const { response, body } = await t.login(alice.user.email);
    expect(response.status).toBe(200);
    expect(body.user.id).toBe(alice.user.id);
    expect(body).not.toHaveProperty("password");
    expect(response.headers.get("set-auth-token")).toBe(body.token);
    expect((await t.withToken(body.token)).session?.user.id).toBe(alice.user.id);

    const refreshed = await t.request("/bearer/refresh", { method: "POST", credential: { bearer: body.token } });
    expect(refreshed.status).toBe(200);
    const { token: next } = (await refreshed.json()) as { token: string };
    expect(next).not.toBe(body.token);
    expect(refreshed.headers.get("set-auth-token")).toBe(next);
    expect((await t.withToken(body.token)).status).toBe(401);
    expect((await t.withToken(next)).session?.user.id).toBe(alice.user.id);

    const loggedOut = await t.request("/bearer/logout", { method: "POST", credential: { bearer: next } });
    expect(loggedOut.status).toBe(200);
    expect(await loggedOut.json()).toEqual({ success: true });
    expect((await t.withToken(next)).status).toBe(401);
    // The sign-up cookie is another session: logging one token out leaves it alone.
    expect((await t.protectedRoute(alice.headers)).status).toBe(200);
  });

  it("answers a wrong password with Better Auth's 401 and no token", async () => {
    const t = setup();
    const alice = await t.signUp();
    const { response, body } = await t.login(alice.user.email, "wrong-password-123");
    expect(response.status).toBe(401);
    expect(body).toMatchObject({ code: "INVALID_EMAIL_OR_PASSWORD" });
    expect(body).not.toHaveProperty("token");
    expect(response.headers.get("set-auth-token")).toBeNull();
  });

  it("gives no session token while two-factor is pending: sign-in's hooks apply to login", async () => {
    const t = createTestAuth({ plugins: [bearer(), twoFactor({ skipVerificationOnEnable: true })] });
    const alice = await t.signUp();
    await t.auth.api.enableTwoFactor({ body: { password: PASSWORD }, headers: alice.headers });

    const response = await t.request("/bearer/login", {
      method: "POST",
      body: JSON.stringify({ email: alice.user.email, password: PASSWORD }),
    });
    expect(response.status).toBe(403);
    const body = await response.json();
    expect(body).toMatchObject({ code: "SIGN_IN_INCOMPLETE" });
    expect(JSON.stringify(body)).not.toMatch(/token"/);
    expect(response.headers.get("set-auth-token")).toBeNull();
  });

  it("gives /bearer/login sign-in's rate limit, which its path would otherwise escape", async () => {
    const t = createTestAuth({ plugins: [bearer()], options: { rateLimit: { enabled: true } } });
    const alice = await t.signUp();
    const attempt = () =>
      t.request("/bearer/login", {
        method: "POST",
        headers: { "x-forwarded-for": "203.0.113.7" },
        body: JSON.stringify({ email: alice.user.email, password: "wrong-password-123" }),
      });
    const statuses = [];
    for (let i = 0; i < 4; i++) statuses.push((await attempt()).status);
    expect(statuses).toEqual([401, 401, 401, 429]);
  });

  it("refuses refresh and logout without a session (401) or with a personal token (403)", async () => {
    const t = setup();
    const alice = await t.signUp();
    const { data: created } = await t.client(alice).$fetch<{ token: string }>("/bearer/create-token", {
      method: "POST",
      body: { name: "cli" },
    });
    for (const path of ["/bearer/refresh", "/bearer/logout"]) {
      expect((await t.request(path, { method: "POST" })).status).toBe(401);
      expect((await t.request(path, { method: "POST", credential: { bearer: "not-a-session" } })).status).toBe(401);
      const withPersonalToken = await t.request(path, { method: "POST", credential: { bearer: created!.token } });
      expect(withPersonalToken.status).toBe(403);
    }
    expect((await t.withToken(created!.token)).status).toBe(200);
  });
});

describe("bearer(): upstream's session-token behaviour is kept", () => {
  it("sets set-auth-token on sign-in, and that token authenticates through Authorization: Bearer", async () => {
    const t = setup();
    const alice = await t.signUp();
    const response = await t.request("/sign-in/email", {
      method: "POST",
      body: JSON.stringify({ email: alice.user.email, password: PASSWORD }),
    });
    const token = response.headers.get("set-auth-token");
    expect(token).toBeTruthy();
    expect(response.headers.get("access-control-expose-headers")).toContain("set-auth-token");
    expect((await t.withToken(token!)).session?.user.id).toBe(alice.user.id);
    // The bare session token, as sign-up returned it, works too (upstream signs it itself).
    expect((await t.withToken(alice.sessionToken)).session?.user.id).toBe(alice.user.id);
  });

  it("with requireSignature, refuses bare session tokens but accepts login's token", async () => {
    const t = setup({ requireSignature: true });
    const alice = await t.signUp();
    expect((await t.withToken(alice.sessionToken)).status).toBe(401);
    const { body } = await t.login(alice.user.email);
    expect((await t.withToken(body.token)).session?.user.id).toBe(alice.user.id);
  });
});
