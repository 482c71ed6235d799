import { credentialError } from "./credential-errors";

/** Expiry policy, all in seconds (one unit for every duration in this package). */
export interface ExpiryPolicy {
  /** Used when the request does not say. `null`: never expires. */
  defaultExpiresIn: number | null;
  minExpiresIn: number;
  maxExpiresIn: number | null;
  allowNoExpiry: boolean;
}

/** Which options the app set itself, so a startup error can say what to change. */
export interface ExpiryOptionsSet {
  allowNoExpiry: boolean;
  defaultExpiresIn: boolean;
}

export function validateExpiryPolicy(policy: ExpiryPolicy, set: ExpiryOptionsSet): ExpiryPolicy {
  const positive = (value: number | null, name: string) => {
    if (value !== null && !(Number.isFinite(value) && value > 0)) {
      throw new RangeError(`"${name}" must be a positive number of seconds or null; got ${value}`);
    }
  };
  positive(policy.defaultExpiresIn, "defaultExpiresIn");
  positive(policy.minExpiresIn, "minExpiresIn");
  positive(policy.maxExpiresIn, "maxExpiresIn");
  if (policy.maxExpiresIn !== null && policy.minExpiresIn > policy.maxExpiresIn) {
    throw new RangeError(`"minExpiresIn" must not exceed "maxExpiresIn"`);
  }
  if (policy.defaultExpiresIn === null && !policy.allowNoExpiry) {
    // Said in terms of what the user wrote: with a max, no expiry is off unless opted into.
    const reason = set.allowNoExpiry
      ? `"allowNoExpiry" is false`
      : `"maxExpiresIn" is set, so credentials must expire; set "defaultExpiresIn", or "allowNoExpiry: true"`;
    throw new RangeError(`"defaultExpiresIn" is null (never) but ${reason}`);
  }
  // The default is what a create without `expiresIn` asks for: outside the bounds, every such
  // create would answer 400 INVALID_EXPIRY. Refused here instead, where the fix is.
  const fallback = policy.defaultExpiresIn;
  const outside = fallback !== null && (fallback < policy.minExpiresIn || (policy.maxExpiresIn !== null && fallback > policy.maxExpiresIn));
  if (outside) {
    const which = set.defaultExpiresIn ? `"defaultExpiresIn" (${fallback})` : `the default "defaultExpiresIn" (${fallback}, not set)`;
    throw new RangeError(`${which} must lie within "minExpiresIn" (${policy.minExpiresIn}) and "maxExpiresIn" (${policy.maxExpiresIn ?? "none"}); set "defaultExpiresIn" within them`);
  }
  return policy;
}

/**
 * `allowNoExpiry` unless set: a `maxExpiresIn` would mean nothing if a user could still ask for
 * a credential that never expires, so setting one turns "never" off unless the app opts back in.
 */
export function defaultAllowNoExpiry(maxExpiresIn: number | null): boolean {
  return maxExpiresIn === null;
}

/**
 * The latest expiry every supported database can store: MySQL and MariaDB keep Better Auth's
 * dates in `TIMESTAMP`, which ends at 2038-01-19T03:14:07Z. mysql2 sends a date as Node's local
 * wall-clock time, which the database reads in its own session's time zone, so where the two
 * zones differ the stored instant moves by up to 26 hours (UTC+14 read as UTC−12): the bound
 * keeps that far from the end. One limit everywhere, so a credential that can be made on
 * PostgreSQL can be made on MySQL too, and a later date is a 400, never a database error.
 */
const TIMESTAMP_END = Date.UTC(2038, 0, 19, 3, 14, 7);
const WIDEST_TIME_ZONE_GAP_MS = 26 * 3600 * 1000;
export const LATEST_EXPIRY = new Date(TIMESTAMP_END - WIDEST_TIME_ZONE_GAP_MS);

/**
 * Turns a requested `expiresIn` (seconds; `null` for never; absent for the default) into a date.
 * Server-side calls may exceed the bounds that apply to signed-in users.
 */
export function resolveExpiresAt(
  requested: number | null | undefined,
  policy: ExpiryPolicy,
  enforceBounds: boolean,
  now = Date.now(),
): Date | null {
  const seconds = requested === undefined ? policy.defaultExpiresIn : requested;
  if (seconds === null) {
    if (enforceBounds && !policy.allowNoExpiry) throw credentialError("NO_EXPIRY_NOT_ALLOWED");
    return null;
  }
  if (enforceBounds) {
    const tooShort = seconds < policy.minExpiresIn;
    const tooLong = policy.maxExpiresIn !== null && seconds > policy.maxExpiresIn;
    if (tooShort || tooLong) throw credentialError("INVALID_EXPIRY");
  }
  const expiresAt = new Date(now + seconds * 1000);
  // Server-side calls too: no database write may fail on a date it cannot hold.
  if (!(expiresAt <= LATEST_EXPIRY)) throw credentialError("INVALID_EXPIRY");
  return expiresAt;
}
