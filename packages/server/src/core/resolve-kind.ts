import type { CredentialConfig } from "./credential-config";
import { createCredentialFormat } from "./credential-format";
import type { CredentialOptions } from "./credential-options";
import { validateExpiryPolicy } from "./expiry";
import { resolveHasher } from "./hashing";
import { validateLastUsedInterval } from "./last-used";
import { validateRateLimit } from "./rate-limiter";
import { resolveCacheOption } from "./verified-cache";

/** Settings of one kind: the shared options plus what each plugin names and defaults its own way. */
export interface KindSettings extends CredentialOptions {
  configId: string;
  authMethod: CredentialConfig["authMethod"];
  readsApiKeyHeader: boolean;
  capErrorCode: CredentialConfig["capErrorCode"];
  prefix: string;
  maxPerUser: number;
  defaultExpiresIn: number | null;
  acceptLegacyKeys: boolean;
  /** Option names as the user wrote them, for startup errors that point at the right line. */
  optionNames: { prefix: string; maxPerUser: string };
}

/** Validates and resolves a kind once, at plugin construction: bad options fail at startup. */
export function resolveCredentialConfig(settings: KindSettings): CredentialConfig {
  const { optionNames } = settings;
  if (!Number.isInteger(settings.maxPerUser) || settings.maxPerUser < 1) {
    throw new RangeError(`"${optionNames.maxPerUser}" must be a positive integer; got ${settings.maxPerUser}`);
  }
  const customHash = typeof settings.hashing === "object" && "hash" in settings.hashing;
  return {
    configId: settings.configId,
    authMethod: settings.authMethod,
    readsApiKeyHeader: settings.readsApiKeyHeader,
    capErrorCode: settings.capErrorCode,
    format: createCredentialFormat({ prefix: settings.prefix, length: settings.length ?? 32, prefixOptionName: optionNames.prefix }),
    hash: resolveHasher(settings.hashing, "hashing"),
    hashingOptionName: customHash ? "hashing.hash" : "hashing",
    acceptLegacyKeys: settings.acceptLegacyKeys,
    maxPerUser: settings.maxPerUser,
    expiry: validateExpiryPolicy(
      {
        defaultExpiresIn: settings.defaultExpiresIn,
        minExpiresIn: settings.minExpiresIn ?? 60,
        maxExpiresIn: settings.maxExpiresIn ?? null,
        allowNoExpiry: settings.allowNoExpiry ?? true,
      },
      "",
    ),
    sessionEndpoints: new Set(settings.sessionEndpoints ?? ["/get-session"]),
    verificationTimeoutMs: positiveSeconds(settings.verificationTimeout ?? 5, "verificationTimeout") * 1000,
    rateLimit: validateRateLimit(settings.rateLimit, "rateLimit"),
    lastUsedUpdateIntervalMs: validateLastUsedInterval(settings.lastUsedUpdateInterval ?? 60, "lastUsedUpdateInterval"),
    cacheOption: resolveCacheOption(settings.cache, "cache"),
  };
}

function positiveSeconds(value: number, optionName: string): number {
  if (!(Number.isFinite(value) && value > 0)) {
    throw new RangeError(`"${optionName}" must be a positive number of seconds; got ${value}`);
  }
  return value;
}
