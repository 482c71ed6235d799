import { existsSync, readdirSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";

/** The repository root. */
export const root = fileURLToPath(new URL("../../../", import.meta.url));

/**
 * Every Markdown file users read, relative to the root: the README, docs/, and each package's
 * README (its npm page).
 */
export const markdownFiles = [
  "README.md",
  ...readdirSync(join(root, "docs"))
    .filter((file) => file.endsWith(".md"))
    .map((file) => `docs/${file}`),
  ...readdirSync(join(root, "packages"))
    .map((dir) => `packages/${dir}/README.md`)
    .filter((file) => existsSync(join(root, file))),
];
