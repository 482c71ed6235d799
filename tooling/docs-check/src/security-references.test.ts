import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";

// security.md promises "each guarantee beside the test that proves it": keep that promise true
// when tests are renamed or moved.
const root = fileURLToPath(new URL("../../../", import.meta.url));
const security = readFileSync(join(root, "docs/security.md"), "utf8");

/** The "proved by" cell of each row of the Guarantees table. */
function proofCells(): { guarantee: string; why: string; proof: string }[] {
  const section = security.split("## Guarantees")[1]!.split("\n## ")[0]!;
  const rows = section.split("\n").filter((line) => line.startsWith("|"));
  return rows.slice(2).map((row) => {
    const cells = row.split("|").map((cell) => cell.trim());
    return { guarantee: cells[1]!, why: cells[2]!, proof: cells[3]! };
  });
}

/**
 * Each cited file with the test names quoted right after it. `src/…` and `test/…` are relative
 * to packages/server (as the page says), `packages/…` to the repository; a bare file name is the
 * test harness's, in packages/test-utils/src.
 */
function citations(proof: string): { path: string; names: string[] }[] {
  const pattern = /`((?:src|test|packages)\/[^`]+\.ts|[\w-]+(?:\.test)?\.ts)`(?: \(([^)]*)\))?/g;
  return [...proof.matchAll(pattern)].map(([, file, note]) => ({
    path: file!.startsWith("packages/")
      ? file!
      : file!.includes("/")
        ? join("packages/server", file!)
        : join("packages/test-utils/src", file!),
    names: [...(note ?? "").matchAll(/"([^"]+)"/g)].map(([, name]) => name!),
  }));
}

describe("docs/security.md", () => {
  const cells = proofCells();

  it("gives every guarantee a why and a proof", () => {
    const incomplete = cells.filter(({ guarantee, why, proof }) => !guarantee || !why || !proof);
    expect(cells.length).toBeGreaterThan(0);
    expect(incomplete).toEqual([]);
  });

  it("cites at least one test file for every guarantee", () => {
    const unproved = cells.filter(({ proof }) => !citations(proof).some(({ path }) => path.endsWith(".test.ts")));
    expect(unproved.map(({ guarantee }) => guarantee)).toEqual([]);
  });

  it("cites only files that exist, and test names that are in those files", () => {
    const broken: string[] = [];
    for (const { proof } of cells) {
      for (const { path, names } of citations(proof)) {
        if (!existsSync(join(root, path))) {
          broken.push(`${path}: no such file`);
          continue;
        }
        const source = readFileSync(join(root, path), "utf8");
        // A cited name must open a test or a describe block, not merely appear in a comment.
        for (const name of names) if (!citesTestName(source, name)) broken.push(`${path}: no test named "${name}"`);
      }
    }
    expect(broken).toEqual([]);
  });
});

/** True when `name` starts a call's first string argument: the title of an `it` or `describe`. */
function citesTestName(source: string, name: string): boolean {
  const escaped = name.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
  return new RegExp(`\\(\\s*["'\`]${escaped}`).test(source);
}
