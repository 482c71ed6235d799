import { credentialError } from "./credential-errors";
import { LATEST_EXPIRY } from "./expiry";

/** How long a rolled credential's previous secret keeps working. Seconds, like every duration here. */
export interface RollOptions {
  /**
   * Seconds the previous secret keeps working after a roll when the caller does not say
   * (`gracePeriod` left out), so clients can switch to the new secret without an outage.
   * `0` stops the previous secret at once.
   * @default 86400 (one day), or `maxRollGracePeriod` when that is lower
   */
  rollGracePeriod?: number | undefined;
  /**
   * Longest `gracePeriod` a signed-in user may ask for; more answers 400 `INVALID_GRACE_PERIOD`.
   * Server-side calls (no request, no headers) may ask for more.
   * @default 604800 (seven days)
   */
  maxRollGracePeriod?: number | undefined;
}

export interface RollPolicy {
  defaultGracePeriod: number;
  maxGracePeriod: number;
}

const DEFAULT_GRACE_PERIOD = 24 * 3600;
const DEFAULT_MAX_GRACE_PERIOD = 7 * 24 * 3600;

/** Checks the options at plugin construction, so bad values fail at startup. */
export function resolveRollPolicy(options: RollOptions): RollPolicy {
  const maxGracePeriod = options.maxRollGracePeriod ?? DEFAULT_MAX_GRACE_PERIOD;
  const defaultGracePeriod = options.rollGracePeriod ?? Math.min(DEFAULT_GRACE_PERIOD, maxGracePeriod);
  for (const [name, value] of [["rollGracePeriod", defaultGracePeriod], ["maxRollGracePeriod", maxGracePeriod]] as const) {
    if (!(Number.isFinite(value) && value >= 0)) throw new RangeError(`"${name}" must be a non-negative number of seconds; got ${value}`);
  }
  if (defaultGracePeriod > maxGracePeriod) throw new RangeError(`"rollGracePeriod" must not exceed "maxRollGracePeriod"`);
  return { defaultGracePeriod, maxGracePeriod };
}

/**
 * When the previous secret stops: `null` for at once (a grace period of 0). The maximum binds
 * signed-in callers only, as expiry bounds do; no deadline may be later than a database can store.
 */
export function resolveGraceDeadline(requested: number | undefined, policy: RollPolicy, enforceBounds: boolean, now: number): Date | null {
  const seconds = requested ?? policy.defaultGracePeriod;
  if (enforceBounds && seconds > policy.maxGracePeriod) throw credentialError("INVALID_GRACE_PERIOD");
  if (seconds === 0) return null;
  const deadline = new Date(now + seconds * 1000);
  if (!(deadline <= LATEST_EXPIRY)) throw credentialError("INVALID_GRACE_PERIOD");
  return deadline;
}
