import { readdirSync, readFileSync, statSync } from "node:fs";
import { join } from "node:path";
import { API_KEY_ERROR_CODES } from "@better-auth/api-key";
import { TOKEN_ERROR_CODES } from "@better-auth-tokens/server";
import { BASE_ERROR_CODES } from "better-auth";
import { describe, expect, it } from "vitest";
import { markdownFiles, root } from "./markdown-files";

// A code the docs promise is API: it must exist, and a test must assert it (not only a status).

/** Words in backticks that look like constants: error codes, and a few other names. */
function namedConstants(): Map<string, string[]> {
  const found = new Map<string, string[]>();
  for (const file of markdownFiles) {
    for (const [, name] of readFileSync(join(root, file), "utf8").matchAll(/`([A-Z][A-Z0-9_]{3,})`/g)) {
      // A single word (`POST`) is a constant only when it is one of our codes (`UNAUTHORIZED`).
      if (!name!.includes("_") && !(name! in TOKEN_ERROR_CODES)) continue;
      found.set(name!, [...(found.get(name!) ?? []), file]);
    }
  }
  return found;
}

/** Constants the docs may name that are not our error codes: other libraries' codes, env variables. */
const NOT_OURS = new Set([
  ...Object.keys(BASE_ERROR_CODES),
  ...Object.keys(API_KEY_ERROR_CODES),
  // captcha()'s code for a sign-in without a captcha response (its table is not exported).
  "MISSING_RESPONSE",
  "TOKEN_ERROR_CODES",
  // The React components' own codes, for failures with no server answer (docs/react.md), asserted
  // by packages/react/test/cards.test.tsx.
  "NETWORK_ERROR",
  "ORGANIZATION_CLIENT_MISSING",
  "DATABASE_URL",
  "REDIS_URL",
  "TEST_ADAPTER",
  "TEST_SECONDARY_STORAGE",
  "API_TOKEN",
  // The CI and release workflows' variables (docs/development.md).
  "MYSQL_URL",
  "NPM_TOKEN",
  "NODE_AUTH_TOKEN",
  // The benchmark's variables (docs/performance.md).
  "BENCH_HTTP_SECONDS",
  "BENCH_HTTP_CPU_PROF",
  // mysql2's code for a transaction InnoDB rolled back, which a create runs again (docs/security.md).
  "ER_LOCK_DEADLOCK",
  // Node's code for a native driver built for another Node version (docs/getting-started.md, migrating on Node 20).
  "ERR_DLOPEN_FAILED",
]);

function testSources(): string {
  const sources: string[] = [];
  const walk = (dir: string) => {
    for (const entry of readdirSync(dir)) {
      if (entry === "node_modules" || entry === "dist") continue;
      const path = join(dir, entry);
      if (statSync(path).isDirectory()) walk(path);
      else if (/\.test(-d)?\.tsx?$/.test(entry)) sources.push(readFileSync(path, "utf8"));
    }
  };
  for (const dir of ["packages/server", "packages/client", "examples/app"]) walk(join(root, dir));
  return sources.join("\n");
}

describe("error codes named in the docs", () => {
  const named = namedConstants();

  it("are codes the packages answer with, or another library's", () => {
    const unknown = [...named].filter(([name]) => !(name in TOKEN_ERROR_CODES) && !NOT_OURS.has(name));
    expect(unknown.map(([name, files]) => `${name} in ${files.join(", ")}`)).toEqual([]);
  });

  it("are each asserted by a test as a quoted code, not only by status", () => {
    const tests = testSources();
    const unpinned = [...named.keys()].filter((name) => name in TOKEN_ERROR_CODES && !tests.includes(`"${name}"`));
    expect(unpinned).toEqual([]);
  });

  it("cover every code in the table, so none is undocumented", () => {
    expect(Object.keys(TOKEN_ERROR_CODES).filter((code) => !named.has(code))).toEqual([]);
  });
});
