import type { ClientSize } from "./client-size";
import { HTTP_ROUTE_NAMES, type HttpMeasurement, type HttpRouteMeasurement, type HttpRouteName } from "./http-row";
import type { Measurement } from "./measure";
import { IN_FLIGHT } from "./scenarios";

export interface Row extends Measurement {
  backend: string;
  keys: number;
  id: string;
  label: string;
  cache: string;
  /** Calls at once: 1 is one at a time (latency); more measures throughput. */
  inFlight: number;
}

const fmt = (n: number) => Math.round(n).toLocaleString("en");
/** Redis calls per operation: four decimals, so the background poll (a few per second) shows. */
export const formatStorageCalls = (perOp: number) => (Number.isNaN(perOp) ? "-" : perOp.toFixed(4));

export function renderTable(rows: Row[]): string {
  const lines = [
    "| backend | keys | row | cache | in flight | ops/s | p50 µs | p99 µs | adapter calls/op | Redis calls/op |",
    "| --- | ---: | --- | --- | ---: | ---: | ---: | ---: | ---: | ---: |",
  ];
  for (const row of rows) {
    const calls = Number.isNaN(row.adapterCallsPerOp) ? "-" : row.adapterCallsPerOp.toFixed(2);
    lines.push(
      `| ${row.backend} | ${fmt(row.keys)} | (${row.id}) ${row.label} | ${row.cache} | ${row.inFlight} | ${fmt(row.opsPerSecond)} | ${row.p50Micros.toFixed(0)} | ${row.p99Micros.toFixed(0)} | ${calls} | ${formatStorageCalls(row.storageCallsPerOp)} |`,
    );
  }
  return lines.join("\n");
}

export const HTTP_ROUTES: Record<HttpRouteName, string> = {
  protected: "GET /protected: requireCredential(createVerifier(auth)), X-API-Key",
  hashed: "GET /hashed: a middleware that only SHA-256es the X-API-Key header",
  passthrough: "GET /passthrough: a middleware that only calls next()",
  handler: "GET /handler: withCredential(verifier, handler), X-API-Key",
  open: "GET /open: the same handler, no middleware",
};

export function renderHttpTable(http: HttpMeasurement): string {
  const lines = [
    `| HTTP route (Hono, @hono/node-server on 127.0.0.1, autocannon, ${http.connections} connections) | req/s | p50 ms | p99 ms | server CPU | server CPU µs/req (user + system) | / open |`,
    "| --- | ---: | ---: | ---: | ---: | ---: | ---: |",
  ];
  for (const name of HTTP_ROUTE_NAMES) {
    const route = http.routes[name];
    lines.push(
      `| ${HTTP_ROUTES[name]} | ${fmt(route.requestsPerSecond)} | ${route.p50Ms} | ${route.p99Ms} | ${Math.round(route.serverCpu * 100)} % | ${formatCpuPerRequest(route)} | ${route.ratioToOpen.toFixed(2)} |`,
    );
  }
  return lines.join("\n");
}

/**
 * What one request cost the server's process, user and system time: what it would serve with a
 * core to itself. Throughput also moves with how much of a core the server got on a shared VM.
 */
export function cpuMicrosPerRequest(route: HttpRouteMeasurement, part: "total" | "user" = "total"): number {
  return ((part === "user" ? route.serverUserCpu : route.serverCpu) * 1e6) / route.requestsPerSecond;
}

/**
 * "31.8 (12.1 + 19.7)": the whole, then user and system time apart. A route's own code is user
 * time; on a virtual machine the socket's system calls can cost more than all of it.
 */
export function formatCpuPerRequest(route: HttpRouteMeasurement): string {
  const total = cpuMicrosPerRequest(route);
  const user = cpuMicrosPerRequest(route, "user");
  return `${total.toFixed(1)} (${user.toFixed(1)} + ${(total - user).toFixed(1)})`;
}

/** The targets of the performance issue, each as a measured ratio beside its goal. */
export function renderRatios(rows: Row[], clientGzipBytes: ClientSize, extra: { redisSkipped: string | undefined; http: HttpMeasurement }) {
  const ops = (backend: string, keys: number, id: string, cache = "-", inFlight = 1) =>
    rows.find((r) => r.backend === backend && r.keys === keys && r.id === id && r.cache === cache && r.inFlight === inFlight)?.opsPerSecond ?? Number.NaN;
  const keyCounts = (backend: string) => [...new Set(rows.filter((r) => r.backend === backend).map((r) => r.keys))];
  /** `info`: shown for what it explains, with no goal of its own. */
  const checks: { name: string; value: number; goal: string; pass: boolean; skipped?: string; info?: boolean }[] = [];
  const add = (name: string, value: number, goal: number, unit = "×") =>
    checks.push({ name, value, goal: `≥ ${goal}${unit}`, pass: value >= goal });

  const [memSmall, memLarge] = keyCounts("memory");
  const [sqlSmall, sqlLarge] = keyCounts("sqlite");
  if (memLarge !== undefined) add(`ours (c) / upstream (b), memory, ${fmt(memLarge)} keys`, ops("memory", memLarge, "c", "on") / ops("memory", memLarge, "b"), 10);
  if (memSmall !== undefined) add(`ours (c) / upstream (b), memory, ${fmt(memSmall)} key`, ops("memory", memSmall, "c", "on") / ops("memory", memSmall, "b"), 2);
  for (const backend of ["memory", "sqlite"]) {
    for (const keys of keyCounts(backend)) {
      add(`ours (c) / floor (a), ${backend}, ${fmt(keys)} keys, cache on`, ops(backend, keys, "c", "on") / ops(backend, keys, "a"), 0.7);
    }
  }
  if (memSmall !== undefined && memLarge !== undefined) {
    add(`ours at ${fmt(memLarge)} / at ${fmt(memSmall)} keys, memory, cache on`, ops("memory", memLarge, "c", "on") / ops("memory", memSmall, "c", "on"), 0.8);
  }
  if (sqlSmall !== undefined && sqlLarge !== undefined) {
    add(`ours at ${fmt(sqlLarge)} / at ${fmt(sqlSmall)} keys, sqlite, cache on`, ops("sqlite", sqlLarge, "c", "on") / ops("sqlite", sqlSmall, "c", "on"), 0.8);
  }
  // Redis as secondaryStorage, against the same request without it, in the same rounds.
  if (extra.redisSkipped) {
    checks.push({ name: "ours + Redis (g), (h) / without Redis (c)", value: Number.NaN, goal: "≥ 0.9×, ≥ 0.5×", pass: false, skipped: extra.redisSkipped });
  } else {
    // Throughput is the goal, so it is judged with calls in flight, as a server runs them; one at a
    // time, each call also waits out the round trip, which is shown for what it costs a call.
    for (const backend of ["memory", "sqlite"]) {
      for (const keys of keyCounts(backend)) {
        const withoutRedis = ops(backend, keys, "c", "on", IN_FLIGHT);
        const where = `${backend}, ${fmt(keys)} keys, ${IN_FLIGHT} in flight`;
        add(`ours + Redis, rate limit off (g) / without Redis (c), ${where}`, ops(backend, keys, "g", "on", IN_FLIGHT) / withoutRedis, 0.9);
        add(`ours + Redis, rate limit on (h) / without Redis (c), ${where}`, ops(backend, keys, "h", "on", IN_FLIGHT) / withoutRedis, 0.5);
        const oneAtATime = ops(backend, keys, "h", "on") / ops(backend, keys, "c", "on");
        checks.push({ name: `(h) / (c), ${backend}, ${fmt(keys)} keys, one call at a time: a call's latency`, value: oneAtATime, goal: "-", pass: true, info: true });
      }
    }
  }
  const verifier = Math.min(...rows.filter((r) => r.id === "e" && r.cache === "on").map((r) => r.opsPerSecond));
  add("direct verifier (e), slowest configuration, ops/s", verifier, 100_000, " ops/s");
  // Each configuration against its own practical limit, measured in the same rounds; the worst counts.
  const configurations = [...new Set(rows.map((r) => `${r.backend}:${r.keys}`))].map((c) => c.split(":") as [string, string]);
  const perConfiguration = configurations.map(([backend, keys]) => ops(backend, Number(keys), "e", "on") / ops(backend, Number(keys), "f"));
  add("direct verifier (e) / practical limit (f), worst configuration", Math.min(...perConfiguration), 0.3);
  const { routes } = extra.http;
  add(`HTTP: route wrapped by withCredential / same route open, ${extra.http.connections} connections`, routes.handler.ratioToOpen, 0.85);
  // The middleware form, and where it sits: the least a hashed key costs, and Hono's chain alone.
  const reference = (name: string, value: number) => checks.push({ name, value, goal: "-", pass: true, info: true });
  reference("HTTP: route behind requireCredential (middleware) / same route open", routes.protected.ratioToOpen);
  reference("HTTP: route behind a hash of the header alone / same route open", routes.hashed.ratioToOpen);
  reference("HTTP: route behind a do-nothing middleware / same route open", routes.passthrough.ratioToOpen);
  checks.push({ name: "client plugins a browser imports (apiKeyClient, bearerClient), gzipped bytes", value: clientGzipBytes.browserPlugins, goal: "≤ 3072", pass: clientGzipBytes.browserPlugins <= 3072 });
  reference("client package, everything it exports (verifyRemote and refusalAnswer too), gzipped bytes", clientGzipBytes.wholePackage);

  const show = (c: (typeof checks)[number]) => (c.skipped ? `skipped: ${c.skipped}` : c.value >= 100 ? fmt(c.value) : `${c.value.toFixed(2)}`);
  const verdict = (c: (typeof checks)[number]) => (c.skipped ? "skipped" : c.info ? "for reference" : c.pass ? "met" : "**missed**");
  const text = [
    "ratios (measured vs goal):",
    ...checks.map((c) => `  ${c.skipped ? "skip" : c.info ? "info" : c.pass ? "ok  " : "MISS"} ${c.name}: ${show(c)} (goal ${c.goal})`),
  ].join("\n");
  const markdown = ["| target | measured | goal | |", "| --- | ---: | --- | --- |", ...checks.map((c) => `| ${c.name} | ${show(c)} | ${c.goal} | ${verdict(c)} |`)].join("\n");
  return { text, markdown, values: checks };
}
