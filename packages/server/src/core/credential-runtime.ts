import type { CredentialConfig } from "./credential-config";
import { createCredentialStore } from "./credential-store";
import { createLastUsedThrottle } from "./last-used";
import { createRateLimiter } from "./rate-limiter";
import { createKeyedLock } from "./user-lock";
import { createVerifiedCredentialCache } from "./verified-cache";

/**
 * The state of one kind in one `betterAuth()` instance: created in the plugin's `init`, so one
 * `apiKey()` object passed to two instances gives each its own cache, limits and locks.
 */
export function createCredentialRuntime(config: CredentialConfig) {
  return {
    store: createCredentialStore(config.configId),
    cache: createVerifiedCredentialCache(config.cacheOption),
    withUserLock: createKeyedLock(),
    consumeRateLimit: createRateLimiter(config.rateLimit),
    shouldWriteLastUsed: createLastUsedThrottle(config.lastUsedUpdateIntervalMs),
  };
}

export type CredentialRuntime = ReturnType<typeof createCredentialRuntime>;

/** What the core works on: a kind's configuration with this instance's runtime for it. */
export type CredentialKind = CredentialConfig & CredentialRuntime;
