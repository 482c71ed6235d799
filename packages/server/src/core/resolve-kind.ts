import { createCredentialFormat } from "./credential-format";
import type { CredentialKind } from "./credential-kind";
import { createCredentialStore } from "./credential-store";
import { validateExpiryPolicy, type ExpiryPolicy } from "./expiry";
import { resolveHasher, type HashingOption } from "./hashing";
import { createLastUsedThrottle } from "./last-used";
import { createRateLimiter, type RateLimitOption } from "./rate-limiter";
import { createKeyedLock } from "./user-lock";
import { createVerifiedCredentialCache, type CacheOption } from "./verified-cache";

/** The options both plugins share, already defaulted by the plugin that owns them. */
export interface KindSettings {
  configId: string;
  authMethod: CredentialKind["authMethod"];
  capErrorCode: CredentialKind["capErrorCode"];
  prefix: string;
  length: number;
  maxPerUser: number;
  expiry: ExpiryPolicy;
  hashing: HashingOption | undefined;
  rateLimit: RateLimitOption | false | undefined;
  lastUsedUpdateInterval: number;
  acceptLegacyKeys: boolean;
  /** Verified-credential cache; on (30 s) when absent. */
  cache?: CacheOption | false | undefined;
  /** Seconds a verification's database read may take; 5 when absent. */
  verificationTimeout?: number | undefined;
  /** Option names as the user wrote them, for startup errors that point at the right line. */
  optionNames: { prefix: string; length: string; maxPerUser: string; optionPrefix: string };
}

/** Validates and resolves a kind once, at plugin construction: bad options fail at startup. */
export function resolveCredentialKind(settings: KindSettings): CredentialKind {
  const { optionNames } = settings;
  if (!Number.isInteger(settings.maxPerUser) || settings.maxPerUser < 1) {
    throw new RangeError(`"${optionNames.maxPerUser}" must be a positive integer; got ${settings.maxPerUser}`);
  }
  return {
    configId: settings.configId,
    authMethod: settings.authMethod,
    capErrorCode: settings.capErrorCode,
    format: createCredentialFormat({ prefix: settings.prefix, length: settings.length, optionNames }),
    hash: resolveHasher(settings.hashing, `${optionNames.optionPrefix}hashing`),
    store: createCredentialStore(settings.configId),
    acceptLegacyKeys: settings.acceptLegacyKeys,
    maxPerUser: settings.maxPerUser,
    expiry: validateExpiryPolicy(settings.expiry, optionNames.optionPrefix),
    withUserLock: createKeyedLock(),
    consumeRateLimit: createRateLimiter(settings.rateLimit, `${optionNames.optionPrefix}rateLimit`),
    shouldWriteLastUsed: createLastUsedThrottle(
      settings.lastUsedUpdateInterval,
      `${optionNames.optionPrefix}lastUsedUpdateInterval`,
    ),
    cache: createVerifiedCredentialCache(settings.cache, `${optionNames.optionPrefix}cache`),
    verificationTimeoutMs: positiveSeconds(settings.verificationTimeout ?? 5, `${optionNames.optionPrefix}verificationTimeout`) * 1000,
  };
}

function positiveSeconds(value: number, optionName: string): number {
  if (!(Number.isFinite(value) && value > 0)) {
    throw new RangeError(`"${optionName}" must be a positive number of seconds; got ${value}`);
  }
  return value;
}
