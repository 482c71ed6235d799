import { MAX_STORED_INTEGER } from "./limit-request-schemas";

/**
 * Bounds on the usage quota a signed-in user may give their own credentials. A quota only ever
 * restricts a credential, so the risk is a user lifting one the app set: after create, a
 * signed-in user may only tighten a quota (see `credential-limits.ts`), whatever these bounds say.
 */
export interface ClientQuotaOption {
  /**
   * Most uses a signed-in user may put in `remaining` or `refillAmount`.
   * @default 2147483647 (the column's limit)
   */
  maxRemaining?: number | undefined;
  /**
   * Shortest `refillInterval`, in milliseconds, a signed-in user may ask for.
   * @default 60000
   */
  minRefillInterval?: number | undefined;
}

export type ResolvedClientQuota = false | { maxRemaining: number; minRefillInterval: number };

/** Applies the defaults and checks the option at plugin construction, so bad values fail at startup. */
export function resolveClientQuota(option: ClientQuotaOption | boolean | undefined, optionName: string): ResolvedClientQuota {
  if (!option) return false;
  const bounds = option === true ? {} : option;
  const maxRemaining = bounds.maxRemaining ?? MAX_STORED_INTEGER;
  const minRefillInterval = bounds.minRefillInterval ?? 60_000;
  if (!Number.isInteger(maxRemaining) || maxRemaining < 1 || maxRemaining > MAX_STORED_INTEGER) {
    throw new RangeError(`"${optionName}.maxRemaining" must be an integer from 1 to ${MAX_STORED_INTEGER}; got ${maxRemaining}`);
  }
  if (!Number.isInteger(minRefillInterval) || minRefillInterval < 1 || minRefillInterval > MAX_STORED_INTEGER) {
    throw new RangeError(`"${optionName}.minRefillInterval" must be an integer number of milliseconds from 1 to ${MAX_STORED_INTEGER}; got ${minRefillInterval}`);
  }
  return { maxRemaining, minRefillInterval };
}
