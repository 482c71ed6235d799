import type { CredentialRow } from "./credential-table";
import type { CredentialStore, StoreAdapter } from "./credential-store";
import type { RateLimitBudget } from "./rate-limit-budget";

/** Rounds before giving up; a round is lost only when another request changed the row in between. */
const MAX_ATTEMPTS = 10;

export type UsageOutcome =
  /** One use spent; `row` is the credential as it is after it (its `remaining`, `lastRefillAt`). */
  | { decision: "allowed"; row: CredentialRow }
  /** No use left; `retryAfterSeconds` when a refill is coming. */
  | { decision: "exceeded"; retryAfterSeconds?: number | undefined; budget: RateLimitBudget }
  /** The row was deleted meanwhile. */
  | { decision: "gone" }
  | { decision: "contended" };

/**
 * Spends one use of a credential with a usage quota (`remaining`, refilled to `refillAmount`
 * every `refillInterval` ms after `lastRefillAt`, as upstream refills). Every decision is the
 * database's: `row` (often from the cache) only says which conditional write to try, and the
 * write is guarded, so a stale row costs a round, never a use too many.
 */
export async function spendUse(adapter: StoreAdapter, store: CredentialStore, row: CredentialRow, now = Date.now()): Promise<UsageOutcome> {
  let current = row;
  for (let attempt = 0; attempt < MAX_ATTEMPTS; attempt += 1) {
    // The quota was removed since the row was read: nothing to spend.
    if (current.remaining === null || current.remaining === undefined) return { decision: "allowed", row: current };
    const spent = isRefillDue(current, now)
      ? await store.refillAndSpendOne(adapter, current, current.refillAmount!, new Date(now - current.refillInterval!), new Date(now))
      : await store.spendOne(adapter, current.id);
    if (spent) return { decision: "allowed", row: spent };
    const fresh = await store.findById(adapter, current.id);
    if (!fresh) return { decision: "gone" };
    if (fresh.remaining !== null && fresh.remaining !== undefined && usesAvailable(fresh, now) <= 0) {
      return { decision: "exceeded", retryAfterSeconds: secondsUntilRefill(fresh, now), budget: { ...quotaBudget(fresh, now), remaining: 0 } };
    }
    current = fresh;
  }
  return { decision: "contended" };
}

/** The uses a request could take now: the refill's amount once it is due, else what is left. */
export function usesAvailable(row: CredentialRow, now: number): number {
  return isRefillDue(row, now) ? row.refillAmount! : (row.remaining ?? 0);
}

/**
 * What a quota leaves after a use, as a rate-limit budget: a refilling quota is a policy of
 * `refillAmount` per `refillInterval`; one that never refills has no window, only what is left.
 */
export function quotaBudget(row: CredentialRow, now = Date.now()): RateLimitBudget {
  const remaining = row.remaining ?? 0;
  if (!row.refillInterval || !row.refillAmount) return { limit: undefined, remaining, resetSeconds: undefined, windowSeconds: undefined };
  const resetSeconds = Math.max(0, Math.ceil((refillBase(row) + row.refillInterval - now) / 1000));
  return { limit: row.refillAmount, remaining, resetSeconds, windowSeconds: row.refillInterval / 1000 };
}

function isRefillDue(row: CredentialRow, now: number) {
  if (!row.refillInterval || !row.refillAmount) return false;
  return now - refillBase(row) >= row.refillInterval;
}

/** `Retry-After` for a used-up credential: until its next refill; none without a refill. */
function secondsUntilRefill(row: CredentialRow, now: number): number | undefined {
  if (!row.refillInterval || !row.refillAmount) return undefined;
  return Math.max(1, Math.ceil((refillBase(row) + row.refillInterval - now) / 1000));
}

function refillBase(row: CredentialRow): number {
  return new Date(row.lastRefillAt ?? row.createdAt).getTime();
}
