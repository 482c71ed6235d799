import type { BetterAuthPlugin } from "better-auth";
import { createBodyLimit } from "../core/body-limit";
import { createCredentialSessionHook } from "../core/credential-session-hook";
import { credentialSchema } from "../core/credential-table";
import { initCredentialPlugin } from "../core/plugin-init";
import { TOKEN_ERROR_CODES } from "../error-codes";
import type { ApiKeyOptions } from "./options";
import { resolveApiKeyOptions } from "./resolve-options";
import { createApiKeyRoute } from "./routes/create-api-key";
import { getApiKeyRoute } from "./routes/get-api-key";
import { listApiKeysRoute } from "./routes/list-api-keys";
import { revokeApiKeyRoute } from "./routes/revoke-api-key";
import { updateApiKeyRoute } from "./routes/update-api-key";
import { verifyApiKeyRoute } from "./routes/verify-api-key";

export type { ApiKeyOptions } from "./options";

/**
 * API keys for Better Auth: hashed at rest, shown once, capped per user, scoped, optionally
 * rate limited, accepted in `X-API-Key` or `Authorization: Bearer`.
 *
 * Compatible with `@better-auth/api-key`: the same table and the same SHA-256 hash, so keys move
 * between the two (without depending on upstream at runtime).
 * Upstream's routes are replaced rather than mounted, because they cannot cap, let clients request
 * scoped permissions, revoke, or check a checksum before the database (see docs/api-keys.md).
 *
 * @example
 * betterAuth({ plugins: [apiKey({ prefix: "zb_", defaultExpiresIn: 90 * 24 * 3600 })] })
 */
export function apiKey(options: ApiKeyOptions = {}) {
  const resolved = resolveApiKeyOptions(options);
  const hooks = resolved.enableSessionForAPIKeys
    ? [createCredentialSessionHook(resolved.config)]
    : [];
  return {
    id: "api-key",
    options: { credentialPrefix: resolved.config.format.prefix },
    schema: credentialSchema,
    $ERROR_CODES: TOKEN_ERROR_CODES,
    init: (context) => initCredentialPlugin(context, resolved.config),
    onRequest: createBodyLimit(["/api-key/"]),
    hooks: { before: hooks },
    endpoints: {
      createApiKey: createApiKeyRoute(resolved),
      listApiKeys: listApiKeysRoute(resolved),
      getApiKey: getApiKeyRoute(resolved),
      updateApiKey: updateApiKeyRoute(resolved),
      revokeApiKey: revokeApiKeyRoute(resolved),
      verifyApiKey: verifyApiKeyRoute(resolved),
    },
  } satisfies BetterAuthPlugin;
}
