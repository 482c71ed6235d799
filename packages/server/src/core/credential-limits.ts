import type { ResolvedClientQuota } from "./client-quota";
import { credentialError } from "./credential-errors";
import type { CredentialRow } from "./credential-table";
import type { LimitsInput } from "./limit-request-schemas";
import { usesAvailable } from "./usage-quota";

type QuotaColumns = Pick<CredentialRow, "remaining" | "refillAmount" | "refillInterval" | "lastRefillAt">;
type RateLimitColumns = Pick<CredentialRow, "rateLimitEnabled" | "rateLimitTimeWindow" | "rateLimitMax">;

/**
 * The quota and rate-limit columns a create (`current` null) or an update of `current` writes,
 * or the error that refuses it before anything is written. Server-side calls may set anything
 * consistent. A signed-in user may never set a rate limit, may set a quota only when the app
 * allows it (`clientQuota`), within its bounds, and once a credential has a quota, may only
 * tighten it: a user must not lift a limit the app put on their key.
 */
export function limitColumns(
  clientQuota: ResolvedClientQuota,
  signedIn: boolean,
  input: LimitsInput,
  current: CredentialRow | null,
  now = new Date(),
): Partial<QuotaColumns & RateLimitColumns> {
  const columns: Partial<QuotaColumns & RateLimitColumns> = {};
  const rateLimitAsked = input.rateLimitEnabled !== undefined || input.rateLimitTimeWindow !== undefined || input.rateLimitMax !== undefined;
  if (rateLimitAsked) {
    if (signedIn) throw credentialError("RATE_LIMIT_NOT_ALLOWED");
    Object.assign(columns, rateLimitColumns(input, current));
  }
  const quotaAsked = input.remaining !== undefined || input.refillAmount !== undefined || input.refillInterval !== undefined;
  if (quotaAsked) {
    if (signedIn && !clientQuota) throw credentialError("QUOTA_NOT_ALLOWED");
    const next = nextQuota(input, current);
    if (signedIn && clientQuota) checkClientQuota(clientQuota, input, next, current, now.getTime());
    // The refill clock starts again with every change, so a new quota is never refilled at once.
    Object.assign(columns, next, { lastRefillAt: next.remaining === null ? null : now });
  }
  return columns;
}

/** The quota after the change: absent fields keep the stored value; a refill alone starts at its amount. */
function nextQuota(input: LimitsInput, current: CredentialRow | null) {
  const pick = <K extends "remaining" | "refillAmount" | "refillInterval">(field: K) =>
    input[field] !== undefined ? input[field] : (current?.[field] ?? null);
  let remaining = pick("remaining");
  let refillAmount = pick("refillAmount");
  let refillInterval = pick("refillInterval");
  if (input.remaining === null) {
    // Removing the quota removes its refill; asking for both at once is a contradiction.
    if ((input.refillAmount ?? null) !== null || (input.refillInterval ?? null) !== null) throw credentialError("INVALID_QUOTA");
    refillAmount = null;
    refillInterval = null;
  }
  if ((refillAmount === null) !== (refillInterval === null)) throw credentialError("INVALID_QUOTA");
  if (remaining === null && refillAmount !== null) remaining = refillAmount;
  return { remaining, refillAmount, refillInterval };
}

function checkClientQuota(
  bounds: Exclude<ResolvedClientQuota, false>,
  input: LimitsInput,
  next: ReturnType<typeof nextQuota>,
  current: CredentialRow | null,
  now: number,
) {
  const beyond =
    (input.remaining != null && input.remaining > bounds.maxRemaining) ||
    (input.refillAmount != null && input.refillAmount > bounds.maxRemaining) ||
    (input.refillInterval != null && input.refillInterval < bounds.minRefillInterval);
  if (beyond) throw credentialError("QUOTA_NOT_ALLOWED");
  if (current?.remaining === null || current?.remaining === undefined) return;
  // The credential has a quota: only fewer uses, a smaller or slower refill, never none.
  const loosened =
    next.remaining === null ||
    next.remaining > usesAvailable(current, now) ||
    (next.refillAmount !== null &&
      (current.refillAmount == null ||
        current.refillInterval == null ||
        next.refillAmount > current.refillAmount ||
        next.refillInterval! < current.refillInterval));
  if (loosened) throw credentialError("QUOTA_NOT_ALLOWED");
}

/** `rateLimitEnabled: true` needs a window and a maximum, given now or kept from the credential's own. */
function rateLimitColumns(input: LimitsInput, current: CredentialRow | null): Partial<RateLimitColumns> {
  const enabled = input.rateLimitEnabled ?? true;
  const kept = current?.rateLimitEnabled === true ? current : null;
  const rateLimitTimeWindow = input.rateLimitTimeWindow ?? kept?.rateLimitTimeWindow ?? null;
  const rateLimitMax = input.rateLimitMax ?? kept?.rateLimitMax ?? null;
  if (!enabled) {
    return { rateLimitEnabled: false, ...(input.rateLimitTimeWindow !== undefined ? { rateLimitTimeWindow } : {}), ...(input.rateLimitMax !== undefined ? { rateLimitMax } : {}) };
  }
  if (rateLimitTimeWindow === null || rateLimitMax === null) throw credentialError("INVALID_RATE_LIMIT");
  return { rateLimitEnabled: true, rateLimitTimeWindow, rateLimitMax };
}
