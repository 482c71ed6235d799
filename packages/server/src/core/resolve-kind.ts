import { resolveNegativeCacheOption } from "./absent-credentials";
import type { CredentialConfig } from "./credential-config";
import { DEFAULT_MAX_PER_USER, type CredentialKindDescription } from "./credential-kinds";
import { createCredentialFormat } from "./credential-format";
import type { CredentialOptions } from "./credential-options";
import { defaultAllowNoExpiry, validateExpiryPolicy } from "./expiry";
import { resolveHasher } from "./hashing";
import { validateLastUsedInterval } from "./last-used";
import { validateRateLimit } from "./rate-limiter";
import { resolveRollPolicy } from "./roll-policy";
import { resolveCacheOption } from "./verified-cache";
import { resolveClientQuota, type ClientQuotaOption } from "./client-quota";
import { resolveApiKeyHeaders, validateApiKeyGetter } from "./api-key-headers";

/** A plugin's options in the shared vocabulary: the options each plugin names its own way, renamed. */
export interface KindOptions extends CredentialOptions {
  prefix?: string | undefined;
  maxPerUser?: number | undefined;
  /** Which configuration of the plugin this is (upstream's `configId`); the kind's own by default. */
  configId?: string | undefined;
  references?: "user" | "organization" | undefined;
  /** Spelling of the cap option for this configuration, for startup errors. */
  maxOptionName?: string | undefined;
  takesUnprefixedApiKeyHeader?: boolean | undefined;
  siblingPrefixes?: readonly string[] | undefined;
  defaultExpiresIn?: number | null | undefined;
  acceptLegacyKeys?: boolean | undefined;
  clientQuota?: ClientQuotaOption | boolean | undefined;
  apiKeyHeaders?: string | readonly string[] | undefined;
  customAPIKeyGetter?: unknown;
}

/** Validates and resolves a kind once, at plugin construction: bad options fail at startup. */
export function resolveCredentialConfig(kind: CredentialKindDescription, settings: KindOptions): CredentialConfig {
  const maxPerOwner = settings.maxPerUser ?? DEFAULT_MAX_PER_USER;
  if (!Number.isInteger(maxPerOwner) || maxPerOwner < 1) {
    throw new RangeError(`"${settings.maxOptionName ?? kind.maxPerUserOption}" must be a positive integer; got ${maxPerOwner}`);
  }
  const customHash = typeof settings.hashing === "object" && "hash" in settings.hashing;
  return {
    configId: settings.configId ?? kind.configId,
    references: settings.references ?? "user",
    authMethod: kind.authMethod,
    readsApiKeyHeader: kind.readsApiKeyHeader,
    apiKeyHeaders: kind.readsApiKeyHeader ? resolveApiKeyHeaders(settings.apiKeyHeaders, "apiKeyHeaders") : [],
    apiKeyGetter: kind.readsApiKeyHeader ? validateApiKeyGetter(settings.customAPIKeyGetter, "customAPIKeyGetter") : undefined,
    takesUnprefixedApiKeyHeader: settings.takesUnprefixedApiKeyHeader ?? kind.readsApiKeyHeader,
    siblingPrefixes: settings.siblingPrefixes ?? [],
    capErrorCode: kind.capErrorCode,
    format: createCredentialFormat({
      prefix: settings.prefix ?? kind.defaultPrefix,
      length: settings.length ?? 32,
      prefixOptionName: kind.prefixOption,
    }),
    hash: resolveHasher(settings.hashing, "hashing"),
    hashingOptionName: customHash ? "hashing.hash" : "hashing",
    acceptLegacyKeys: settings.acceptLegacyKeys ?? false,
    maxPerOwner,
    expiry: validateExpiryPolicy(
      {
        defaultExpiresIn: settings.defaultExpiresIn === undefined ? kind.defaultExpiresIn : settings.defaultExpiresIn,
        minExpiresIn: settings.minExpiresIn ?? 60,
        maxExpiresIn: settings.maxExpiresIn ?? null,
        allowNoExpiry: settings.allowNoExpiry ?? defaultAllowNoExpiry(settings.maxExpiresIn ?? null),
      },
      { allowNoExpiry: settings.allowNoExpiry !== undefined, defaultExpiresIn: settings.defaultExpiresIn !== undefined },
    ),
    roll: resolveRollPolicy(settings),
    sessionEndpoints: validateSessionEndpoints(settings.sessionEndpoints ?? ["/get-session"]),
    verificationTimeoutMs: positiveSeconds(settings.verificationTimeout ?? 5, "verificationTimeout") * 1000,
    rateLimit: validateRateLimit(settings.rateLimit, "rateLimit"),
    ownerRateLimit: validateRateLimit(settings.ownerRateLimit, "ownerRateLimit"),
    clientQuota: resolveClientQuota(settings.clientQuota, "clientQuota"),
    clientIpAllowlist: booleanOption(settings.clientIpAllowlist, true, "clientIpAllowlist"),
    lastUsedUpdateIntervalMs: validateLastUsedInterval(settings.lastUsedUpdateInterval ?? 60, "lastUsedUpdateInterval"),
    cacheOption: resolveCacheOption(settings.cache, "cache"),
    negativeCacheOption: resolveNegativeCacheOption(settings.negativeCache, "negativeCache"),
    onEvent: validateEventHandler(settings.onEvent),
  };
}

/**
 * Better Auth endpoints that turn the caller's session into a credential of another kind: a JWT
 * (`jwt()`'s `/token`) or a token redeemable for a session cookie (`oneTimeToken()`). Made from a
 * key's session, it would carry none of the key's permissions, allowlist or limits, and outlive
 * the key's revocation.
 */
const EXCHANGE_ENDPOINTS = new Set(["/token", "/one-time-token/generate"]);

function validateSessionEndpoints(paths: readonly string[]): ReadonlySet<string> {
  for (const path of paths) {
    if (EXCHANGE_ENDPOINTS.has(path)) {
      throw new Error(
        `"sessionEndpoints" lists "${path}", which would exchange a credential for a token that carries none of its permissions, allowlist or limits and outlives its revocation`,
      );
    }
  }
  return new Set(paths);
}

function positiveSeconds(value: number, optionName: string): number {
  if (!(Number.isFinite(value) && value > 0)) {
    throw new RangeError(`"${optionName}" must be a positive number of seconds; got ${value}`);
  }
  return value;
}

function booleanOption(value: unknown, fallback: boolean, optionName: string): boolean {
  if (value === undefined) return fallback;
  if (typeof value !== "boolean") throw new TypeError(`"${optionName}" must be true or false; got ${typeof value}`);
  return value;
}

function validateEventHandler(handler: unknown) {
  if (handler !== undefined && typeof handler !== "function") throw new TypeError(`"onEvent" must be a function; got ${typeof handler}`);
  return handler as CredentialConfig["onEvent"];
}
