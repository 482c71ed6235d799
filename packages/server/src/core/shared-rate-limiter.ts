import type { SecondaryStorage } from "better-auth";
import { budgetOf, createRateLimiter, type RateLimitDecision, type RateLimitOption } from "./rate-limiter";
import { withTimeout } from "./with-timeout";

/** After the storage failed, requests count in memory for this long before it is tried again. */
export const STORAGE_RETRY_INTERVAL_MS = 5_000;

export interface SharedRateLimitSettings {
  increment: SecondaryStorage["increment"];
  /** Prefix of every counter key; the credential id and the window index follow it. */
  namespace: string;
  /** How long one `increment` may take before this request counts in memory instead. */
  timeoutMs: number;
  logger: { error(message: string): void; info(message: string): void };
  /**
   * Whether the storage is down, shared by every limiter counting in the same storage (a
   * credential's limit and its owner's), so that an outage is logged, and probed, once for all.
   * Each limiter keeps its own when none is given.
   */
  health?: SharedStorageHealth;
}

/** See `SharedRateLimitSettings.health`. */
export interface SharedStorageHealth {
  down: boolean;
  /** While down: when a request may try the storage again. */
  retryAt: number;
}

export function createSharedStorageHealth(): SharedStorageHealth {
  return { down: false, retryAt: 0 };
}

/** `increment` answered something that is not a count: a storage that does not keep the contract. */
class NotACount extends Error {
  override name = "NotACount";
}

/** Redis answers a number; a storage may answer its text. Anything else cannot be counted on. */
function asCount(value: unknown): number {
  const count = typeof value === "number" || typeof value === "string" ? Number(value) : Number.NaN;
  if (!Number.isSafeInteger(count) || count < 1) throw new NotACount();
  return count;
}

/**
 * The rate limit counted in Better Auth's `secondaryStorage` (e.g. Redis), so every instance of
 * a fleet counts against one number: one atomic `increment` per request, on a key per credential
 * and fixed window, `<namespace>:<credential id>:<window index>`, which expires with its window.
 * Windows are aligned to the epoch, so every instance agrees where one ends, and `Retry-After`
 * says when. Keys carry the credential's id, never the credential or its hash.
 *
 * When the storage fails or stalls past `timeoutMs`, the request is counted by this instance's
 * in-memory limiter instead (fail open to the per-instance bound, never unlimited): a rate limit
 * must not turn a Redis outage into an outage of every API key, while the database that says
 * which keys are valid is up. The switch is logged once each way, not per request; while down,
 * the storage is tried again once every `STORAGE_RETRY_INTERVAL_MS`.
 */
export function createSharedRateLimiter(option: RateLimitOption, settings: SharedRateLimitSettings) {
  const { increment, namespace, timeoutMs, logger } = settings;
  const health = settings.health ?? createSharedStorageHealth();
  const windowMs = option.window * 1000;
  // Whole seconds (Redis's EXPIRE takes no fractions), never shorter than the window itself.
  const ttlSeconds = Math.max(1, Math.ceil(option.window));
  const inMemory = createRateLimiter(option);

  return function consume(credentialId: string, now = Date.now()): RateLimitDecision | Promise<RateLimitDecision> {
    if (health.down && now < health.retryAt) return inMemory(credentialId, now);
    // While down, this request probes the storage; the others stay in memory until it answers.
    const probe = health.down;
    if (probe) health.retryAt = now + timeoutMs + STORAGE_RETRY_INTERVAL_MS;
    const windowIndex = Math.floor(now / windowMs);
    const counted = Promise.resolve()
      .then(() => increment(`${namespace}:${credentialId}:${windowIndex}`, ttlSeconds))
      .then(asCount);
    return withTimeout(counted, timeoutMs).then(
      (count) => {
        if (probe && health.down) {
          health.down = false;
          logger.info("Credential rate limit: secondaryStorage answers again; counting across instances");
        }
        const resetSeconds = ((windowIndex + 1) * windowMs - now) / 1000;
        const budget = budgetOf(option, count, resetSeconds);
        if (count <= option.max) return { allowed: true, budget };
        return { allowed: false, retryAfterSeconds: Math.max(1, Math.ceil(resetSeconds)), budget };
      },
      (error: unknown) => {
        if (!health.down) {
          health.down = true;
          // The error's name only: a storage client's message can echo the key or the server's address.
          logger.error(
            `Credential rate limit: secondaryStorage failed (${error instanceof Error ? error.name : typeof error}); counting per instance until it answers`,
          );
        }
        health.retryAt = now + timeoutMs + STORAGE_RETRY_INTERVAL_MS;
        return inMemory(credentialId, now);
      },
    );
  };
}
