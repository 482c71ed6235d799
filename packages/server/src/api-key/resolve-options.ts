import { CREDENTIAL_KINDS } from "../core/credential-kinds";
import { resolveCredentialConfig } from "../core/resolve-kind";
import type { ApiKeyOptions } from "./options";

export function resolveApiKeyOptions(options: ApiKeyOptions) {
  const { prefix, maxKeysPerUser, ...shared } = options;
  return {
    config: resolveCredentialConfig(CREDENTIAL_KINDS.apiKey, { ...shared, prefix, maxPerUser: maxKeysPerUser }),
    defaultPermissions: options.defaultPermissions ?? [],
    allowedPermissions: options.allowedPermissions,
    enableSessionForAPIKeys: options.enableSessionForAPIKeys ?? true,
  };
}

export type ResolvedApiKeyOptions = ReturnType<typeof resolveApiKeyOptions>;
