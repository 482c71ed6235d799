import { spawn, type ChildProcess } from "node:child_process";
import { createInterface } from "node:readline";
import { fileURLToPath } from "node:url";
import { READY_LINE } from "./options";

const SERVER_SCRIPT = fileURLToPath(new URL("./server.ts", import.meta.url));
const PACKAGE_DIR = fileURLToPath(new URL("../../", import.meta.url));

export interface FleetProcess {
  name: string;
  /** `http://127.0.0.1:<port>` */
  url: string;
  child: ChildProcess;
}

export interface FleetSettings {
  databaseUrl: string;
  redisUrl: string;
  /** The PostgreSQL schema every process works in, already migrated. */
  schema: string;
  /** The Redis key prefix every process shares. */
  redisPrefix: string;
  /** Each line a process writes to stderr, or to stdout after its ready line. */
  onOutput: (name: string, line: string) => void;
}

/**
 * Starts one Node process per name, each running `server.ts` from source through tsx (the
 * workspace's `better-auth-tokens-source` condition), and resolves once every one of them
 * serves HTTP. A process that exits first, or a start slower than `timeoutMs`, rejects, and the
 * processes already started are stopped.
 */
export async function startFleetProcesses(names: string[], settings: FleetSettings, timeoutMs: number) {
  const starting = names.map((name) => startOne(name, settings, timeoutMs));
  try {
    return await Promise.all(starting.map(({ ready }) => ready));
  } catch (error) {
    await stopFleetProcesses(starting);
    throw error;
  }
}

function startOne(name: string, settings: FleetSettings, timeoutMs: number): { child: ChildProcess; ready: Promise<FleetProcess> } {
  const child = spawn(process.execPath, ["--conditions=better-auth-tokens-source", "--import", "tsx", SERVER_SCRIPT], {
    cwd: PACKAGE_DIR,
    env: definedOnly({
      PATH: process.env.PATH,
      HOME: process.env.HOME,
      TMPDIR: process.env.TMPDIR,
      DATABASE_URL: settings.databaseUrl,
      REDIS_URL: settings.redisUrl,
      FLEET_SCHEMA: settings.schema,
      FLEET_REDIS_PREFIX: settings.redisPrefix,
    }),
    // stdin stays open: the process exits when it closes, so it cannot outlive this one.
    stdio: ["pipe", "pipe", "pipe"],
  });
  createInterface({ input: child.stderr! }).on("line", (line) => settings.onOutput(name, line));
  const ready = new Promise<FleetProcess>((resolve, reject) => {
    let serving = false;
    const timer = setTimeout(() => {
      child.kill("SIGKILL");
      reject(new Error(`fleet instance ${name} did not start within ${timeoutMs} ms`));
    }, timeoutMs);
    createInterface({ input: child.stdout! }).on("line", (line) => {
      const port = serving ? undefined : READY_LINE.exec(line)?.[1];
      if (port === undefined) return settings.onOutput(name, line);
      serving = true;
      clearTimeout(timer);
      resolve({ name, url: `http://127.0.0.1:${port}`, child });
    });
    child.once("exit", (code, signal) => {
      clearTimeout(timer);
      if (!serving) reject(new Error(`fleet instance ${name} exited before serving (code ${code}, signal ${signal})`));
    });
  });
  return { child, ready };
}

/** Ends each process (SIGTERM, then SIGKILL after 5 s) and waits for it to exit. */
export async function stopFleetProcesses(processes: { child: ChildProcess }[]) {
  await Promise.all(
    processes.map(({ child }) => {
      if (child.exitCode !== null || child.signalCode !== null) return undefined;
      return new Promise<void>((resolve) => {
        const force = setTimeout(() => child.kill("SIGKILL"), 5_000);
        child.once("exit", () => {
          clearTimeout(force);
          resolve();
        });
        child.kill("SIGTERM");
      });
    }),
  );
}

function definedOnly(env: Record<string, string | undefined>) {
  return Object.fromEntries(Object.entries(env).filter((entry): entry is [string, string] => entry[1] !== undefined));
}
