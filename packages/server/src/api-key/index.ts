import type { AuthContext, BetterAuthOptions, BetterAuthPlugin } from "better-auth";
import { createBodyLimit } from "../core/body-limit";
import { userForeignKey } from "../core/credential-runtime";
import { createCredentialSessionHooks } from "../core/credential-session-hook";
import { rateLimitHeadersHook } from "../core/rate-limit-header-hook";
import { withholdJwtHook } from "../core/withhold-jwt-hook";
import { credentialSchema, credentialSchemaWithoutUserForeignKey } from "../core/credential-table";
import { kindFor } from "../core/instance-kinds";
import { initCredentialPlugin } from "../core/plugin-init";
import { TOKEN_ERROR_CODES } from "../error-codes";
import type { ApiKeyConfiguration, ApiKeyOptions } from "./options";
import { ORGANIZATION_PLUGIN_MISSING } from "./organization-access";
import { organizationDeletedHook } from "./organization-deleted-hook";
import { resolveApiKeyOptions } from "./resolve-options";
import { createApiKeyRoute } from "./routes/create-api-key";
import { getApiKeyRoute } from "./routes/get-api-key";
import { listApiKeysRoute } from "./routes/list-api-keys";
import { revokeApiKeyRoute } from "./routes/revoke-api-key";
import { rollApiKeyRoute } from "./routes/roll-api-key";
import { updateApiKeyRoute } from "./routes/update-api-key";
import { verifyApiKeyRoute } from "./routes/verify-api-key";
import { revokeOwnerApiKeysRoute } from "./routes/revoke-owner-api-keys";
import { revokeByValueRoute } from "../core/revoke-by-value";

export type { ApiKeyConfiguration, ApiKeyOptions, OrganizationGrantContext, OrganizationKeyOptions } from "./options";

/**
 * API keys for Better Auth: hashed at rest, shown once, capped per user, scoped, optionally
 * rate limited, accepted in `X-API-Key` or `Authorization: Bearer`.
 *
 * Compatible with `@better-auth/api-key`: the same table and the same SHA-256 hash, so keys move
 * between the two (without depending on upstream at runtime), and the same list of
 * configurations (`configId`, `references: "user" | "organization"`) for organizations' keys.
 * Upstream's routes are replaced rather than mounted, because they cannot cap, let clients request
 * scoped permissions, revoke, or check a checksum before the database (see docs/api-keys.md).
 *
 * @example
 * betterAuth({ plugins: [apiKey({ prefix: "zb_", defaultExpiresIn: 90 * 24 * 3600 })] })
 * betterAuth({ plugins: [organization(), apiKey([{ configId: "default" }, { configId: "organization", references: "organization" }])] })
 */
export function apiKey(options: ApiKeyOptions | readonly ApiKeyConfiguration[] = {}) {
  const resolved = resolveApiKeyOptions(options);
  const hooks = resolved.configurations
    .filter((configuration) => configuration.enableSessionForAPIKeys)
    .flatMap((configuration) => createCredentialSessionHooks(configuration.config));
  const prefixes = resolved.configurations.map((configuration) => configuration.config.format.prefix);
  return {
    id: "api-key",
    options: {
      credentialPrefix: resolved.defaultConfiguration.config.format.prefix,
      // Read by the other plugins' checks for two credentials in one request.
      apiKeyHeaders: [...new Set(resolved.configurations.flatMap((configuration) => configuration.config.apiKeyHeaders))],
      // Typed inline, not as our `ApiKeyGetter`: an app's declaration of its auth instance must
      // not need to name a module of ours (TS2742).
      apiKeyGetters: resolved.configurations.flatMap(({ config }) => (config.apiKeyGetter ? [config.apiKeyGetter] : [])) as ((ctx: {
        headers: Pick<Headers, "get"> | undefined;
      }) => string | null | undefined)[],
      ...(prefixes.length > 1 ? { credentialPrefixes: prefixes } : {}),
    },
    // An organization's id in `referenceId` cannot be a foreign key to `user.id`.
    schema: resolved.hasOrganizationKeys ? credentialSchemaWithoutUserForeignKey : credentialSchema,
    $ERROR_CODES: TOKEN_ERROR_CODES,
    init: async (context) => {
      if (resolved.hasOrganizationKeys) assertOrganizationKeysCanWork(context);
      let merged: { context: Partial<AuthContext>; options: Partial<BetterAuthOptions> } = { context: {}, options: {} };
      for (const configuration of resolved.configurations) {
        const result = await initCredentialPlugin(context, configuration.config);
        // The next configuration must find this one's kind and channel on the context.
        Object.assign(context, result.context);
        merged = { context: { ...merged.context, ...result.context }, options: { ...merged.options, ...result.options } };
      }
      linkLegacyFallbacks(context, resolved);
      return merged;
    },
    onRequest: createBodyLimit(["/api-key/"]),
    hooks: {
      before: hooks,
      after: [rateLimitHeadersHook, withholdJwtHook, ...(resolved.hasOrganizationKeys ? [organizationDeletedHook(resolved)] : [])],
    },
    endpoints: {
      createApiKey: createApiKeyRoute(resolved),
      listApiKeys: listApiKeysRoute(resolved),
      getApiKey: getApiKeyRoute(resolved),
      updateApiKey: updateApiKeyRoute(resolved),
      revokeApiKey: revokeApiKeyRoute(resolved),
      rollApiKey: rollApiKeyRoute(resolved),
      verifyApiKey: verifyApiKeyRoute(resolved),
      revokeApiKeys: revokeOwnerApiKeysRoute(resolved),
      revokeCredentialByValue: revokeByValueRoute(),
    },
  } satisfies BetterAuthPlugin;
}

/** The configuration that takes unprefixed values asks the others that accept legacy keys, in order. */
function linkLegacyFallbacks(context: AuthContext, resolved: ReturnType<typeof resolveApiKeyOptions>) {
  const taker = kindFor(context, resolved.defaultConfiguration.config);
  if (!taker.acceptLegacyKeys) return;
  taker.legacyFallbacks = resolved.configurations
    .filter((configuration) => configuration !== resolved.defaultConfiguration && configuration.config.acceptLegacyKeys)
    .map((configuration) => kindFor(context, configuration.config));
}

/** Organizations' keys need the organization plugin, and a table where `referenceId` is no user foreign key. */
function assertOrganizationKeysCanWork(context: AuthContext) {
  if (!(context.options.plugins ?? []).some((plugin) => plugin.id === "organization")) throw new Error(ORGANIZATION_PLUGIN_MISSING);
  if (userForeignKey(context)) {
    throw new Error(
      "@better-auth-tokens: apiKey() serves organization keys, but another plugin listed after it declares apikey.referenceId a foreign key to user.id; list that plugin before apiKey()",
    );
  }
}
