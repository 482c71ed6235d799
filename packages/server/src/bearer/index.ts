import type { BetterAuthPlugin } from "better-auth";
import { createBodyLimit } from "../core/body-limit";
import { createCredentialSessionHook } from "../core/credential-session-hook";
import { credentialSchema } from "../core/credential-table";
import { initCredentialPlugin } from "../core/plugin-init";
import { TOKEN_ERROR_CODES } from "../error-codes";
import type { BearerOptions } from "./options";
import { resolveBearerOptions } from "./resolve-options";
import { createTokenRoute } from "./routes/create-token";
import { listTokensRoute } from "./routes/list-tokens";
import { loginRoute } from "./routes/login";
import { logoutRoute } from "./routes/logout";
import { refreshRoute } from "./routes/refresh";
import { revokeTokenRoute } from "./routes/revoke-token";
import { upstreamSessionHooks } from "./upstream-session-hooks";

export type { BearerOptions } from "./options";

/** Better Auth's rule for `/sign-in/*`, which `/bearer/login` would otherwise escape. */
const SIGN_IN_RATE_LIMIT = { window: 10, max: 3 };

/**
 * Bearer tokens for Better Auth: everything upstream's `bearer()` does (a session token in
 * `Authorization: Bearer`, the `set-auth-token` header, `requireSignature`), plus personal tokens
 * for CLIs, scripts and server-to-server calls (hashed at rest, shown once, capped per user,
 * revocable) and a login / refresh / logout flow for session tokens.
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
      credentialPrefix: resolved.kind.format.prefix,
      credentialKind: resolved.kind,
      requireSignature: resolved.requireSignature,
    },
    schema: credentialSchema,
    $ERROR_CODES: TOKEN_ERROR_CODES,
    init: (context) => initCredentialPlugin(context, resolved.kind),
    onRequest: createBodyLimit(["/bearer/"]),
    hooks: {
      before: [createCredentialSessionHook(resolved.kind, { apiKeyHeader: false }), ...upstream.before],
      after: upstream.after,
    },
    rateLimit: [
      { ...SIGN_IN_RATE_LIMIT, pathMatcher: (path: string) => path === "/bearer/login" || path === "/bearer/refresh" },
    ],
    endpoints: {
      createPersonalToken: createTokenRoute(resolved),
      listPersonalTokens: listTokensRoute(resolved),
      revokePersonalToken: revokeTokenRoute(resolved),
      bearerLogin: loginRoute(),
      bearerRefresh: refreshRoute(),
      bearerLogout: logoutRoute(),
    },
  } satisfies BetterAuthPlugin;
}
