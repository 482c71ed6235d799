import { createProtectedRoute, createTestAuth } from "@better-auth-tokens/test-utils";
import { describe, expect, it } from "vitest";
import { bearer, type BearerOptions } from "./index";

const PASSWORD = "correct-horse-battery";

function setup(options: BearerOptions = {}) {
  const t = createTestAuth({ plugins: [bearer(options)] });
  const protectedRoute = createProtectedRoute(t.auth);
  // The login is Better Auth's /sign-in/email; the token is its set-auth-token header.
  const login = async (email: string, password = PASSWORD) => {
    // No cookie and no Origin: a CLI or mobile app, not a browser.
    const response = await t.request("/sign-in/email", {
      method: "POST",
      headers: { origin: "" },
      body: JSON.stringify({ email, password }),
    });
    const body = (await response.json()) as { user: { id: string } };
    return { response, body, token: response.headers.get("set-auth-token") ?? "" };
  };
  const withToken = (token: string) => protectedRoute({ authorization: `Bearer ${token}` });
  return { ...t, protectedRoute, login, withToken };
}

describe("bearer(): login (/sign-in/email) → refresh → logout", () => {
  it("logs in, refreshes (old token dies, new one works), logs out (token dies)", async () => {
    const t = setup();
    const alice = await t.signUp();

    const { response, body, token } = await t.login(alice.user.email);
    expect(response.status).toBe(200);
    expect(body.user.id).toBe(alice.user.id);
    expect(body).not.toHaveProperty("password");
    expect((await t.withToken(token)).session?.user.id).toBe(alice.user.id);

    const refreshed = await t.request("/bearer/refresh", { method: "POST", credential: { bearer: token } });
    expect(refreshed.status).toBe(200);
    const { token: next } = (await refreshed.json()) as { token: string };
    expect(next).not.toBe(token);
    expect(refreshed.headers.get("set-auth-token")).toBe(next);
    expect((await t.withToken(token)).status).toBe(401);
    expect((await t.withToken(next)).session?.user.id).toBe(alice.user.id);

    const loggedOut = await t.request("/bearer/logout", { method: "POST", credential: { bearer: next } });
    expect(loggedOut.status).toBe(200);
    expect(await loggedOut.json()).toEqual({ success: true });
    expect((await t.withToken(next)).status).toBe(401);
    // The sign-up cookie is another session: logging one token out leaves it alone.
    expect((await t.protectedRoute(alice.headers)).status).toBe(200);
  });

  it("has no login route of its own: /sign-in/email is the login, with every control apps put on it", async () => {
    const t = setup();
    const alice = await t.signUp();
    const response = await t.request("/bearer/login", {
      method: "POST",
      body: JSON.stringify({ email: alice.user.email, password: PASSWORD }),
    });
    expect(response.status).toBe(404);
    expect(response.headers.get("set-auth-token")).toBeNull();
  });

  it("gives /bearer/refresh sign-in's rate limit, which its path would otherwise escape", async () => {
    const t = createTestAuth({ plugins: [bearer()], options: { rateLimit: { enabled: true } } });
    const alice = await t.signUp();
    const client = { "x-forwarded-for": "203.0.113.7" };
    const signIn = await t.request("/sign-in/email", {
      method: "POST",
      headers: client,
      body: JSON.stringify({ email: alice.user.email, password: PASSWORD }),
    });
    let token = signIn.headers.get("set-auth-token")!;
    const statuses = [];
    for (let i = 0; i < 4; i++) {
      const refreshed = await t.request("/bearer/refresh", { method: "POST", headers: client, credential: { bearer: token } });
      statuses.push(refreshed.status);
      if (refreshed.ok) token = ((await refreshed.json()) as { token: string }).token;
    }
    expect(statuses).toEqual([200, 200, 200, 429]);
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

  it("with requireSignature, refuses bare session tokens but accepts login's and refresh's tokens", async () => {
    const t = setup({ requireSignature: true });
    const alice = await t.signUp();
    expect((await t.withToken(alice.sessionToken)).status).toBe(401);
    const { token } = await t.login(alice.user.email);
    expect((await t.withToken(token)).session?.user.id).toBe(alice.user.id);
    const refreshed = await t.request("/bearer/refresh", { method: "POST", credential: { bearer: token } });
    const { token: next } = (await refreshed.json()) as { token: string };
    expect((await t.withToken(next)).session?.user.id).toBe(alice.user.id);
    expect((await t.withToken(next.split(".")[0]!)).status).toBe(401);
  });
});
