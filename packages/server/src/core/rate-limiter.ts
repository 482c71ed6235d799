/** Per-credential request limit. */
export interface RateLimitOption {
  /** Requests allowed per window. */
  max: number;
  /** Window length in seconds. */
  window: number;
}

export type RateLimitDecision = { allowed: true } | { allowed: false; retryAfterSeconds: number };

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
      return { allowed: true };
    }
    if (current.count < option.max) {
      current.count += 1;
      return { allowed: true };
    }
    return { allowed: false, retryAfterSeconds: Math.max(1, Math.ceil((current.start + windowMs - now) / 1000)) };
  };
}

function pruneExpired(windows: Map<string, { start: number }>, now: number, windowMs: number) {
  for (const [id, window] of windows) if (now - window.start >= windowMs) windows.delete(id);
}
