import type { BetterAuthOptions } from "better-auth";

export type AdapterCallLog = { method: string; model: string }[];

/**
 * Runs before each adapter call: throw to make the call fail, or return a promise to stall it.
 * Tests use it to put faults where a real database would have them. `args` is what the call was
 * given (its `data`, its `where`), for a fault that carries them as a driver's error does.
 */
export type AdapterInterceptor = (call: { method: string; model: string }, args: AdapterCallArgs) => void | Promise<void>;

export interface AdapterCallArgs {
  model: string;
  data?: unknown;
  where?: unknown;
}

/** A slot a test fills with an interceptor and empties again; the adapter reads it on each call. */
export interface AdapterFaults {
  intercept: AdapterInterceptor | undefined;
  /** Runs after the call has read or written, before its result is returned: a slow network. */
  afterCall?: AdapterInterceptor | undefined;
}

const COUNTED_METHODS = [
  "create",
  "findOne",
  "findMany",
  "count",
  "update",
  "updateMany",
  "delete",
  "deleteMany",
  "consumeOne",
  "incrementOne",
] as const;

/** Methods that only read; everything else in COUNTED_METHODS writes. */
export const READ_METHODS = new Set(["findOne", "findMany", "count"]);

/**
 * Wraps an adapter factory so each call is appended to `log`: tests assert how many
 * reads and writes a request made, against a real adapter rather than a mock.
 */
export function countAdapterCalls<F extends (options: BetterAuthOptions) => object>(
  factory: F,
  log: AdapterCallLog,
  faults: AdapterFaults = { intercept: undefined },
): F {
  const counted = (options: BetterAuthOptions) => wrapAdapter(factory(options) as Record<string, unknown>, log, faults);
  return counted as F;
}

function wrapAdapter(adapter: Record<string, unknown>, log: AdapterCallLog, faults: AdapterFaults): Record<string, unknown> {
  const wrapped: Record<string, unknown> = { ...adapter };
  for (const method of COUNTED_METHODS) {
    const original = adapter[method] as ((args: { model: string }) => unknown) | undefined;
    if (typeof original !== "function") continue;
    wrapped[method] = async (args: AdapterCallArgs) => {
      const call = { method, model: args.model };
      log.push(call);
      await faults.intercept?.(call, args);
      const result = await original.call(adapter, args);
      await faults.afterCall?.(call, args);
      return result;
    };
  }
  const transaction = adapter.transaction as ((cb: (trx: unknown) => unknown) => unknown) | undefined;
  if (typeof transaction === "function") {
    // Work inside a transaction runs on a second adapter: count it too.
    wrapped.transaction = (cb: (trx: unknown) => unknown) =>
      transaction.call(adapter, (trx: unknown) => cb(wrapAdapter(trx as Record<string, unknown>, log, faults)));
  }
  return wrapped;
}

/** Splits a slice of the log into reads and writes, for compact assertions. */
export function summarizeAdapterCalls(log: AdapterCallLog) {
  const reads = log.filter((call) => READ_METHODS.has(call.method));
  return { reads: reads.length, writes: log.length - reads.length, calls: log };
}
