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

export interface Round {
  opsPerSecond: number;
  latenciesMs: number[];
  adapterCalls: number;
  storageCalls: number;
}

/**
 * Runs `operation` back to back for `durationMs` after a short warm-up, one call at a time (so
 * latency is per call, not hidden by concurrency).
 */
export async function measureRound(
  operation: () => Promise<unknown>,
  options: { durationMs: number; adapterCalls?: AdapterCallLog | undefined; storageCalls?: { count: number } | undefined },
): Promise<Round> {
  const warmUntil = performance.now() + Math.min(100, options.durationMs / 5);
  while (performance.now() < warmUntil) await operation();

  const callsBefore = options.adapterCalls?.length ?? 0;
  const storageCallsBefore = options.storageCalls?.count ?? 0;
  const latenciesMs: number[] = [];
  const start = performance.now();
  const end = start + options.durationMs;
  while (performance.now() < end || latenciesMs.length < 5) {
    const t0 = performance.now();
    await operation();
    latenciesMs.push(performance.now() - t0);
  }
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
