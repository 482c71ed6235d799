import { validateWorkflow } from "@action-validator/core";
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { minVersion } from "semver";
import { describe, expect, it } from "vitest";
import { pinnedActions } from "./pinned-actions";
import { repoRoot } from "./repo-root";
import { loadWorkflow, stepUsing, type LoadedWorkflow } from "./workflow";

// GitHub runs these, not this machine: each is checked against the SchemaStore workflow schema, and
// then for the things a schema cannot know and that we rely on.

const rootPackage = JSON.parse(readFileSync(join(repoRoot, "package.json"), "utf8")) as {
  packageManager: string;
  engines: { node: string };
  scripts: Record<string, string>;
};
const pnpmVersion = rootPackage.packageManager.replace(/^pnpm@/, "");
const workflowFiles = readdirSync(join(repoRoot, ".github/workflows")).filter((f) => /\.ya?ml$/.test(f));
const ci = loadWorkflow("ci.yml");
const release = loadWorkflow("release.yml");

describe.each(workflowFiles)("%s", (file) => {
  const loaded = loadWorkflow(file);

  it("is a valid GitHub workflow (SchemaStore schema, via @action-validator/core)", () => {
    expect(validateWorkflow(loaded.text).errors).toEqual([]);
  });

  it("pins every action to a full commit SHA, with the version in a comment, and passes only inputs that version declares", () => {
    const uses = [...loaded.text.matchAll(/^\s*(?:-\s+)?uses:\s*(\S+)(.*)$/gm)];
    expect(uses.length).toBeGreaterThan(0);
    for (const [, ref, comment] of uses) {
      expect(ref, `${ref} is not pinned to a commit`).toMatch(/^[\w.-]+\/[\w.-]+@[0-9a-f]{40}$/);
      const pinned = pinnedActions[ref!];
      expect(pinned, `${ref} is not in pinned-actions.ts`).toBeDefined();
      expect(comment!.trim()).toBe(`# ${pinned!.version}`);
    }
    for (const step of loaded.steps.filter((s) => s.uses)) {
      const unknown = Object.keys(step.with ?? {}).filter((input) => !pinnedActions[step.uses!]!.inputs.includes(input));
      expect(unknown, `${step.uses} has no input named ${unknown.join(", ")}`).toEqual([]);
    }
  });

  it("installs the pnpm of packageManager and no other", () => {
    for (const [, version] of loaded.text.matchAll(/pnpm@(\d[\w.-]*)/g)) expect(version).toBe(pnpmVersion);
  });

  it("names GITHUB_TOKEN's permissions, so it gets no more than those", () => {
    expect(loaded.workflow.permissions).toBeDefined();
  });

  it("stops every job after at most 30 minutes", () => {
    for (const job of Object.values(loaded.workflow.jobs)) {
      expect(job["timeout-minutes"]).toBeGreaterThan(0);
      expect(job["timeout-minutes"]).toBeLessThanOrEqual(30);
    }
  });
});

describe("ci.yml", () => {
  const job = Object.values(ci.workflow.jobs)[0]!;

  it("runs on pushes to main and on pull requests, one run per branch at a time", () => {
    expect(Object.keys(ci.workflow.on)).toEqual(expect.arrayContaining(["push", "pull_request"]));
    expect(ci.workflow.concurrency?.group).toContain("github.ref");
  });

  it("may only read the repository", () => {
    expect(ci.workflow.permissions).toEqual({ contents: "read" });
    expect(job.permissions).toBeUndefined();
  });

  it("runs .ci/run, which reads the pnpm version from packageManager", () => {
    expect(ci.steps.filter((step) => step.run?.trim() === "bash .ci/run")).toHaveLength(1);
    expect(readFileSync(join(repoRoot, ".ci/run"), "utf8")).toContain("packageManager");
  });

  it("tests on the oldest Node that engines allows", () => {
    const nodeVersion = String(stepUsing(ci, "actions/setup-node").with?.["node-version"]);
    expect(nodeVersion).toBe(String(minVersion(rootPackage.engines.node)!.major));
  });

  it("gives the tests PostgreSQL (trust, database test), MariaDB (root without password, database test) and Redis", () => {
    const services = job.services ?? {};
    expect(services.postgres?.env).toMatchObject({ POSTGRES_HOST_AUTH_METHOD: "trust", POSTGRES_DB: "test" });
    expect(services.mariadb?.env).toMatchObject({ MARIADB_ALLOW_EMPTY_ROOT_PASSWORD: "1", MARIADB_DATABASE: "test" });
    expect(services.redis?.image).toMatch(/^redis:/);
  });

  it("points the suites at those services by the names they answer on in a container job", () => {
    expect(job.container).toBeDefined();
    const urls = { DATABASE_URL: "postgres", MYSQL_URL: "mariadb", REDIS_URL: "redis" } as const;
    for (const [variable, service] of Object.entries(urls)) {
      expect(new URL(job.env?.[variable] ?? "").hostname, variable).toBe(service);
    }
  });
});

describe("release.yml", () => {
  const job = Object.values(release.workflow.jobs)[0]!;
  const changesets = stepUsing(release, "changesets/action");
  const permissions = { ...release.workflow.permissions, ...job.permissions };

  it("runs on pushes to main only, never two at once", () => {
    expect(release.workflow.on).toEqual({ push: { branches: ["main"] } });
    expect(release.workflow.concurrency?.["cancel-in-progress"]).toBe(false);
  });

  it("may write the version branch and pull request, and mint the OIDC token that npm provenance needs", () => {
    expect(permissions).toEqual({ contents: "write", "pull-requests": "write", "id-token": "write" });
  });

  it("versions with `pnpm version-packages` and publishes with `pnpm release`, which are changesets' commands", () => {
    expect(changesets.with).toMatchObject({ version: "pnpm version-packages", publish: "pnpm release" });
    expect(rootPackage.scripts["version-packages"]).toMatch(/^changeset version\b/);
    expect(rootPackage.scripts.release).toMatch(/&& changeset publish$/);
  });

  it("publishes with provenance, authenticated by the NPM_TOKEN secret through setup-node's .npmrc", () => {
    const env = { ...release.workflow.env, ...job.env, ...changesets.env };
    expect(String(env.NPM_CONFIG_PROVENANCE)).toBe("true");
    expect(env.NODE_AUTH_TOKEN).toBe("${{ secrets.NPM_TOKEN }}");
    expect(env.GITHUB_TOKEN).toBe("${{ secrets.GITHUB_TOKEN }}");
    expect(stepUsing(release, "actions/setup-node").with?.["registry-url"]).toBe("https://registry.npmjs.org");
  });

  it("installs pnpm from packageManager and the locked dependencies before changesets runs", () => {
    const runs = release.steps.map((step) => step.run ?? step.uses ?? "");
    const installPnpm = runs.findIndex((run) => run.startsWith("npm install -g"));
    const install = runs.indexOf("pnpm install --frozen-lockfile");
    expect(runs[installPnpm]).toContain("packageManager");
    expect(installPnpm).toBeGreaterThanOrEqual(0);
    expect(install).toBeGreaterThan(installPnpm);
    expect(release.steps.indexOf(changesets)).toBeGreaterThan(install);
  });
});

describe("the schema check", () => {
  const breakages: [string, (loaded: LoadedWorkflow) => string][] = [
    ["a misspelt permission", (loaded) => loaded.text.replace("id-token: write", "id-tokens: write")],
    ["a step that neither runs nor uses", (loaded) => loaded.text.replace("- run: pnpm install --frozen-lockfile", "- name: nothing")],
    ["a job without runs-on", (loaded) => loaded.text.replace("runs-on: ubuntu-latest", "")],
  ];

  it.each(breakages)("catches %s", (_, breakRelease) => {
    const broken = breakRelease(release);
    expect(broken).not.toBe(release.text);
    expect(validateWorkflow(broken).errors).not.toEqual([]);
  });
});
