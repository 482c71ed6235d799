import type { AdapterCallLog } from "@better-auth-tokens/test-utils";

export interface Measurement {
  opsPerSecond: number;
  p50Micros: number;
  p99Micros: number;
  adapterCallsPerOp: number;
  /** Calls to Redis `secondaryStorage` per operation; NaN on rows without it. */
  storageCallsPerOp: number;
  samples: number;
}

/** Warm-up of a row with calls in flight: a few of the invalidation log's poll intervals (250 ms). */
const WARM_UP_IN_FLIGHT_MS = 500;

export interface Round {
  opsPerSecond: number;
  latenciesMs: number[];
  adapterCalls: number;
  storageCalls: number;
}

/**
 * Runs `operation` back to back for `durationMs` after a short warm-up. One call at a time by
 * default, so latency is per call and not hidden by concurrency; with `inFlight` > 1, that many
 * calls are kept running at once, as a server keeps its requests, so a wait (a Redis round trip)
 * overlaps with other calls' work and the row measures throughput.
 */
export async function measureRound(
  operation: () => Promise<unknown>,
  options: { durationMs: number; inFlight?: number | undefined; adapterCalls?: AdapterCallLog | undefined; storageCalls?: { count: number } | undefined },
): Promise<Round> {
  const inFlight = options.inFlight ?? 1;
  const loop = async (until: number, latenciesMs?: number[]) => {
    while (performance.now() < until || (latenciesMs && latenciesMs.length < 5)) {
      const t0 = performance.now();
      await operation();
      latenciesMs?.push(performance.now() - t0);
    }
  };
  // With calls in flight, long enough for the instance to be warm again: one with Redis that sat
  // idle while the other rows ran re-reads the invalidation log before trusting its cache.
  const warmUpMs = inFlight > 1 ? WARM_UP_IN_FLIGHT_MS : Math.min(100, options.durationMs / 5);
  const warmUntil = performance.now() + warmUpMs;
  await Promise.all(Array.from({ length: inFlight }, () => loop(warmUntil)));

  const callsBefore = options.adapterCalls?.length ?? 0;
  const storageCallsBefore = options.storageCalls?.count ?? 0;
  const latenciesMs: number[] = [];
  const start = performance.now();
  await Promise.all(Array.from({ length: inFlight }, () => loop(start + options.durationMs, latenciesMs)));
  const elapsed = performance.now() - start;
  return {
    opsPerSecond: (latenciesMs.length / elapsed) * 1000,
    latenciesMs,
    adapterCalls: options.adapterCalls ? options.adapterCalls.length - callsBefore : Number.NaN,
    storageCalls: options.storageCalls ? options.storageCalls.count - storageCallsBefore : Number.NaN,
  };
}

/**
 * Combines rounds measured in turn with the other rows: throughput is the median round, so a GC
 * pause or a busy neighbour in one round does not decide a ratio; latencies pool every sample.
 */
export function summarize(rounds: Round[]): Measurement {
  const throughputs = rounds.map((round) => round.opsPerSecond).sort((a, b) => a - b);
  const latencies = rounds.flatMap((round) => round.latenciesMs).sort((a, b) => a - b);
  const at = (q: number) => latencies[Math.min(latencies.length - 1, Math.floor(q * latencies.length))]! * 1000;
  const calls = rounds.reduce((sum, round) => sum + round.adapterCalls, 0);
  const storageCalls = rounds.reduce((sum, round) => sum + round.storageCalls, 0);
  return {
    opsPerSecond: throughputs[Math.floor(throughputs.length / 2)]!,
    p50Micros: at(0.5),
    p99Micros: at(0.99),
    adapterCallsPerOp: calls / latencies.length,
    storageCallsPerOp: storageCalls / latencies.length,
    samples: latencies.length,
  };
}
