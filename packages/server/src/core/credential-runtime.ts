import type { AuthContext } from "better-auth";
import { createAbsentCredentials } from "./absent-credentials";
import type { CredentialConfig } from "./credential-config";
import { createCredentialStore } from "./credential-store";
import { CREDENTIAL_MODEL } from "./credential-table";
import type { InvalidationChannel } from "./invalidation-channel";
import { createLastUsedThrottle } from "./last-used";
import { createRequestLimits } from "./request-limits";
import { createTtlLru } from "./ttl-lru";
import { createKeyedLock } from "./user-lock";
import { createVerifiedCredentialCache } from "./verified-cache";

/**
 * The state of one kind in one `betterAuth()` instance: created in the plugin's `init`, so one
 * `apiKey()` object passed to two instances gives each its own cache, limits and locks. The
 * invalidation channel is the instance's, shared by its kinds.
 */
export function createCredentialRuntime(config: CredentialConfig, invalidations: InvalidationChannel, context: AuthContext) {
  const cache = createVerifiedCredentialCache(config.cacheOption, invalidations.cacheIsCurrent, invalidations.catchUp);
  if (config.cacheOption) invalidations.follow(cache, config.cacheOption.invalidationPollInterval * 1000);
  return {
    store: createCredentialStore(config.configId, { joinsUser: config.references === "user" && userForeignKey(context) }),
    cache,
    /** Every change to a credential or user goes through here, so other instances hear of it. */
    invalidations,
    absent: createAbsentCredentials(config.negativeCacheOption),
    withUserLock: createKeyedLock(),
    /** The credential's own or the plugin's rate limit, then the owner's (`request-limits.ts`). */
    consumeRateLimit: createRequestLimits(config, context),
    shouldWriteLastUsed: createLastUsedThrottle(config.lastUsedUpdateIntervalMs),
    /**
     * The signature of each credential's session marker for `/get-session` (see
     * credential-session-cookie.ts): an HMAC that never changes for a marker, so it is made once.
     */
    sessionMarkerSignatures: createTtlLru<string, string>({ max: 10_000, ttlMs: 60 * 60 * 1000 }),
  };
}

/** Whether this instance's credential table declares `referenceId` a foreign key to `user.id` (joins need it). */
export function userForeignKey(context: AuthContext): boolean {
  const tables = (context as { tables?: Record<string, { fields?: Record<string, { references?: unknown }> }> }).tables;
  return Boolean(tables?.[CREDENTIAL_MODEL]?.fields?.referenceId?.references);
}

export type CredentialRuntime = ReturnType<typeof createCredentialRuntime>;

/** What the core works on: a kind's configuration with this instance's runtime for it. */
export type CredentialKind = CredentialConfig &
  CredentialRuntime & {
    /**
     * Other configurations of the same plugin that accept legacy keys, asked after this one for
     * a value with no prefix (set by `apiKey()`'s init, once all are registered).
     */
    legacyFallbacks: CredentialKind[];
  };
