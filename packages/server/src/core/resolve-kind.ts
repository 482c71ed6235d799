import { createCredentialFormat } from "./credential-format";
import type { CredentialOptions } from "./credential-options";
import type { CredentialKind } from "./credential-kind";
import { createCredentialStore } from "./credential-store";
import { defaultAllowNoExpiry, validateExpiryPolicy } from "./expiry";
import { resolveHasher } from "./hashing";
import { createLastUsedThrottle } from "./last-used";
import { createRateLimiter } from "./rate-limiter";
import { createKeyedLock } from "./user-lock";
import { createVerifiedCredentialCache } from "./verified-cache";

/** Settings of one kind: the shared options plus what each plugin names and defaults its own way. */
export interface KindSettings extends CredentialOptions {
  configId: string;
  authMethod: CredentialKind["authMethod"];
  capErrorCode: CredentialKind["capErrorCode"];
  prefix: string;
  maxPerUser: number;
  defaultExpiresIn: number | null;
  acceptLegacyKeys: boolean;
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
    format: createCredentialFormat({ prefix: settings.prefix, length: settings.length ?? 32, optionNames }),
    hash: resolveHasher(settings.hashing, `${optionNames.optionPrefix}hashing`),
    store: createCredentialStore(settings.configId),
    acceptLegacyKeys: settings.acceptLegacyKeys,
    maxPerUser: settings.maxPerUser,
    expiry: validateExpiryPolicy(
      {
        defaultExpiresIn: settings.defaultExpiresIn,
        minExpiresIn: settings.minExpiresIn ?? 60,
        maxExpiresIn: settings.maxExpiresIn ?? null,
        allowNoExpiry: settings.allowNoExpiry ?? defaultAllowNoExpiry(settings.maxExpiresIn ?? null),
      },
      optionNames.optionPrefix,
      settings.allowNoExpiry !== undefined,
    ),
    withUserLock: createKeyedLock(),
    consumeRateLimit: createRateLimiter(settings.rateLimit, `${optionNames.optionPrefix}rateLimit`),
    shouldWriteLastUsed: createLastUsedThrottle(
      settings.lastUsedUpdateInterval ?? 60,
      `${optionNames.optionPrefix}lastUsedUpdateInterval`,
    ),
    cache: createVerifiedCredentialCache(settings.cache, `${optionNames.optionPrefix}cache`),
    sessionEndpoints: new Set(settings.sessionEndpoints ?? ["/get-session"]),
    verificationTimeoutMs: positiveSeconds(settings.verificationTimeout ?? 5, `${optionNames.optionPrefix}verificationTimeout`) * 1000,
  };
}

function positiveSeconds(value: number, optionName: string): number {
  if (!(Number.isFinite(value) && value > 0)) {
    throw new RangeError(`"${optionName}" must be a positive number of seconds; got ${value}`);
  }
  return value;
}
