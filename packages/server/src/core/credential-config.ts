import type { ResolvedNegativeCacheOption } from "./absent-credentials";
import type { CredentialEventHandler } from "./credential-events";
import type { CredentialFormat } from "./credential-format";
import type { ExpiryPolicy } from "./expiry";
import type { HashCredential } from "./hashing";
import type { RateLimitOption } from "./rate-limiter";
import type { RollPolicy } from "./roll-policy";
import type { ResolvedCacheOption } from "./verified-cache";
import type { ResolvedClientQuota } from "./client-quota";
import type { ApiKeyGetter } from "./api-key-headers";

/**
 * Everything that differs between an API key and a personal token, resolved and validated once
 * when `apiKey()` or `bearer()` is called: bad options fail at startup. It holds no state; the
 * state lives in a `CredentialRuntime`, one per `betterAuth()` instance.
 */
export interface CredentialConfig {
  /** Stored in upstream's `configId` column: keeps kinds apart in one table. */
  configId: string;
  /**
   * Who owns the credentials of this configuration: a user, or an organization of Better Auth's
   * `organization()` plugin (upstream's `references`). Kept in `referenceId` either way.
   */
  references: "user" | "organization";
  /** Shown on sessions (`session.authMethod`) and in messages. */
  authMethod: "api-key" | "personal-token";
  /** Also read from `X-API-Key`, not only `Authorization: Bearer`. */
  readsApiKeyHeader: boolean;
  /** The headers an API key is read from (`apiKeyHeaders`), lowercase; empty for personal tokens. */
  apiKeyHeaders: readonly string[];
  /** Reads the API key instead of `apiKeyHeaders` (`customAPIKeyGetter`). */
  apiKeyGetter?: ApiKeyGetter | undefined;
  /**
   * Takes an `X-API-Key` value that starts with none of `siblingPrefixes` even when it lacks
   * this configuration's prefix (a malformed or legacy key): one configuration per plugin does,
   * so every value has exactly one judge.
   */
  takesUnprefixedApiKeyHeader: boolean;
  /** Prefixes of the other configurations of the same plugin, whose values this one leaves alone. */
  siblingPrefixes: readonly string[];
  format: CredentialFormat;
  hash: HashCredential;
  /** The option that chose `hash`, for startup errors. */
  hashingOptionName: string;
  /** Also look up values that are not in our format (keys made by plain upstream). */
  acceptLegacyKeys: boolean;
  /** Credentials one owner (user or organization) may hold at once. */
  maxPerOwner: number;
  capErrorCode: "MAX_KEYS_REACHED" | "MAX_TOKENS_REACHED";
  expiry: ExpiryPolicy;
  /** Grace periods of rolls (`rollGracePeriod`, `maxRollGracePeriod`). */
  roll: RollPolicy;
  /** Better Auth endpoint paths on which a credential gets a session; others refuse it. */
  sessionEndpoints: ReadonlySet<string>;
  /** How long a database read may take before verification fails closed. */
  verificationTimeoutMs: number;
  rateLimit: RateLimitOption | false;
  /** One limit for all the credentials of one owner (user or organization), checked after the credential's own. */
  ownerRateLimit: RateLimitOption | false;
  /** What a signed-in user may set of a usage quota; `false`: nothing. */
  clientQuota: ResolvedClientQuota;
  /** Whether a signed-in user may set a credential's IP allowlist (server-side calls always may). */
  clientIpAllowlist: boolean;
  lastUsedUpdateIntervalMs: number;
  cacheOption: ResolvedCacheOption | false;
  negativeCacheOption: ResolvedNegativeCacheOption | false;
  /** The app's `onEvent`, if any: events are built only when there is one. */
  onEvent: CredentialEventHandler | undefined;
}
