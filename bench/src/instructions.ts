/**
 * `pnpm bench:instructions`: what each HTTP route costs the server in instructions, counted by
 * callgrind, not timed. Throughput on a shared virtual machine moves with the host (the same open
 * route served 16,000 requests a second one morning and 52,000 the day before); an instruction
 * count is the same from run to run. It counts the server process's own work (JavaScript, V8,
 * Node, OpenSSL), not the kernel's: the socket's system calls, which every route pays alike, are
 * left out, so the ratios here are lower than throughput's would be on any machine.
 *
 * The server is the HTTP row's (http-server.ts), bundled so that no loader runs under valgrind.
 * Each route is served twice by a fresh process, once for `FEW` requests and once for `MANY`,
 * after the same warm-up; the difference over `MANY - FEW` is the instructions per request,
 * start-up and warm-up cancelling out.
 */
import autocannon from "autocannon";
import { build } from "esbuild";
import { execFileSync, fork } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { HTTP_ROUTE_NAMES, type HttpRouteName } from "./http-row";
import type { ServerMessage } from "./http-server";
import { HTTP_ROUTES } from "./report";

/** Enough for V8 to have compiled the route's code: compiling inside the counted window would be counted. */
const WARM_UP = 10_000;
const FEW = 2000;
const MANY = 22_000;
/** Fewer than the HTTP row's 50: under valgrind the server is about 50 times slower. */
const CONNECTIONS = 10;

const valgrindMissing = (() => {
  try {
    execFileSync("valgrind", ["--version"], { stdio: "ignore" });
    return undefined;
  } catch {
    return "valgrind is not installed";
  }
})();
if (valgrindMissing) {
  console.log(`instructions per HTTP request: skipped: ${valgrindMissing}`);
  process.exit(0);
}

const workDir = mkdtempSync(join(tmpdir(), "bench-instructions-"));
try {
  const server = join(workDir, "http-server.mjs");
  await build({
    entryPoints: [fileURLToPath(new URL("./http-server.ts", import.meta.url))],
    bundle: true,
    platform: "node",
    format: "esm",
    conditions: ["better-auth-tokens-source"],
    outfile: server,
    logLevel: "warning",
    // Bundled CommonJS dependencies call `require`, which an ES module has not.
    banner: { js: "import { createRequire } from 'node:module'; const require = createRequire(import.meta.url);" },
  });

  const perRequest = {} as Record<HttpRouteName, number>;
  for (const route of HTTP_ROUTE_NAMES) {
    const few = await countInstructions(server, route, FEW);
    const many = await countInstructions(server, route, MANY);
    perRequest[route] = (many - few) / (MANY - FEW);
    console.log(`  ${HTTP_ROUTES[route].padEnd(70)} ${Math.round(perRequest[route]).toLocaleString("en").padStart(8)} instructions/request`);
  }
  console.log("\nopen route's instructions over each route's (user space only; 1.00 = costs nothing more):");
  for (const route of HTTP_ROUTE_NAMES) {
    const extra = perRequest[route] - perRequest.open;
    console.log(`  ${route.padEnd(12)} ${(perRequest.open / perRequest[route]).toFixed(2)}   ${extra >= 0 ? "+" : ""}${Math.round(extra).toLocaleString("en")} instructions/request`);
  }
} finally {
  rmSync(workDir, { recursive: true, force: true });
}

/** Instructions a fresh server process runs, from start to exit, serving `requests` to `route` after the warm-up. */
async function countInstructions(server: string, route: HttpRouteName, requests: number): Promise<number> {
  const child = fork(server, [], {
    execPath: "valgrind",
    // `--single-threaded`: V8's helper threads would add work that varies from run to run.
    execArgv: ["--tool=callgrind", `--callgrind-out-file=${join(workDir, "callgrind.out")}`, process.execPath, "--single-threaded"],
    stdio: ["ignore", "ignore", "pipe", "ipc"],
  });
  let valgrindOutput = "";
  child.stderr!.on("data", (chunk: Buffer) => (valgrindOutput += chunk.toString()));
  const exited = new Promise<void>((resolve) => child.on("exit", () => resolve()));
  const ready = await new Promise<Extract<ServerMessage, { type: "ready" }>>((resolve, reject) => {
    child.on("message", (message: ServerMessage) => message.type === "ready" && resolve(message));
    void exited.then(() => reject(new Error(`the server under valgrind exited before it was ready:\n${valgrindOutput}`)));
  });
  const target = { url: `http://127.0.0.1:${ready.port}/${route}`, headers: route === "open" ? {} : { "x-api-key": ready.key }, connections: CONNECTIONS };
  await autocannon({ ...target, amount: WARM_UP });
  const result = await autocannon({ ...target, amount: requests });
  const failed = result.non2xx + result.errors + result.timeouts;
  if (failed > 0) throw new Error(`${failed} of ${requests} requests to /${route} failed under valgrind`);
  child.disconnect();
  await exited;
  const collected = /Collected : (\d+)/.exec(valgrindOutput)?.[1];
  if (!collected) throw new Error(`callgrind printed no total:\n${valgrindOutput}`);
  return Number(collected);
}
