import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { load } from "js-yaml";

export type Bump = "major" | "minor" | "patch";

export interface Changeset {
  id: string;
  /** Package name → bump, as the frontmatter says (`none` left out). */
  releases: Record<string, Bump>;
  /** The first line of the summary: what the changelog entry starts with. */
  headline: string;
}

/** The pending changesets of a `.changeset/` directory (every .md but its README). */
export function readChangesets(changesetDir: string): Changeset[] {
  return readdirSync(changesetDir)
    .filter((file) => file.endsWith(".md") && file !== "README.md")
    .map((file) => {
      const text = readFileSync(join(changesetDir, file), "utf8");
      const match = /^---\n([\s\S]*?)\n---\n([\s\S]*)$/.exec(text);
      if (!match) throw new Error(`.changeset/${file} has no frontmatter`);
      const frontmatter = (load(match[1]!) ?? {}) as Record<string, Bump | "none">;
      const releases = Object.fromEntries(Object.entries(frontmatter).filter(([, bump]) => bump !== "none")) as Record<string, Bump>;
      return { id: file.slice(0, -3), releases, headline: match[2]!.trim().split("\n")[0]!.trim() };
    });
}

const order: Bump[] = ["patch", "minor", "major"];

/** The largest bump that any changeset asks of any of `names`, or undefined when none names them. */
export function largestBump(changesets: Changeset[], names: string[]): Bump | undefined {
  const bumps = changesets.flatMap((changeset) => names.map((name) => changeset.releases[name]).filter((bump) => bump !== undefined));
  return bumps.sort((a, b) => order.indexOf(b) - order.indexOf(a))[0];
}
