import { mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { cpus, loadavg, totalmem } from "node:os";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { createBackend, type BackendName } from "./backends";
import { clientPackageGzipBytes } from "./client-size";
import { HTTP_ROUNDS, HTTP_ROUTE_NAMES, measureHttp } from "./http-row";
import { measureRound, summarize, type Round } from "./measure";
import { redisSkipReason } from "./redis-storage";
import { formatCpuPerRequest, formatStorageCalls, HTTP_ROUTES, renderHttpTable, renderRatios, renderTable, type Row } from "./report";
import { scenariosFor } from "./scenarios";

const root = join(dirname(fileURLToPath(import.meta.url)), "..", "..");
const rowMs = Number(process.env.BENCH_ROW_MS ?? 2000);
/** Seconds of load on each HTTP route, split in rounds, after one second of warm-up each. */
const httpSeconds = Number(process.env.BENCH_HTTP_SECONDS ?? 10);
/** Each row is measured in this many rounds, interleaved with the other rows of its backend. */
const ROUNDS = 5;
const configurations: [BackendName, number][] = [
  ["memory", 1],
  ["memory", 10_000],
  ["sqlite", 1],
  ["sqlite", Number(process.env.BENCH_SQLITE_KEYS ?? 100_000)],
];

const started = performance.now();
const loadAtStart = loadavg()[0]!;
const rows: Row[] = [];
for (const [backendName, keyCount] of configurations) {
  const seedStart = performance.now();
  const backend = await createBackend(backendName, keyCount);
  console.log(`\n${backendName}, ${keyCount.toLocaleString("en")} keys (seeded in ${((performance.now() - seedStart) / 1000).toFixed(1)} s)`);
  const scenarios = scenariosFor(backend);
  const rounds: Round[][] = scenarios.map(() => []);
  for (let round = 0; round < ROUNDS; round++) {
    for (const [index, scenario] of scenarios.entries()) {
      rounds[index]!.push(
        await measureRound(scenario.run, { durationMs: rowMs / ROUNDS, inFlight: scenario.inFlight, adapterCalls: scenario.adapterCalls, storageCalls: scenario.storageCalls }),
      );
    }
  }
  for (const [index, scenario] of scenarios.entries()) {
    const row: Row = {
      backend: backendName,
      keys: keyCount,
      id: scenario.id,
      label: scenario.label,
      cache: scenario.cache,
      inFlight: scenario.inFlight ?? 1,
      ...summarize(rounds[index]!),
    };
    rows.push(row);
    console.log(
      `  (${row.id}) ${row.label.padEnd(54)} cache ${row.cache.padEnd(3)} ${row.inFlight > 1 ? `×${row.inFlight}` : "  "} ${Math.round(row.opsPerSecond).toLocaleString("en").padStart(9)} ops/s  p50 ${row.p50Micros.toFixed(0).padStart(6)} µs  p99 ${row.p99Micros.toFixed(0).padStart(6)} µs  adapter calls/op ${Number.isNaN(row.adapterCallsPerOp) ? "-" : row.adapterCallsPerOp.toFixed(2)}${Number.isNaN(row.storageCallsPerOp) ? "" : `  Redis calls/op ${formatStorageCalls(row.storageCallsPerOp)}`}`,
    );
  }
  if (redisSkipReason) console.log(`  (g), (h) ours + Redis secondaryStorage: skipped: ${redisSkipReason}`);
  await backend.close();
}

const http = await measureHttp(httpSeconds);
console.log(`\nHTTP, ${http.secondsPerRoute} s per route in ${HTTP_ROUNDS} alternating rounds`);
for (const name of HTTP_ROUTE_NAMES) {
  const route = http.routes[name];
  console.log(
    `  ${HTTP_ROUTES[name].padEnd(70)} ${Math.round(route.requestsPerSecond).toLocaleString("en").padStart(7)} req/s  p50 ${route.p50Ms} ms  p99 ${route.p99Ms} ms  server CPU ${Math.round(route.serverCpu * 100)} %, ${formatCpuPerRequest(route)} µs/req  ${route.ratioToOpen.toFixed(2)} of open`,
  );
}
const loadAtEnd = loadavg()[0]!;

const clientGzip = await clientPackageGzipBytes();
const machine = `${cpus().length} × ${cpus()[0]?.model.trim() ?? "cpu"}, ${Math.round(totalmem() / 2 ** 30)} GiB, Node ${process.version}`;
const ratios = renderRatios(rows, clientGzip, { redisSkipped: redisSkipReason, http });
console.log(`\n${ratios.text}`);
console.log(`\nclient plugins (apiKeyClient, bearerClient): ${clientGzip.browserPlugins} bytes gzipped (target ≤ 3072); the whole client package: ${clientGzip.wholePackage}`);
console.log(`total: ${((performance.now() - started) / 1000).toFixed(1)} s on ${machine}, load average ${loadAtStart.toFixed(1)} at start, ${loadAtEnd.toFixed(1)} at end`);

writeFileSync(
  join(root, "bench", "results.json"),
  `${JSON.stringify(
    { date: new Date().toISOString(), machine, loadAverage: { start: loadAtStart, end: loadAtEnd }, rowMs, redis: redisSkipReason ? `skipped: ${redisSkipReason}` : "measured", clientGzipBytes: clientGzip, rows, http, ratios: ratios.values },
    null,
    2,
  )}\n`,
);
const docPath = join(root, "docs", "performance.md");
mkdirSync(dirname(docPath), { recursive: true });
const doc = readFileSync(docPath, "utf8");
const redisNote = redisSkipReason ? `\n\nRows (g) and (h), ours with Redis \`secondaryStorage\`: skipped: ${redisSkipReason}.` : "";
const generated = [
  "<!-- bench:start -->",
  `Measured ${new Date().toISOString().slice(0, 10)} on ${machine}, 1-minute load average ${loadAtStart.toFixed(1)} at start and ${loadAtEnd.toFixed(1)} at end; ${rowMs} ms per row in ${ROUNDS} interleaved rounds (median round), one call at a time unless the \"in flight\" column says otherwise.`,
  "",
  `${renderTable(rows)}${redisNote}`,
  "",
  `Over HTTP: ${http.secondsPerRoute} s per route in ${HTTP_ROUNDS} alternating rounds of ${http.secondsPerRoute / HTTP_ROUNDS} s (median round; "/ open" is the median of the rounds' ratios), after 1 s of warm-up each.`,
  "",
  renderHttpTable(http),
  "",
  ratios.markdown,
  "",
  `Client package, gzipped: ${clientGzip.browserPlugins} bytes for the two plugins a browser app imports, ${clientGzip.wholePackage} bytes for everything it exports.`,
  "<!-- bench:end -->",
].join("\n");
writeFileSync(docPath, doc.replace(/<!-- bench:start -->[\s\S]*<!-- bench:end -->/, generated));
console.log("wrote bench/results.json and the table in docs/performance.md");
