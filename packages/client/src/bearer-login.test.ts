import { bearer, type BearerOptions } from "@better-auth-tokens/server";
import { createProtectedRoute, createTestAuth, TEST_BASE_URL, type SignedUpUser } from "@better-auth-tokens/test-utils";
import type { BetterAuthOptions, BetterAuthPlugin } from "better-auth";
import { createAuthClient } from "better-auth/client";
import { APIError, createAuthMiddleware } from "better-auth/api";
import { hashPassword, verifyPassword } from "better-auth/crypto";
import { captcha, twoFactor } from "better-auth/plugins";
import { http, HttpResponse } from "msw";
import { setupServer } from "msw/node";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { bearerClient } from "./bearer-client";

const PASSWORD = "correct-horse-battery";
const SITEVERIFY = "https://challenges.cloudflare.com/turnstile/v0/siteverify";

// Cloudflare's side of captcha(): only the response "human" passes. Anything else leaving the
// process fails the test.
const siteverifyCalls: string[] = [];
const provider = setupServer(
  http.post(SITEVERIFY, async ({ request }) => {
    const { response } = (await request.json()) as { response: string };
    siteverifyCalls.push(response);
    return HttpResponse.json({ success: response === "human", "error-codes": [] });
  }),
);
beforeAll(() => provider.listen({ onUnhandledRequest: "error" }));
afterEach(() => {
  provider.resetHandlers();
  siteverifyCalls.length = 0;
});
afterAll(() => provider.close());

/** A server with bearer() and whatever else the test adds; counts every password check. */
function setup(config: { plugins?: BetterAuthPlugin[]; options?: Omit<BetterAuthOptions, "plugins" | "database">; bearer?: BearerOptions } = {}) {
  const passwordChecks: string[] = [];
  const { emailAndPassword, ...options } = config.options ?? {};
  const t = createTestAuth({
    plugins: [bearer(config.bearer), ...(config.plugins ?? [])],
    clientPlugins: [bearerClient()],
    options: {
      ...options,
      emailAndPassword: {
        enabled: true,
        ...emailAndPassword,
        password: {
          hash: hashPassword,
          verify: async (input) => {
            passwordChecks.push(input.password);
            return verifyPassword(input);
          },
        },
      },
    },
  });
  const protectedRoute = createProtectedRoute(t.auth);
  const withToken = (token: string) => protectedRoute({ authorization: `Bearer ${token}` });
  const login = (user: Pick<SignedUpUser, "user">, password = PASSWORD, headers: Record<string, string> = {}) =>
    t.client().bearer.login({ email: user.user.email, password }, { headers });
  return { ...t, passwordChecks, withToken, login };
}

describe("bearer.login is /sign-in/email: every control Better Auth puts on sign-in applies", () => {
  it("returns a token that works as Authorization: Bearer on an app route", async () => {
    const t = setup();
    const alice = await t.signUp();
    const { data, error } = await t.login(alice);
    expect(error).toBeNull();
    expect(data!.user.id).toBe(alice.user.id);
    expect(data!.user).not.toHaveProperty("password");
    expect((await t.withToken(data!.token)).session?.user.id).toBe(alice.user.id);
  });

  it("refuses a login without a captcha response with captcha's code, before any password is checked", async () => {
    const t = setup({ plugins: [captcha({ provider: "cloudflare-turnstile", secretKey: "turnstile-test-secret" })] });
    // Server-side sign-up: captcha() guards requests, and this test is about login.
    const alice = await t.auth.api.signUpEmail({ body: { email: "alice@example.com", password: PASSWORD, name: "Alice" } });

    for (let i = 0; i < 4; i++) {
      const { data, error } = await t.login(alice, `guess-${i}-wrong-password`);
      expect(data).toBeNull();
      expect(error).toMatchObject({ status: 400, code: "MISSING_RESPONSE" });
    }
    expect(t.passwordChecks).toEqual([]);

    const rejected = await t.login(alice, PASSWORD, { "x-captcha-response": "bot" });
    expect(rejected).toMatchObject({ data: null, error: { status: 403, code: "VERIFICATION_FAILED" } });
    expect(t.passwordChecks).toEqual([]);

    const passed = await t.login(alice, PASSWORD, { "x-captcha-response": "human" });
    expect(passed.error).toBeNull();
    expect(siteverifyCalls).toEqual(["bot", "human"]);
    expect(t.passwordChecks).toEqual([PASSWORD]);
    expect((await t.withToken(passed.data!.token)).session?.user.id).toBe(alice.user.id);
  });

  it("leaves out a header whose value is undefined, as better-fetch does on every other call", async () => {
    const t = setup({ plugins: [captcha({ provider: "cloudflare-turnstile", secretKey: "turnstile-test-secret" })] });
    const alice = await t.auth.api.signUpEmail({ body: { email: "alice@example.com", password: PASSWORD, name: "Alice" } });
    // A form that has no captcha answer yet: better-fetch's headers type allows `undefined` for that.
    const captchaAnswer: string | undefined = undefined;
    const { error } = await t.client().bearer.login({ email: alice.user.email, password: PASSWORD }, { headers: { "x-captcha-response": captchaAnswer } });
    expect(error).toMatchObject({ status: 400, code: "MISSING_RESPONSE" });
    // Nothing reached the provider: no "undefined" was sent as an answer.
    expect(siteverifyCalls).toEqual([]);
  });

  it("answers 404 when the app disables /sign-in/email", async () => {
    const t = setup({ options: { disabledPaths: ["/sign-in/email"] } });
    const alice = await t.signUp();
    const { data, error } = await t.login(alice);
    expect(data).toBeNull();
    expect(error).toMatchObject({ status: 404 });
    expect(t.passwordChecks).toEqual([]);
  });

  it("counts logins against the app's rateLimit.customRules for /sign-in/email", async () => {
    const t = setup({
      options: { rateLimit: { enabled: true, customRules: { "/sign-in/email": { window: 60, max: 2 } } } },
    });
    const alice = await t.signUp();
    const client = { "x-forwarded-for": "203.0.113.7" };
    const statuses = [];
    for (let i = 0; i < 3; i++) statuses.push((await t.login(alice, PASSWORD, client)).error?.status ?? 200);
    expect(statuses).toEqual([200, 200, 429]);
    expect(t.passwordChecks).toHaveLength(2);
  });

  it("runs the app's global hooks.before and hooks.after for /sign-in/email", async () => {
    const seen: string[] = [];
    const t = setup({
      options: {
        hooks: {
          before: createAuthMiddleware(async (ctx) => {
            if (ctx.path !== "/sign-in/email") return;
            seen.push(`before ${ctx.body.email}`);
            if (ctx.body.email === "locked@example.com") {
              throw new APIError("FORBIDDEN", { code: "ACCOUNT_LOCKED", message: "Locked by the app" });
            }
          }),
          after: createAuthMiddleware(async (ctx) => {
            if (ctx.path === "/sign-in/email") seen.push(`after ${ctx.context.newSession?.user.email}`);
          }),
        },
      },
    });
    const alice = await t.signUp();
    const locked = await t.signUp({ email: "locked@example.com" });
    seen.length = 0;

    expect(await t.login(locked)).toMatchObject({ data: null, error: { status: 403, code: "ACCOUNT_LOCKED" } });
    expect((await t.login(alice)).error).toBeNull();
    expect(seen).toEqual(["before locked@example.com", `before ${alice.user.email}`, `after ${alice.user.email}`]);
  });

  it("refuses an unverified user when emailAndPassword.requireEmailVerification is on", async () => {
    const t = setup({ options: { emailAndPassword: { enabled: true, requireEmailVerification: true } } });
    const alice = await t.signUp();
    expect(await t.login(alice)).toMatchObject({ data: null, error: { status: 403, code: "EMAIL_NOT_VERIFIED" } });

    const context = await t.auth.$context;
    await context.internalAdapter.updateUser(alice.user.id, { emailVerified: true });
    const verified = await t.login(alice);
    expect(verified.error).toBeNull();
    expect((await t.withToken(verified.data!.token)).session?.user.id).toBe(alice.user.id);
  });

  it("returns SIGN_IN_INCOMPLETE and no token while two-factor is pending", async () => {
    const t = setup({ plugins: [twoFactor({ skipVerificationOnEnable: true })] });
    const alice = await t.signUp();
    const enabled = await t.request("/two-factor/enable", {
      method: "POST",
      credential: alice,
      body: JSON.stringify({ password: PASSWORD }),
    });
    expect(enabled.status).toBe(200);

    const result = await t.login(alice);
    expect(result).toMatchObject({ data: null, error: { status: 403, code: "SIGN_IN_INCOMPLETE" } });
    expect(JSON.stringify(result)).not.toMatch(/token/i);
  });

  it("with requireSignature, returns the signed token, which works where the bare one does not", async () => {
    const t = setup({ bearer: { requireSignature: true } });
    const alice = await t.signUp();
    const { data } = await t.login(alice);
    const [bare, signature] = data!.token.split(".");
    expect(signature).toBeTruthy();
    expect((await t.withToken(data!.token)).session?.user.id).toBe(alice.user.id);
    expect((await t.withToken(bare!)).status).toBe(401);
  });

  it("keeps the { data, error } shape on a client configured to throw", async () => {
    const t = setup();
    const alice = await t.signUp();
    const throwing = createAuthClient({
      baseURL: TEST_BASE_URL,
      plugins: [bearerClient()],
      fetchOptions: { throw: true, customFetchImpl: (input, init) => t.handler(new Request(input, init)) },
    });
    const wrong = await throwing.bearer.login({ email: alice.user.email, password: "not-the-password" });
    expect(wrong).toMatchObject({ data: null, error: { status: 401, code: "INVALID_EMAIL_OR_PASSWORD" } });
    const right = await throwing.bearer.login({ email: alice.user.email, password: PASSWORD });
    expect((await t.withToken(right.data!.token)).session?.user.id).toBe(alice.user.id);
  });
});
