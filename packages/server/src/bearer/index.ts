import type { BetterAuthPlugin } from "better-auth";
import { createBodyLimit } from "../core/body-limit";
import { createCredentialSessionHooks } from "../core/credential-session-hook";
import { rateLimitHeadersHook } from "../core/rate-limit-header-hook";
import { withholdJwtHook } from "../core/withhold-jwt-hook";
import { credentialSchemaWithoutUserForeignKey } from "../core/credential-table";
import { initCredentialPlugin } from "../core/plugin-init";
import { TOKEN_ERROR_CODES } from "../error-codes";
import type { BearerOptions } from "./options";
import { resolveBearerOptions } from "./resolve-options";
import { createTokenRoute } from "./routes/create-token";
import { exchangeCodeRoute } from "./routes/exchange-code";
import { listTokensRoute } from "./routes/list-tokens";
import { logoutRoute } from "./routes/logout";
import { refreshRoute } from "./routes/refresh";
import { revokeTokenRoute } from "./routes/revoke-token";
import { signInCodeHook } from "./sign-in-code-hook";
import { rollTokenRoute } from "./routes/roll-token";
import { updateTokenRoute } from "./routes/update-token";
import { revokeOwnerTokensRoute } from "./routes/revoke-owner-tokens";
import { revokeByValueRoute } from "../core/revoke-by-value";
import { upstreamSessionHooks } from "./upstream-session-hooks";

export type { BearerOptions } from "./options";

/** Better Auth's rule for `/sign-in/*`, which `/bearer/refresh` would otherwise escape. */
const SIGN_IN_RATE_LIMIT = { window: 10, max: 3 };

/**
 * Bearer tokens for Better Auth: everything upstream's `bearer()` does (a session token in
 * `Authorization: Bearer`, the `set-auth-token` header, `requireSignature`), plus personal tokens
 * for CLIs, scripts and server-to-server calls (hashed at rest, shown once, capped per user,
 * revocable) and refresh / logout for session tokens. The login is Better Auth's own
 * `/sign-in/email` (its token comes back in `set-auth-token`), so every control an app puts on
 * sign-in applies to it; `bearerClient()`'s `bearer.login` wraps it. Sign-ins that end in a redirect
 * (social, magic link) hand over the token through a one-time code (`POST /bearer/exchange-code`).
 *
 * Session tokens and personal tokens share the header and are told apart by the token prefix,
 * so neither kind costs a database read for the other.
 *
 * @example
 * betterAuth({ plugins: [bearer({ tokenPrefix: "zbt_", defaultExpiresIn: 90 * 24 * 3600 })] })
 */
export function bearer(options: BearerOptions = {}) {
  const resolved = resolveBearerOptions(options);
  const upstream = upstreamSessionHooks({ requireSignature: resolved.requireSignature });
  return {
    // Upstream's id: plugins that look for "bearer" (e.g. oauth-popup) find it, since ours includes it.
    id: "bearer",
    options: {
      credentialPrefix: resolved.config.format.prefix,
      requireSignature: resolved.requireSignature,
    },
    // No foreign key from referenceId to user.id: apiKey() may keep organizations' keys in the
    // same table, and plugin order decides whose declaration wins. Tokens are deleted with their
    // user by the user-delete hook (plugin-init.ts) wherever the table has no such key.
    schema: credentialSchemaWithoutUserForeignKey,
    $ERROR_CODES: TOKEN_ERROR_CODES,
    init: (context) => initCredentialPlugin(context, resolved.config),
    onRequest: createBodyLimit(["/bearer/"]),
    hooks: {
      before: [...createCredentialSessionHooks(resolved.config), ...upstream.before],
      after: [rateLimitHeadersHook, withholdJwtHook, ...upstream.after, ...(resolved.signInCode ? [signInCodeHook(resolved.signInCode.expiresIn)] : [])],
    },
    rateLimit: [
      { ...SIGN_IN_RATE_LIMIT, pathMatcher: (path: string) => path === "/bearer/refresh" || path === "/bearer/exchange-code" },
    ],
    endpoints: {
      createPersonalToken: createTokenRoute(resolved),
      listPersonalTokens: listTokensRoute(resolved),
      revokePersonalToken: revokeTokenRoute(resolved),
      rollPersonalToken: rollTokenRoute(resolved),
      updatePersonalToken: updateTokenRoute(resolved),
      revokePersonalTokens: revokeOwnerTokensRoute(resolved),
      revokeCredentialByValue: revokeByValueRoute(),
      bearerRefresh: refreshRoute(),
      bearerLogout: logoutRoute(),
      // Always there, so the client's type does not hang on an option: with codes off, none exists to redeem.
      exchangeSignInCode: exchangeCodeRoute(),
    },
  } satisfies BetterAuthPlugin;
}
