import { spawnSync } from "node:child_process";
import { cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { listWorkspacePackages } from "./workspace-packages";

/**
 * A scratch copy of what `changeset version` reads and writes: `.changeset/`, the root package.json and
 * pnpm-workspace.yaml, and each workspace package's package.json and CHANGELOG.md. Nothing else is
 * copied, so the run cannot touch the repository.
 */
export function copyReleaseInputs(root: string): string {
  const scratch = mkdtempSync(join(tmpdir(), "changeset-version-"));
  cpSync(join(root, ".changeset"), join(scratch, ".changeset"), { recursive: true });
  for (const file of ["package.json", "pnpm-workspace.yaml"]) cpSync(join(root, file), join(scratch, file));
  for (const { dir } of listWorkspacePackages(root)) {
    mkdirSync(join(scratch, dir), { recursive: true });
    for (const file of ["package.json", "CHANGELOG.md"]) {
      if (existsSync(join(root, dir, file))) cpSync(join(root, dir, file), join(scratch, dir, file));
    }
  }
  return scratch;
}

/** Runs `changeset version` in `cwd` with the @changesets/cli the root package.json pins, by its bin path. */
export function runChangesetVersion(root: string, cwd: string): void {
  const manifestPath = createRequire(join(root, "package.json")).resolve("@changesets/cli/package.json");
  const { bin } = JSON.parse(readFileSync(manifestPath, "utf8")) as { bin: { changeset: string } };
  const result = spawnSync(process.execPath, [join(dirname(manifestPath), bin.changeset), "version"], { cwd, encoding: "utf8" });
  if (result.status !== 0) throw new Error(`changeset version failed (${result.status}):\n${result.stdout}\n${result.stderr}`);
}
