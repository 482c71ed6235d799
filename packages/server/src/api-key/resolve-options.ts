import { resolveCredentialConfig } from "../core/resolve-kind";
import type { ApiKeyOptions } from "./options";

/** Rows made by `apiKey()` use upstream's default config id, so upstream's `verifyApiKey` reads them too. */
export const API_KEY_CONFIG_ID = "default";

export function resolveApiKeyOptions(options: ApiKeyOptions) {
  const config = resolveCredentialConfig({
    ...options,
    configId: API_KEY_CONFIG_ID,
    authMethod: "api-key",
    readsApiKeyHeader: true,
    capErrorCode: "MAX_KEYS_REACHED",
    prefix: options.prefix ?? "ba_",
    maxPerUser: options.maxKeysPerUser ?? 10,
    defaultExpiresIn: options.defaultExpiresIn === undefined ? null : options.defaultExpiresIn,
    acceptLegacyKeys: options.acceptLegacyKeys ?? false,
    optionNames: { prefix: "prefix", maxPerUser: "maxKeysPerUser" },
  });
  return {
    config,
    defaultPermissions: options.defaultPermissions ?? [],
    allowedPermissions: options.allowedPermissions,
    enableSessionForAPIKeys: options.enableSessionForAPIKeys ?? true,
  };
}

export type ResolvedApiKeyOptions = ReturnType<typeof resolveApiKeyOptions>;
