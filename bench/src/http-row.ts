import autocannon from "autocannon";
import { fork } from "node:child_process";
import { once } from "node:events";
import { fileURLToPath } from "node:url";
import type { ServerMessage } from "./http-server";

export const HTTP_CONNECTIONS = 50;
/**
 * Rounds per route. Each round loads every route once, in an order that alternates from round to
 * round; drift on a shared machine moves over seconds, so each ratio is taken within a round,
 * between routes loaded one after the other, and the median round's ratio is reported.
 */
export const HTTP_ROUNDS = 5;

/**
 * The routes in the order of the even rounds (odd rounds reverse it): each route compared with
 * `open` sits next to it or close to it, the goal's route (`handler`) always right beside it.
 */
export const HTTP_ROUTE_NAMES = ["protected", "hashed", "passthrough", "handler", "open"] as const;
export type HttpRouteName = (typeof HTTP_ROUTE_NAMES)[number];

export interface HttpRouteMeasurement {
  route: HttpRouteName;
  requestsPerSecond: number;
  p50Ms: number;
  p99Ms: number;
  /** The server process's CPU time over wall time: near 1, the server (one event loop) is the limit. */
  serverCpu: number;
  /**
   * The part of `serverCpu` spent in the process itself (JavaScript, V8, Node), not in the
   * kernel: what a route's own code costs shows here, the socket's system calls do not.
   */
  serverUserCpu: number;
  requests: number;
  /** Throughput over `open`'s in the same rounds: the median of the rounds' ratios. */
  ratioToOpen: number;
}

export interface HttpMeasurement {
  connections: number;
  secondsPerRoute: number;
  /** Each route's median round, in `HTTP_ROUTE_NAMES` order. */
  routes: Record<HttpRouteName, HttpRouteMeasurement>;
}

/**
 * The same Hono route behind `requireCredential`, behind a hash of the header alone, behind a
 * middleware that does nothing, wrapped by `withCredential`, and open, served over loopback HTTP by a child
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
    const { userMicros, systemMicros } = await next("cpu");
    return { user: userMicros, total: userMicros + systemMicros };
  };

  try {
    const { port, key } = await next("ready");
    const routes = {
      protected: { url: `http://127.0.0.1:${port}/protected`, headers: { "x-api-key": key } },
      hashed: { url: `http://127.0.0.1:${port}/hashed`, headers: { "x-api-key": key } },
      passthrough: { url: `http://127.0.0.1:${port}/passthrough`, headers: { "x-api-key": key } },
      handler: { url: `http://127.0.0.1:${port}/handler`, headers: { "x-api-key": key } },
      open: { url: `http://127.0.0.1:${port}/open`, headers: {} },
    };
    const load = async (route: HttpRouteName, seconds: number) => {
      const cpuBefore = await serverCpuMicros();
      const result = await autocannon({ ...routes[route], connections: HTTP_CONNECTIONS, duration: seconds });
      const cpuAfter = await serverCpuMicros();
      const failed = result.non2xx + result.errors + result.timeouts;
      if (failed > 0) throw new Error(`HTTP row: ${failed} of ${result.requests.total} requests to /${route} failed`);
      return {
        route,
        requestsPerSecond: result.requests.total / result.duration,
        p50Ms: result.latency.p50,
        p99Ms: result.latency.p99,
        serverCpu: (cpuAfter.total - cpuBefore.total) / (result.duration * 1e6),
        serverUserCpu: (cpuAfter.user - cpuBefore.user) / (result.duration * 1e6),
        requests: result.requests.total,
      };
    };

    // Warm-up: JIT, the credential cache, keep-alive connections; not counted.
    for (const route of HTTP_ROUTE_NAMES) await load(route, 1);
    type Round = Record<HttpRouteName, Omit<HttpRouteMeasurement, "ratioToOpen">>;
    const rounds: Round[] = [];
    // Whole seconds: autocannon stops on its one-second tick, so 1.8 s would run 2.
    const seconds = Math.max(1, Math.round(secondsPerRoute / HTTP_ROUNDS));
    for (let index = 0; index < HTTP_ROUNDS; index++) {
      const order = index % 2 === 0 ? HTTP_ROUTE_NAMES : [...HTTP_ROUTE_NAMES].reverse();
      const round = {} as Round;
      for (const route of order) round[route] = await load(route, seconds);
      rounds.push(round);
    }
    const measured = {} as Record<HttpRouteName, HttpRouteMeasurement>;
    for (const route of HTTP_ROUTE_NAMES) {
      const ratioToOpen = median(rounds.map((round) => round[route].requestsPerSecond / round.open.requestsPerSecond));
      measured[route] = { ...medianRound(rounds.map((round) => round[route])), ratioToOpen };
    }
    return { connections: HTTP_CONNECTIONS, secondsPerRoute: seconds * HTTP_ROUNDS, routes: measured };
  } finally {
    // Disconnecting lets the server close and exit by itself (and write its profile, if asked).
    child.disconnect();
    await Promise.race([exited.catch(() => {}), new Promise((resolve) => setTimeout(resolve, 2000).unref())]);
    child.kill();
  }
}

/** The round of median throughput, as the in-process rows: one disturbed round decides nothing. */
function medianRound<T extends { requestsPerSecond: number }>(rounds: T[]): T {
  const sorted = [...rounds].sort((a, b) => a.requestsPerSecond - b.requestsPerSecond);
  return sorted[Math.floor(sorted.length / 2)]!;
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)]!;
}
