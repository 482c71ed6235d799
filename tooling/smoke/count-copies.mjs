// Usage: node count-copies.mjs <project dir> <package name>...
// Prints "N name (v1, v2)" per package: how many distinct installed copies a project holds.
// Walks node_modules itself (npm's nested folders and pnpm's .pnpm store alike) and counts
// real directories, so two pnpm instances of one version under different peers count as two:
// each is loaded as its own module.
import { existsSync, readdirSync, readFileSync, realpathSync } from "node:fs";
import { join } from "node:path";

const [root, ...names] = process.argv.slice(2);
const found = new Map(names.map((name) => [name, new Map()]));
const visited = new Set();

function packagesIn(modules) {
  if (!existsSync(modules)) return [];
  return readdirSync(modules).flatMap((entry) => {
    if (entry === ".bin") return [];
    if (entry === ".pnpm") return readdirSync(join(modules, entry)).map((dir) => join(modules, entry, dir)).flatMap((dir) => packagesIn(join(dir, "node_modules")));
    if (entry.startsWith("@")) return readdirSync(join(modules, entry)).map((name) => join(modules, entry, name));
    return [join(modules, entry)];
  });
}

function scan(dir) {
  for (const path of packagesIn(join(dir, "node_modules"))) {
    let real;
    try {
      real = realpathSync(path);
    } catch {
      continue; // a dangling link
    }
    if (visited.has(real)) continue;
    visited.add(real);
    const manifest = join(real, "package.json");
    if (!existsSync(manifest)) continue;
    const { name, version } = JSON.parse(readFileSync(manifest, "utf8"));
    found.get(name)?.set(real, version);
    scan(real);
  }
}

scan(root);
for (const [name, copies] of found) console.log(`${copies.size} ${name} (${[...new Set(copies.values())].join(", ")})`);
