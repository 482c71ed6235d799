import { resolveCredentialConfig } from "../core/resolve-kind";
import type { BearerOptions } from "./options";

/** Kept apart from API keys (`"default"`) in the shared table, so each cap counts its own kind. */
export const PERSONAL_TOKEN_CONFIG_ID = "personal-token";

const THIRTY_DAYS = 30 * 24 * 3600;

export function resolveBearerOptions(options: BearerOptions) {
  const config = resolveCredentialConfig({
    ...options,
    configId: PERSONAL_TOKEN_CONFIG_ID,
    authMethod: "personal-token",
    // Personal tokens are Bearer only: X-API-Key is the API-key header.
    readsApiKeyHeader: false,
    capErrorCode: "MAX_TOKENS_REACHED",
    prefix: options.tokenPrefix ?? "bat_",
    maxPerUser: options.maxTokensPerUser ?? 10,
    defaultExpiresIn: options.defaultExpiresIn === undefined ? THIRTY_DAYS : options.defaultExpiresIn,
    acceptLegacyKeys: false,
    optionNames: { prefix: "tokenPrefix", maxPerUser: "maxTokensPerUser" },
  });
  return { config, requireSignature: options.requireSignature ?? false };
}

export type ResolvedBearerOptions = ReturnType<typeof resolveBearerOptions>;
