import { existsSync, readFileSync, readdirSync, rmSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import { join } from "node:path";
import { inc, satisfies } from "semver";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { largestBump, readChangesets, type Bump, type Changeset } from "./read-changesets";
import { repoRoot } from "./repo-root";
import { copyReleaseInputs, runChangesetVersion } from "./scratch-workspace";
import { publicPackages, readManifest, type PackageManifest, type WorkspacePackage } from "./workspace-packages";

// What the "Version Packages" pull request will contain, made here: `changeset version` on a scratch
// copy of the workspace, with the repository's own pending changesets, then once more for a next release.

const config = JSON.parse(readFileSync(join(repoRoot, ".changeset/config.json"), "utf8")) as { fixed: string[][] };
const released = publicPackages(repoRoot);
const names = released.map((pkg) => pkg.manifest.name);
const fixedGroupOf = (name: string) => config.fixed.find((group) => group.includes(name)) ?? [name];
const headings: Record<Bump, string> = { major: "### Major Changes", minor: "### Minor Changes", patch: "### Patch Changes" };

/** The part of a changelog under `## version`, up to the next version. */
function changelogSection(scratch: string, pkg: WorkspacePackage, version: string): string {
  const file = join(scratch, pkg.dir, "CHANGELOG.md");
  const text = existsSync(file) ? readFileSync(file, "utf8") : "";
  const start = text.indexOf(`\n## ${version}\n`);
  if (start < 0) return "";
  const end = text.indexOf("\n## ", start + 1);
  return text.slice(start, end < 0 ? undefined : end);
}

/** The part of a changelog section under one bump's heading. */
function bumpSubsection(section: string, bump: Bump): string {
  const start = section.indexOf(headings[bump]);
  if (start < 0) return "";
  const end = section.indexOf("\n### ", start + 1);
  return section.slice(start, end < 0 ? undefined : end);
}

/** The range pnpm publishes for a `workspace:` specifier, given the version the dependency is released at. */
function publishedRange(specifier: string, dependencyVersion: string): string {
  const range = specifier.replace(/^workspace:/, "");
  if (range === "*") return dependencyVersion;
  if (range === "^" || range === "~") return `${range}${dependencyVersion}`;
  return range;
}

/** Each public package's new version, as the changesets and the fixed groups say it must be. */
function expectedVersions(changesets: Changeset[], manifests: Map<string, PackageManifest>): Map<string, string> {
  return new Map(
    names.map((name) => {
      const bump = largestBump(changesets, fixedGroupOf(name));
      const version = manifests.get(name)!.version;
      return [name, bump ? inc(version, bump)! : version];
    }),
  );
}

const manifestsIn = (root: string) => new Map(released.map((pkg) => [pkg.manifest.name, readManifest(root, pkg.dir)]));

describe("changeset version on a scratch copy of the workspace", () => {
  let scratch: string;
  let changesets: Changeset[];
  let before: Map<string, PackageManifest>;
  let after: Map<string, PackageManifest>;

  beforeAll(() => {
    scratch = copyReleaseInputs(repoRoot);
    changesets = readChangesets(join(scratch, ".changeset"));
    before = manifestsIn(scratch);
    runChangesetVersion(repoRoot, scratch);
    after = manifestsIn(scratch);
    // `changeset version` is a child process reading every changeset: seconds on a loaded
    // 2-core machine, far past the default 10 s hook timeout there.
  }, 120_000);
  afterAll(() => rmSync(scratch, { recursive: true, force: true }));

  it("uses the @changesets/cli that the root package.json pins", () => {
    const root = JSON.parse(readFileSync(join(repoRoot, "package.json"), "utf8")) as { devDependencies: Record<string, string> };
    const cli = createRequire(join(repoRoot, "package.json"))("@changesets/cli/package.json") as { version: string };
    expect(cli.version).toBe(root.devDependencies["@changesets/cli"]);
  });

  it("finds the public packages under packages/, and every one of them is in a fixed group", () => {
    expect(names).toEqual(expect.arrayContaining(["@better-auth-tokens/server", "@better-auth-tokens/client"]));
    // A new public package (React) must join the group, or it would be released at a version of its own.
    for (const name of names) expect(config.fixed.some((group) => group.includes(name)), `${name} is in no fixed group`).toBe(true);
  });

  it("names only packages that exist, in every pending changeset", () => {
    for (const changeset of changesets) {
      for (const name of Object.keys(changeset.releases)) expect(names, `.changeset/${changeset.id}.md`).toContain(name);
    }
  });

  it("raises a fixed group to one version: the old one by the largest bump its changesets ask, never more", () => {
    const expected = expectedVersions(changesets, before);
    for (const name of names) expect(after.get(name)!.version, name).toBe(expected.get(name));
    for (const group of config.fixed) expect(new Set(group.map((name) => after.get(name)!.version)).size, group.join(", ")).toBe(1);
  });

  it("opens each changelog with the new version and lists every changeset that names the package under its bump", () => {
    for (const pkg of released) {
      const { name } = pkg.manifest;
      const version = after.get(name)!.version;
      if (version === before.get(name)!.version) continue;
      const section = changelogSection(scratch, pkg, version);
      expect(section, `${pkg.dir}/CHANGELOG.md has no ## ${version}`).not.toBe("");
      for (const changeset of changesets.filter((c) => c.releases[name])) {
        expect(bumpSubsection(section, changeset.releases[name]!), `${changeset.id} in ${name}`).toContain(`- ${changeset.headline}`);
      }
      for (const changeset of changesets.filter((c) => !c.releases[name])) {
        expect(section, `${changeset.id} does not name ${name}`).not.toContain(changeset.headline);
      }
    }
  });

  it("keeps the public packages' ranges on each other satisfied by the versions released together", () => {
    for (const [name, manifest] of after) {
      for (const field of ["dependencies", "peerDependencies", "optionalDependencies"] as const) {
        for (const [dependency, specifier] of Object.entries(manifest[field] ?? {})) {
          const dependencyManifest = after.get(dependency);
          if (!dependencyManifest) continue;
          const range = publishedRange(specifier, dependencyManifest.version);
          expect(satisfies(dependencyManifest.version, range), `${name} ${field} ${dependency}@${range}`).toBe(true);
        }
      }
    }
  });

  it("consumes every changeset, and keeps the config and README", () => {
    expect(readdirSync(join(scratch, ".changeset")).sort()).toEqual(["README.md", "config.json"]);
  });

  describe("the next release, after one member of each fixed group gets a minor changeset", () => {
    let next: Changeset[];
    let released2: Map<string, PackageManifest>;

    beforeAll(() => {
      for (const [i, group] of config.fixed.entries()) {
        writeFileSync(join(scratch, ".changeset", `next-${i}.md`), `---\n"${group[0]}": minor\n---\n\nA feature of ${group[0]}.\n`);
      }
      next = readChangesets(join(scratch, ".changeset"));
      runChangesetVersion(repoRoot, scratch);
      released2 = manifestsIn(scratch);
      // A second `changeset version`: the same two minutes as the first.
    }, 120_000);

    it("moves every member of the group to the next minor, not to a major through their peer ranges", () => {
      const expected = expectedVersions(next, after);
      for (const name of names) {
        expect(released2.get(name)!.version, name).toBe(expected.get(name));
        expect(released2.get(name)!.version, name).toBe(inc(after.get(name)!.version, "minor"));
      }
    });

    it("writes the feature into the named package's changelog only", () => {
      for (const pkg of released) {
        const section = changelogSection(scratch, pkg, released2.get(pkg.manifest.name)!.version);
        expect(section).not.toBe("");
        const named = config.fixed.some((group) => group[0] === pkg.manifest.name);
        expect(section.includes(`A feature of ${pkg.manifest.name}.`), pkg.manifest.name).toBe(named);
      }
    });
  });
});
