import { createAuthMiddleware } from "better-auth/api";
import { parseSetCookieHeader } from "better-auth/cookies";
import { issueSignInCode, SIGN_IN_CODE_PARAM, SIGN_IN_CODE_REQUEST } from "./sign-in-code";

type AfterHook = { matcher: (ctx: HookContext) => boolean; handler: ReturnType<typeof createAuthMiddleware> };
type HookContext = { context: { responseHeaders?: Headers | undefined } };

/**
 * Gives a redirect that ends a sign-in (the OAuth callback, a magic link with a `callbackURL`,
 * any endpoint that sets the session cookie and answers 302) a one-time code in place of the
 * `set-auth-token` header that a followed redirect cannot hand to the app.
 *
 * Only when the sign-in asked for it, with `bearer_code=request` in its callback URL, so a browser
 * app that lives on cookies never sees a code; and only towards a URL Better Auth trusts
 * (`trustedOrigins`, app schemes included). The token itself never goes in a URL.
 */
export function signInCodeHook(expiresIn: number): AfterHook {
  return {
    matcher: (ctx) => Boolean(ctx.context.responseHeaders?.get("location")?.includes(`${SIGN_IN_CODE_PARAM}=`)),
    handler: createAuthMiddleware(async (ctx) => {
      const headers = ctx.context.responseHeaders;
      const location = headers?.get("location");
      const setCookie = headers?.get("set-cookie");
      if (!location || !setCookie) return;
      const target = parseRedirect(location, ctx.context.baseURL);
      if (target?.searchParams.get(SIGN_IN_CODE_PARAM) !== SIGN_IN_CODE_REQUEST) return;
      if (!ctx.context.isTrustedOrigin(target.toString(), { allowRelativePaths: false })) return;
      // What upstream's hook would put in `set-auth-token`: a live session cookie, not one being cleared.
      const cookie = parseSetCookieHeader(setCookie).get(ctx.context.authCookies.sessionToken.name);
      if (!cookie?.value || cookie["max-age"] === 0) return;
      const code = await issueSignInCode(ctx, cookie.value, expiresIn);
      target.searchParams.set(SIGN_IN_CODE_PARAM, code);
      ctx.setHeader("location", target.toString());
    }),
  };
}

function parseRedirect(location: string, baseURL: string) {
  try {
    return new URL(location, baseURL);
  } catch {
    return null;
  }
}
