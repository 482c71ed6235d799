import autocannon from "autocannon";
import { fork } from "node:child_process";
import { once } from "node:events";
import { fileURLToPath } from "node:url";
import type { ServerMessage } from "./http-server";

export const HTTP_CONNECTIONS = 50;
/** Rounds per route, alternating the order of the routes so that drift on a shared machine hits each alike. */
export const HTTP_ROUNDS = 3;

export interface HttpRouteMeasurement {
  route: "protected" | "hashed" | "passthrough" | "open";
  requestsPerSecond: number;
  p50Ms: number;
  p99Ms: number;
  /** The server process's CPU time over wall time: near 1, the server (one event loop) is the limit. */
  serverCpu: number;
  requests: number;
}

export interface HttpMeasurement {
  connections: number;
  secondsPerRoute: number;
  protectedRoute: HttpRouteMeasurement;
  /** The same route behind a middleware that only hashes the header: what any hashed key costs. */
  hashedRoute: HttpRouteMeasurement;
  /** The same route behind a middleware that calls `next()` and nothing else: Hono's chain alone. */
  passthroughRoute: HttpRouteMeasurement;
  openRoute: HttpRouteMeasurement;
  /** Protected over open: the goal. */
  ratio: number;
  /** Hash-only over open: the most a check of a key stored hashed can reach on this machine. */
  hashedRatio: number;
  /** Do-nothing middleware over open: the most any middleware can reach on this machine. */
  passthroughRatio: number;
}

/**
 * The same Hono route behind `requireCredential`, behind a hash of the header alone, behind a
 * middleware that does nothing, and open, served over loopback HTTP by a child
 * process and loaded by autocannon from this one, 50 connections. The server gets a process (an
 * event loop, a core) of its own, as in production: on 2 cores, a load generator sharing its
 * event loop would take half of the server's time and hide what verification costs.
 */
export async function measureHttp(secondsPerRoute: number): Promise<HttpMeasurement> {
  // This process's execArgv (tsx's loader, the source condition), plus a CPU profile on request.
  const profileDir = process.env.BENCH_HTTP_CPU_PROF;
  const execArgv = [...process.execArgv, ...(profileDir ? ["--cpu-prof", `--cpu-prof-dir=${profileDir}`] : [])];
  const child = fork(fileURLToPath(new URL("./http-server.ts", import.meta.url)), { execArgv, stdio: ["ignore", "inherit", "inherit", "ipc"] });
  const messages: ServerMessage[] = [];
  let arrived: (() => void) | undefined;
  child.on("message", (message: ServerMessage) => {
    messages.push(message);
    arrived?.();
  });
  const exited = once(child, "exit").then(([code]) => {
    throw new Error(`the HTTP benchmark server exited with ${code}`);
  });
  exited.catch(() => {});
  const next = async <T extends ServerMessage["type"]>(type: T) => {
    for (;;) {
      const index = messages.findIndex((m) => m.type === type);
      if (index >= 0) return messages.splice(index, 1)[0] as Extract<ServerMessage, { type: T }>;
      await Promise.race([new Promise<void>((resolve) => (arrived = resolve)), exited]);
    }
  };
  const serverCpuMicros = async () => {
    child.send("cpu");
    return (await next("cpu")).micros;
  };

  try {
    const { port, key } = await next("ready");
    const routes = {
      protected: { url: `http://127.0.0.1:${port}/protected`, headers: { "x-api-key": key } },
      hashed: { url: `http://127.0.0.1:${port}/hashed`, headers: { "x-api-key": key } },
      passthrough: { url: `http://127.0.0.1:${port}/passthrough`, headers: { "x-api-key": key } },
      open: { url: `http://127.0.0.1:${port}/open`, headers: {} },
    };
    const load = async (route: keyof typeof routes, seconds: number) => {
      const cpuBefore = await serverCpuMicros();
      const result = await autocannon({ ...routes[route], connections: HTTP_CONNECTIONS, duration: seconds });
      const cpu = (await serverCpuMicros()) - cpuBefore;
      const failed = result.non2xx + result.errors + result.timeouts;
      if (failed > 0) throw new Error(`HTTP row: ${failed} of ${result.requests.total} requests to /${route} failed`);
      return {
        route,
        requestsPerSecond: result.requests.total / result.duration,
        p50Ms: result.latency.p50,
        p99Ms: result.latency.p99,
        serverCpu: cpu / (result.duration * 1e6),
        requests: result.requests.total,
      } satisfies HttpRouteMeasurement;
    };

    // Warm-up: JIT, the credential cache, keep-alive connections; not counted.
    const names = ["protected", "hashed", "passthrough", "open"] as const;
    for (const route of names) await load(route, 1);
    const rounds: Record<keyof typeof routes, HttpRouteMeasurement[]> = { protected: [], hashed: [], passthrough: [], open: [] };
    const seconds = secondsPerRoute / HTTP_ROUNDS;
    for (let round = 0; round < HTTP_ROUNDS; round++) {
      const order = round % 2 === 0 ? names : [...names].reverse();
      for (const route of order) rounds[route].push(await load(route, seconds));
    }
    const protectedRoute = medianRound(rounds.protected);
    const hashedRoute = medianRound(rounds.hashed);
    const passthroughRoute = medianRound(rounds.passthrough);
    const openRoute = medianRound(rounds.open);
    return {
      connections: HTTP_CONNECTIONS,
      secondsPerRoute,
      protectedRoute,
      hashedRoute,
      passthroughRoute,
      openRoute,
      ratio: protectedRoute.requestsPerSecond / openRoute.requestsPerSecond,
      hashedRatio: hashedRoute.requestsPerSecond / openRoute.requestsPerSecond,
      passthroughRatio: passthroughRoute.requestsPerSecond / openRoute.requestsPerSecond,
    };
  } finally {
    // Disconnecting lets the server close and exit by itself (and write its profile, if asked).
    child.disconnect();
    await Promise.race([exited.catch(() => {}), new Promise((resolve) => setTimeout(resolve, 2000).unref())]);
    child.kill();
  }
}

/** The round of median throughput, as the in-process rows: one disturbed round decides nothing. */
function medianRound(rounds: HttpRouteMeasurement[]): HttpRouteMeasurement {
  const sorted = [...rounds].sort((a, b) => a.requestsPerSecond - b.requestsPerSecond);
  return sorted[Math.floor(sorted.length / 2)]!;
}
