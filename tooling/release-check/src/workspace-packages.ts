import { existsSync, readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { load } from "js-yaml";

export interface PackageManifest {
  name: string;
  version: string;
  private?: boolean;
  dependencies?: Record<string, string>;
  peerDependencies?: Record<string, string>;
  optionalDependencies?: Record<string, string>;
  devDependencies?: Record<string, string>;
}

export interface WorkspacePackage {
  /** Relative to the workspace root, with forward slashes: `packages/server`. */
  dir: string;
  manifest: PackageManifest;
}

/**
 * The workspace's packages, found the way pnpm finds them: by the globs of pnpm-workspace.yaml.
 * Only `dir` and `dir/*` globs are understood; anything else throws, so a new glob form is noticed here.
 */
export function listWorkspacePackages(root: string): WorkspacePackage[] {
  const { packages: globs } = load(readFileSync(join(root, "pnpm-workspace.yaml"), "utf8")) as { packages: string[] };
  const dirs = globs.flatMap((glob) => {
    if (/[*?{[!]/.test(glob.replace(/\/\*$/, ""))) throw new Error(`pnpm-workspace.yaml: glob ${glob} is not understood here`);
    if (!glob.endsWith("/*")) return [glob];
    const parent = glob.slice(0, -2);
    if (!existsSync(join(root, parent))) return [];
    return readdirSync(join(root, parent), { withFileTypes: true })
      .filter((entry) => entry.isDirectory())
      .map((entry) => `${parent}/${entry.name}`);
  });
  return dirs
    .filter((dir) => existsSync(join(root, dir, "package.json")))
    .map((dir) => ({ dir, manifest: readManifest(root, dir) }));
}

export function readManifest(root: string, dir: string): PackageManifest {
  return JSON.parse(readFileSync(join(root, dir, "package.json"), "utf8")) as PackageManifest;
}

/** What gets published: the packages under packages/ that are not private (server, client, and React when it lands). */
export function publicPackages(root: string): WorkspacePackage[] {
  return listWorkspacePackages(root).filter((pkg) => pkg.dir.startsWith("packages/") && pkg.manifest.private !== true);
}
