import { CREDENTIAL_KINDS } from "../core/credential-kinds";
import { resolveCredentialConfig } from "../core/resolve-kind";
import type { BearerOptions } from "./options";

export function resolveBearerOptions(options: BearerOptions) {
  const { tokenPrefix, maxTokensPerUser, requireSignature, ...shared } = options;
  return {
    config: resolveCredentialConfig(CREDENTIAL_KINDS.personalToken, { ...shared, prefix: tokenPrefix, maxPerUser: maxTokensPerUser }),
    requireSignature: requireSignature ?? false,
  };
}

export type ResolvedBearerOptions = ReturnType<typeof resolveBearerOptions>;
