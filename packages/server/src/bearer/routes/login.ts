import { createAuthEndpoint, signInEmail } from "better-auth/api";
import * as z from "zod";
import { credentialError } from "../../core/credential-errors";
import { dispatchOnBehalf } from "../dispatch-on-behalf";
import { signedSessionToken } from "../signed-session-token";

const loginBody = z.object({
  email: z.string().min(1).max(320),
  // Bounded so a huge body cannot buy a long password hash; far above any real password.
  password: z.string().min(1).max(1024),
});

type SignInResponse = Awaited<ReturnType<ReturnType<typeof signInEmail>>>;

/**
 * `POST /bearer/login` (`authClient.bearer.login`, `auth.api.bearerLogin`): email and password in,
 * `{ token, user }` out, for clients that keep a token rather than a cookie (seed 001's `/login`).
 */
export function loginRoute() {
  const signIn = signInEmail();
  return createAuthEndpoint("/bearer/login", { method: "POST", body: loginBody }, async (ctx) => {
    // Better Auth's own sign-in, hooks included: two-factor, captcha and app hooks on
    // `/sign-in/email` apply to this login too.
    const { headers, response } = await dispatchOnBehalf(ctx, signIn, {
      email: ctx.body.email,
      password: ctx.body.password,
    });
    const signedIn = response as Partial<SignInResponse> | undefined;
    if (typeof signedIn?.token !== "string" || !signedIn.user) {
      // A hook (two-factor) stopped short of a session: never hand out a token for it.
      throw credentialError("FORBIDDEN", "SIGN_IN_INCOMPLETE");
    }
    return ctx.json({ token: signedSessionToken(ctx, headers ?? undefined, signedIn.token), user: signedIn.user });
  });
}
