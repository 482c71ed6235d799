import { resolveCredentialKind } from "../core/resolve-kind";
import type { BearerOptions } from "./options";

/** Kept apart from API keys (`"default"`) in the shared table, so each cap counts its own kind. */
export const PERSONAL_TOKEN_CONFIG_ID = "personal-token";

const THIRTY_DAYS = 30 * 24 * 3600;

export function resolveBearerOptions(options: BearerOptions) {
  const kind = resolveCredentialKind({
    configId: PERSONAL_TOKEN_CONFIG_ID,
    authMethod: "personal-token",
    capErrorCode: "MAX_TOKENS_REACHED",
    prefix: options.tokenPrefix ?? "bat_",
    length: options.length ?? 32,
    maxPerUser: options.maxTokensPerUser ?? 10,
    expiry: {
      defaultExpiresIn: options.defaultExpiresIn === undefined ? THIRTY_DAYS : options.defaultExpiresIn,
      minExpiresIn: options.minExpiresIn ?? 60,
      maxExpiresIn: options.maxExpiresIn ?? null,
      allowNoExpiry: options.allowNoExpiry ?? true,
    },
    hashing: options.hashing,
    rateLimit: options.rateLimit,
    lastUsedUpdateInterval: options.lastUsedUpdateInterval ?? 60,
    acceptLegacyKeys: false,
    optionNames: { prefix: "tokenPrefix", length: "length", maxPerUser: "maxTokensPerUser", optionPrefix: "" },
  });
  return { kind, requireSignature: options.requireSignature ?? false };
}

export type ResolvedBearerOptions = ReturnType<typeof resolveBearerOptions>;
