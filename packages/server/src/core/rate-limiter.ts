import type { RateLimitBudget } from "./rate-limit-budget";

/** Per-credential request limit. */
export interface RateLimitOption {
  /** Requests allowed per window. */
  max: number;
  /** Window length in seconds. */
  window: number;
}

/** With a limit, `budget` says what is left of it (the RateLimit response fields). */
export type RateLimitDecision =
  | { allowed: true; budget?: RateLimitBudget }
  | { allowed: false; retryAfterSeconds: number; budget?: RateLimitBudget };

/** Checks the option at plugin construction, so a bad limit fails at startup. */
export function validateRateLimit(option: RateLimitOption | false | undefined, optionName: string): RateLimitOption | false {
  if (!option) return false;
  if (!Number.isInteger(option.max) || option.max < 1) {
    throw new RangeError(`"${optionName}.max" must be a positive integer; got ${option.max}`);
  }
  if (!(option.window > 0)) {
    throw new RangeError(`"${optionName}.window" must be a positive number of seconds; got ${option.window}`);
  }
  return { max: option.max, window: option.window };
}

/**
 * Fixed-window limiter held in memory, one per plugin instance: no counter is written to the
 * database on each request (upstream writes one, which is what makes it slow at scale).
 * Exact within a process; each instance counts on its own. With `secondaryStorage` configured,
 * `createSharedRateLimiter` counts across instances and falls back to this one.
 */
export function createRateLimiter(option: RateLimitOption | false) {
  if (!option) return (_credentialId: string, _now?: number) => ({ allowed: true }) as RateLimitDecision;
  const windowMs = option.window * 1000;
  const windows = new Map<string, { start: number; count: number }>();
  return function consume(credentialId: string, now = Date.now()): RateLimitDecision {
    const current = windows.get(credentialId);
    if (!current || now - current.start >= windowMs) {
      windows.set(credentialId, { start: now, count: 1 });
      if (windows.size > 100_000) pruneExpired(windows, now, windowMs);
      return { allowed: true, budget: budgetOf(option, 1, windowMs / 1000) };
    }
    const resetSeconds = (current.start + windowMs - now) / 1000;
    if (current.count < option.max) {
      current.count += 1;
      return { allowed: true, budget: budgetOf(option, current.count, resetSeconds) };
    }
    return { allowed: false, retryAfterSeconds: Math.max(1, Math.ceil(resetSeconds)), budget: budgetOf(option, current.count, resetSeconds) };
  };
}

function pruneExpired(windows: Map<string, { start: number }>, now: number, windowMs: number) {
  for (const [id, window] of windows) if (now - window.start >= windowMs) windows.delete(id);
}

/** What a window with `count` requests counted leaves of the limit. */
export function budgetOf(option: RateLimitOption, count: number, resetSeconds: number): RateLimitBudget {
  return { limit: option.max, remaining: Math.max(0, option.max - count), resetSeconds: Math.max(0, Math.ceil(resetSeconds)), windowSeconds: option.window };
}
