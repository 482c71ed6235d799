import type { AuthContext } from "better-auth";
import type { CredentialConfig } from "./credential-config";
import type { CredentialRow } from "./credential-table";
import { createRateLimiter, type RateLimitDecision, type RateLimitOption } from "./rate-limiter";
import { createSharedRateLimiter, createSharedStorageHealth } from "./shared-rate-limiter";
import { createTtlLru } from "./ttl-lru";
import { tighterBudget, type RateLimitBudget } from "./rate-limit-budget";
import type { CredentialOwner } from "./verified-cache";

/** `budget`: what is left of the limit closest to exhaustion, when any limit applies. */
export type LimitDecision =
  | { allowed: true; budget?: RateLimitBudget | undefined }
  | { allowed: false; code: "RATE_LIMITED" | "OWNER_RATE_LIMITED"; retryAfterSeconds: number; budget?: RateLimitBudget | undefined };

type Consume = (id: string) => RateLimitDecision | Promise<RateLimitDecision>;

const ALLOWED: LimitDecision = { allowed: true };
/** Distinct per-credential limits (max and window) whose counters are kept at once. */
const MAX_DISTINCT_LIMITS = 1_000;

/**
 * The request limits of one kind, checked on every verification: the credential's own limit
 * (`rateLimitEnabled` with `rateLimitMax` per `rateLimitTimeWindow` ms, set by the server) or
 * else the plugin's `rateLimit`; then `ownerRateLimit`, one count for all of an owner's
 * credentials, so that making more keys buys no more rate. Each counts in `secondaryStorage`
 * when it has `increment` (exact across instances), in memory otherwise. Without storage the
 * answer is synchronous: the hot path takes no promise.
 *
 * A credential's own limit is read only for credentials in our format (`ownFormat`): rows made
 * by upstream carry upstream's limit columns (on by default, 10 a day), which our limiter has
 * never applied to them.
 */
export function createRequestLimits(config: CredentialConfig, context: AuthContext) {
  const namespace = `better-auth-tokens:rate-limit:${config.configId}`;
  const increment = context.secondaryStorage?.increment;
  const shared = typeof increment === "function";
  if (!shared && context.secondaryStorage && (config.rateLimit || config.ownerRateLimit)) {
    context.logger.warn("Credential rate limit: secondaryStorage has no increment(); counting per instance");
  }
  // One state for the storage across this kind's limits: an outage is logged and probed once.
  const health = createSharedStorageHealth();
  const limiter = (option: RateLimitOption | false, counterNamespace: string): Consume => {
    if (!option || !shared) return createRateLimiter(option);
    return createSharedRateLimiter(option, {
      increment: increment.bind(context.secondaryStorage),
      namespace: counterNamespace,
      timeoutMs: config.verificationTimeoutMs,
      logger: context.logger,
      health,
    });
  };
  const pluginLimit = limiter(config.rateLimit, namespace);
  const ownerLimit = config.ownerRateLimit ? limiter(config.ownerRateLimit, `${namespace}:owner`) : null;
  const ownLimits = createTtlLru<string, Consume>({ max: MAX_DISTINCT_LIMITS, ttlMs: 24 * 60 * 60 * 1000 });

  function limitOf(row: CredentialRow, ownFormat: boolean): Consume {
    const own = ownFormat ? ownRateLimit(row) : null;
    if (!own) return pluginLimit;
    // Counters are keyed by the window too: a changed window starts a fresh count.
    const key = `${own.max}/${own.window}`;
    let consume = ownLimits.get(key);
    if (!consume) {
      consume = limiter(own, `${namespace}:own-${own.window * 1000}ms`);
      ownLimits.set(key, consume);
    }
    return consume;
  }

  return function consume(row: CredentialRow, owner: CredentialOwner, ownFormat: boolean): LimitDecision | Promise<LimitDecision> {
    // Nothing to count: the common case costs no call at all.
    if (!config.rateLimit && !ownerLimit && !(ownFormat && row.rateLimitEnabled === true)) return ALLOWED;
    return then(limitOf(row, ownFormat)(row.id), (byCredential): LimitDecision | Promise<LimitDecision> => {
      if (!byCredential.allowed) return { allowed: false, code: "RATE_LIMITED", retryAfterSeconds: byCredential.retryAfterSeconds, budget: byCredential.budget };
      if (!ownerLimit) return { allowed: true, budget: byCredential.budget };
      return then(ownerLimit(owner.id), (byOwner): LimitDecision => {
        if (!byOwner.allowed) return { allowed: false, code: "OWNER_RATE_LIMITED", retryAfterSeconds: byOwner.retryAfterSeconds, budget: byOwner.budget };
        return { allowed: true, budget: tighterBudget(byCredential.budget, byOwner.budget) };
      });
    });
  };
}

/** The limit a server set on this credential, in `RateLimitOption`'s seconds; `null` for the plugin's. */
function ownRateLimit(row: CredentialRow): RateLimitOption | null {
  if (row.rateLimitEnabled !== true) return null;
  const { rateLimitMax: max, rateLimitTimeWindow: windowMs } = row;
  if (!max || !windowMs || max < 1 || windowMs < 1) return null;
  return { max, window: windowMs / 1000 };
}

/** Chains without a promise when the value is already there. */
function then<T, R>(value: T | Promise<T>, next: (settled: T) => R | Promise<R>): R | Promise<R> {
  return value instanceof Promise ? value.then(next) : next(value);
}
