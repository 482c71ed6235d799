import { fileURLToPath } from "node:url";

/** The monorepo's root, where the workflows, `.changeset/` and the root package.json live. */
export const repoRoot = fileURLToPath(new URL("../../../", import.meta.url));
