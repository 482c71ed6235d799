import { createAuthMiddleware } from "better-auth/api";

/** Set by the session hook on a request that a credential's session answers (as rememberBudget). */
const CREDENTIAL_SESSION = Symbol.for("better-auth-tokens.credential-session");

type Marked = { [CREDENTIAL_SESSION]?: true };

/** Called by the session hook when it serves a credential's session. */
export function markCredentialSession(context: object) {
  (context as Marked)[CREDENTIAL_SESSION] = true;
}

const JWT_HEADER = "set-auth-jwt";

/** Response headers that never take `set-auth-jwt`, whoever sets it after this point. */
class HeadersWithoutJwt extends Headers {
  override set(name: string, value: string) {
    if (name.toLowerCase() !== JWT_HEADER) super.set(name, value);
  }
  override append(name: string, value: string) {
    if (name.toLowerCase() !== JWT_HEADER) super.append(name, value);
  }
}

/**
 * `jwt()` signs a JWT for the session `/get-session` found and sends it as `set-auth-jwt`. For a
 * credential's session that JWT would be the user's whole identity: without the credential's
 * permissions or IP allowlist, and valid for its lifetime after the credential is revoked. It is
 * the exchange `/token` refuses a credential (and `sessionEndpoints` may not list).
 *
 * After-hooks run in plugin order, and Better Auth merges each one's headers into the response's.
 * So this removes the header an earlier `jwt()` set, and swaps in response headers that refuse
 * it from a later one. Every after-hook still sees the credential's session.
 */
export const withholdJwtHook = {
  matcher: (ctx: { context?: object }) => ctx.context !== undefined && (ctx.context as Marked)[CREDENTIAL_SESSION] === true,
  handler: createAuthMiddleware(async (ctx) => {
    const current = ctx.context.responseHeaders;
    if (current instanceof HeadersWithoutJwt) return;
    const guarded = new HeadersWithoutJwt();
    // Iterating Headers gives each set-cookie on its own, so every cookie is kept as it was.
    current?.forEach((value, name) => guarded.append(name, value));
    ctx.context.responseHeaders = guarded;
  }),
};
