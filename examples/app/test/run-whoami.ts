import { execFile } from "node:child_process";
import { fileURLToPath } from "node:url";
import { promisify } from "node:util";

const whoami = fileURLToPath(new URL("../../cli/whoami.mjs", import.meta.url));
const run = promisify(execFile);

/**
 * Runs examples/cli/whoami.mjs as a CI job would, with only the given API_TOKEN and API_URL
 * (never the test runner's own), and resolves with its exit code and output instead of throwing.
 */
export async function runWhoami(env: { API_TOKEN?: string; API_URL?: string }) {
  const { API_TOKEN: _token, API_URL: _url, ...inherited } = process.env;
  try {
    const { stdout, stderr } = await run(process.execPath, [whoami], { env: { ...inherited, ...env } });
    return { code: 0, stdout, stderr, output: stdout + stderr };
  } catch (error) {
    const failed = error as { code: number; stdout: string; stderr: string };
    return { code: failed.code, stdout: failed.stdout, stderr: failed.stderr, output: failed.stdout + failed.stderr };
  }
}
