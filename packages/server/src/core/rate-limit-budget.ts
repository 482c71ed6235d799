/**
 * What is left of a limit after a request: the credential's rate limit, its owner's, or its
 * usage quota. Sent as the RateLimit fields of the IETF draft (draft-ietf-httpapi-ratelimit-headers-06),
 * so clients can slow down before they get a 429.
 */
export interface RateLimitBudget {
  /** Requests the policy allows per window; unknown for a quota that never refills. */
  limit: number | undefined;
  /** Requests left in the current window, after this one. */
  remaining: number;
  /** Seconds until the window resets (or the quota refills); unknown for a quota that never refills. */
  resetSeconds: number | undefined;
  /** The window's length in seconds; unknown for a quota that never refills. */
  windowSeconds: number | undefined;
}

/**
 * The budget that binds the client first: the one with fewer requests left (the draft asks for
 * the policy closest to exhaustion when several apply); on a tie, the one that resets later.
 */
export function tighterBudget(a: RateLimitBudget | undefined, b: RateLimitBudget | undefined): RateLimitBudget | undefined {
  if (!a) return b;
  if (!b) return a;
  if (a.remaining !== b.remaining) return a.remaining < b.remaining ? a : b;
  return (a.resetSeconds ?? Infinity) >= (b.resetSeconds ?? Infinity) ? a : b;
}

/** Shared by every answer without a limit: the hot path allocates nothing for it. */
export const NO_RATE_LIMIT_HEADERS: Readonly<Record<string, string>> = Object.freeze({});

/**
 * `RateLimit-Limit`, `RateLimit-Remaining`, `RateLimit-Reset` (seconds) and `RateLimit-Policy`
 * (`<limit>;w=<window seconds>`), each only when known: a quota that never refills has no window,
 * so it sends `RateLimit-Remaining` alone.
 */
export function rateLimitHeaders(budget: RateLimitBudget | undefined, into: Record<string, string> = {}): Record<string, string> {
  if (!budget) return into;
  if (budget.limit !== undefined) into["RateLimit-Limit"] = String(budget.limit);
  into["RateLimit-Remaining"] = String(Math.max(0, budget.remaining));
  if (budget.resetSeconds !== undefined) into["RateLimit-Reset"] = String(Math.max(0, Math.ceil(budget.resetSeconds)));
  if (budget.limit !== undefined && budget.windowSeconds !== undefined) {
    into["RateLimit-Policy"] = `${budget.limit};w=${Math.max(1, Math.round(budget.windowSeconds))}`;
  }
  return into;
}
