import type { CredentialConfig } from "./credential-config";
import { createCredentialStore } from "./credential-store";
import type { InvalidationChannel } from "./invalidation-channel";
import { createLastUsedThrottle } from "./last-used";
import { createRateLimiter } from "./rate-limiter";
import { createKeyedLock } from "./user-lock";
import { createVerifiedCredentialCache } from "./verified-cache";

/**
 * The state of one kind in one `betterAuth()` instance: created in the plugin's `init`, so one
 * `apiKey()` object passed to two instances gives each its own cache, limits and locks. The
 * invalidation channel is the instance's, shared by its kinds.
 */
export function createCredentialRuntime(config: CredentialConfig, invalidations: InvalidationChannel) {
  const cache = createVerifiedCredentialCache(config.cacheOption, invalidations.cacheIsCurrent);
  if (config.cacheOption) invalidations.follow(cache, config.cacheOption.invalidationPollInterval * 1000);
  return {
    store: createCredentialStore(config.configId),
    cache,
    /** Every change to a credential or user goes through here, so other instances hear of it. */
    invalidations,
    withUserLock: createKeyedLock(),
    consumeRateLimit: createRateLimiter(config.rateLimit),
    shouldWriteLastUsed: createLastUsedThrottle(config.lastUsedUpdateIntervalMs),
  };
}

export type CredentialRuntime = ReturnType<typeof createCredentialRuntime>;

/** What the core works on: a kind's configuration with this instance's runtime for it. */
export type CredentialKind = CredentialConfig & CredentialRuntime;
