import { bearer } from "@better-auth-tokens/server";
import { createProtectedRoute, createTestAuth, registerSecret, TEST_BASE_URL } from "@better-auth-tokens/test-utils";
import { passkey } from "@better-auth/passkey";
import { anonymous, emailOTP, magicLink } from "better-auth/plugins";
import { http, HttpResponse } from "msw";
import { setupServer } from "msw/node";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { createSoftwareAuthenticator, tamperWithSignature } from "../test/software-authenticator";
import { bearerClient } from "./bearer-client";
import { readBearerCode, requestBearerCode } from "./bearer-sign-in-code";

const APP_CALLBACK = "myapp://signed-in";

// GitHub's side of the OAuth sign-in. Anything else leaving the process fails the test.
const github = setupServer(
  http.post("https://github.com/login/oauth/access_token", () =>
    HttpResponse.json({ access_token: "github-access-token-for-tests", token_type: "bearer", scope: "read:user,user:email" }),
  ),
  http.get("https://api.github.com/user", () =>
    HttpResponse.json({ id: 4242, login: "octocat", name: "Octo Cat", email: null, avatar_url: "https://example.com/octo.png" }),
  ),
  http.get("https://api.github.com/user/emails", () =>
    HttpResponse.json([{ email: "octo@example.com", primary: true, verified: true }]),
  ),
);
beforeAll(() => github.listen({ onUnhandledRequest: "error" }));
afterAll(() => github.close());

/** One server with every sign-in flow Better Auth's own plugins offer, and what they "email". */
function setup() {
  const magicLinks: string[] = [];
  const otps = new Map<string, string>();
  const t = createTestAuth({
    plugins: [
      bearer(),
      magicLink({ sendMagicLink: ({ url }) => void magicLinks.push(url) }),
      emailOTP({ sendVerificationOTP: async ({ email, otp }) => void otps.set(email, otp) }),
      anonymous(),
      passkey(),
    ],
    clientPlugins: [bearerClient()],
    options: {
      // Expo's plugin adds the app's scheme the same way.
      trustedOrigins: [`${new URL(APP_CALLBACK).protocol}//`],
      socialProviders: { github: { clientId: "test-client-id", clientSecret: "test-client-secret" } },
    },
  });
  const protectedRoute = createProtectedRoute(t.auth);
  /** The user an app route sees for this token, or null. */
  const userOf = async (token: string) => {
    const { session } = await protectedRoute({ authorization: `Bearer ${token}` });
    return (session?.user ?? null) as { id: string; email: string; isAnonymous?: boolean } | null;
  };
  /** A native app: no cookie jar, no Origin. */
  const post = (path: string, body: unknown = {}) =>
    t.request(path, { method: "POST", headers: { origin: "" }, body: JSON.stringify(body) });
  const follow = (url: string, cookie = "") => t.handler(new Request(url, { headers: cookie ? { cookie } : {} }));
  const exchange = async (code: string) => {
    const { data, error } = await t.client().bearer.exchangeCode({ code });
    if (data) registerSecret(data.token);
    return { token: data?.token ?? null, status: error?.status ?? 200, code: (error as { code?: string } | null)?.code };
  };
  return { ...t, magicLinks, otps, userOf, post, follow, exchange };
}

/** The app route that docs/bearer-tokens.md gives native apps and CLIs: the browser starts the sign-in. */
async function nativeSignIn(auth: ReturnType<typeof setup>["auth"], request: Request) {
  const params = new URL(request.url).searchParams;
  const callbackURL = new URL(params.get("redirect") ?? "myapp://signed-in");
  callbackURL.searchParams.set("bearer_code", "request");
  const started = await auth.api.signInSocial({
    body: { provider: params.get("provider") ?? "github", callbackURL: callbackURL.toString(), disableRedirect: true },
    asResponse: true,
  });
  if (!started.ok) return started;
  const { url } = (await started.json()) as { url: string };
  const headers = new Headers({ location: url });
  for (const cookie of started.headers.getSetCookie()) headers.append("set-cookie", cookie);
  return new Response(null, { status: 302, headers });
}

/** The cookie header a client that keeps what a response set sends back with its next request. */
function cookiesSetBy(response: Response) {
  return response.headers.getSetCookie().map((line) => line.split(";")[0]).join("; ");
}

/** Every answer that signs in over JSON carries the token as upstream's bearer() sends it. */
function tokenHeaderOf(response: Response) {
  expect(response.status).toBe(200);
  expect(response.headers.get("access-control-expose-headers")).toContain("set-auth-token");
  const token = response.headers.get("set-auth-token");
  expect(token).toBeTruthy();
  registerSecret(token!);
  return token!;
}

describe("bearer(): a token after every sign-in", () => {
  it("answers set-auth-token to the JSON sign-ins: email OTP, anonymous, magic link verified by the app", async () => {
    const t = setup();

    await t.post("/email-otp/send-verification-otp", { email: "otp@example.com", type: "sign-in" });
    const otpToken = tokenHeaderOf(await t.post("/sign-in/email-otp", { email: "otp@example.com", otp: t.otps.get("otp@example.com") }));
    expect((await t.userOf(otpToken))?.email).toBe("otp@example.com");

    const anonymousToken = tokenHeaderOf(await t.post("/sign-in/anonymous"));
    expect(await t.userOf(anonymousToken)).toMatchObject({ isAnonymous: true });

    await t.post("/sign-in/magic-link", { email: "link@example.com" });
    // An app that opens the link itself calls verify with the token alone, and gets JSON.
    const linkToken = new URL(t.magicLinks.pop()!).searchParams.get("token")!;
    const verified = await t.request(`/magic-link/verify?token=${linkToken}`, { headers: { origin: "" } });
    expect((await t.userOf(tokenHeaderOf(verified)))?.email).toBe("link@example.com");
  });

  it("answers set-auth-token to a passkey sign-in by a native app, and no token to a tampered signature", async () => {
    const t = setup();
    const alice = await t.signUp({ email: "passkey@example.com" });
    const authenticator = createSoftwareAuthenticator(TEST_BASE_URL);

    // Alice adds a passkey while signed in with her cookie; the challenge rides in a cookie beside it.
    const registerOptions = await t.request("/passkey/generate-register-options", { credential: alice });
    expect(registerOptions.status).toBe(200);
    const registered = await t.request("/passkey/verify-registration", {
      method: "POST",
      headers: { cookie: `${alice.headers.get("cookie")}; ${cookiesSetBy(registerOptions)}` },
      body: JSON.stringify({ response: authenticator.register(await registerOptions.json()) }),
    });
    expect(registered.status).toBe(200);
    expect(await registered.json()).toMatchObject({ userId: alice.user.id, credentialID: authenticator.credentialId });

    // A native app with no session: it keeps the challenge cookie the options set, sends it back
    // with the assertion, and the Origin its platform authenticator reports for the app's domain.
    const signInWithPasskey = async (alter: (signature: string) => string = (signature) => signature) => {
      const options = await t.request("/passkey/generate-authenticate-options", { headers: { origin: "" } });
      expect(options.status).toBe(200);
      const challengeCookie = cookiesSetBy(options);
      expect(challengeCookie).toMatch(/^better-auth\.better-auth-passkey=[^;]+$/);
      const assertion = authenticator.authenticate(await options.json());
      assertion.response.signature = alter(assertion.response.signature);
      return t.request("/passkey/verify-authentication", {
        method: "POST",
        headers: { cookie: challengeCookie, origin: TEST_BASE_URL },
        body: JSON.stringify({ response: assertion }),
      });
    };

    const signedIn = await signInWithPasskey();
    const token = tokenHeaderOf(signedIn);
    expect(token.startsWith(alice.sessionToken)).toBe(false); // a new session, not the sign-up's
    expect(((await signedIn.json()) as { user: { id: string } }).user.id).toBe(alice.user.id);
    expect((await t.userOf(token))?.id).toBe(alice.user.id);

    // Refused by the signature check itself (the same steps without the tampering signed in above).
    const tampered = await signInWithPasskey(tamperWithSignature);
    expect(tampered.status).toBe(401);
    expect(await tampered.json()).toMatchObject({ code: "AUTHENTICATION_FAILED" });
    expect(tampered.headers.get("set-auth-token")).toBeNull();
    expect(cookiesSetBy(tampered)).not.toContain("session_token");
  });

  it("hands a magic link's redirect a one-time code when the sign-in asked, and a cookie app nothing new", async () => {
    const t = setup();

    await t.post("/sign-in/magic-link", { email: "link@example.com", callbackURL: requestBearerCode(APP_CALLBACK) });
    const landed = await t.follow(t.magicLinks.pop()!);
    expect(landed.status).toBe(302);
    const location = landed.headers.get("location")!;
    expect(location.startsWith(`${APP_CALLBACK}?bearer_code=`)).toBe(true);
    const { token } = await t.exchange(readBearerCode(location)!);
    expect(location).not.toContain(token!);
    expect((await t.userOf(token!))?.email).toBe("link@example.com");

    // A browser app on cookies that did not ask: the redirect is Better Auth's, untouched.
    await t.post("/sign-in/magic-link", { email: "link@example.com", callbackURL: "/dashboard" });
    const browser = await t.follow(t.magicLinks.pop()!);
    expect(browser.headers.get("location")).toBe(`${TEST_BASE_URL}/dashboard`);
    expect(browser.headers.get("set-cookie")).toContain("better-auth.session_token=");
  });

  it("signs an Expo or CLI client in with GitHub: provider redirect, app-scheme callback, code exchanged once", async () => {
    const t = setup();

    // The app opens the system browser on the app route of docs/bearer-tokens.md, which starts the
    // sign-in there, so the browser holds the OAuth state cookie, and sends it on to GitHub.
    const started = await nativeSignIn(t.auth, new Request(`${TEST_BASE_URL}/native-sign-in?provider=github&redirect=${APP_CALLBACK}`));
    expect(started.status).toBe(302);
    const stateCookie = cookiesSetBy(started);
    const authorize = new URL(started.headers.get("location")!);
    expect(authorize.origin + authorize.pathname).toBe("https://github.com/login/oauth/authorize");

    // GitHub sends the browser (which holds the state cookie) back to Better Auth's callback.
    const callback = new URL(authorize.searchParams.get("redirect_uri")!);
    callback.searchParams.set("code", "github-authorization-code");
    callback.searchParams.set("state", authorize.searchParams.get("state")!);
    const landed = await t.follow(callback.toString(), stateCookie);
    expect(landed.status).toBe(302);

    // The app opens on its scheme with the code, and trades it for the token over POST.
    const location = landed.headers.get("location")!;
    expect(location.startsWith(APP_CALLBACK)).toBe(true);
    const code = readBearerCode(location)!;
    expect(code).toMatch(/^[A-Za-z0-9]{32}$/);
    const { token } = await t.exchange(code);
    expect((await t.userOf(token!))?.email).toBe("octo@example.com");

    // Once only; malformed and unknown codes are refused the same way, never with a 500.
    for (const refused of [code, "not a code", "A".repeat(32), ""]) {
      expect(await t.exchange(refused)).toMatchObject({ token: null, status: 400, code: "INVALID_SIGN_IN_CODE" });
    }
  });

  it("lets one of two server instances redeem a code, and refuses it after 60 seconds or once its session ended", async () => {
    const t = setup();
    const signIn = async (email: string) => {
      await t.post("/sign-in/magic-link", { email, callbackURL: requestBearerCode(APP_CALLBACK) });
      const landed = await t.follow(t.magicLinks.pop()!);
      return { code: readBearerCode(landed.headers.get("location")!)!, cookie: cookiesSetBy(landed) };
    };

    // A second instance on the same database and secondary storage: the race is decided there.
    const other = createTestAuth({
      plugins: [bearer()],
      clientPlugins: [bearerClient()],
      shareStorageWith: t,
      options: { secondaryStorage: t.auth.options.secondaryStorage },
    });
    const raced = await signIn("raced@example.com");
    const answers = await Promise.all(
      [t, other, t, other].map((instance) => instance.client().bearer.exchangeCode({ code: raced.code })),
    );
    expect(answers.map(({ error }) => error?.status ?? 200).sort()).toEqual([200, 400, 400, 400]);

    const late = await signIn("late@example.com");
    vi.useFakeTimers({ toFake: ["Date"], now: Date.now() + 61_000 });
    try {
      expect(await t.exchange(late.code)).toMatchObject({ token: null, status: 400, code: "INVALID_SIGN_IN_CODE" });
    } finally {
      vi.useRealTimers();
    }

    const gone = await signIn("gone@example.com");
    const signedOut = await t.request("/sign-out", { method: "POST", headers: { cookie: gone.cookie }, body: "{}" });
    expect(signedOut.status).toBe(200);
    expect(await t.exchange(gone.code)).toMatchObject({ token: null, status: 400, code: "INVALID_SIGN_IN_CODE" });
  });
});
