import { copyFileSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import ts from "typescript";
import type { DocBlock } from "./extract-blocks";

const here = fileURLToPath(new URL(".", import.meta.url));
const fixtures = join(here, "..", "fixtures");

/**
 * Compiles every block as its own module (so blocks never collide), beside fixtures for the
 * `./auth` (or `@/lib/auth`) and `./auth-client` modules the docs import, with the repository's strict settings.
 * Returns one message per error, pointing at the Markdown file and line.
 */
export function compileBlocks(blocks: DocBlock[]): string[] {
  // Inside the package, so the packages the docs import resolve from its node_modules.
  mkdirSync(join(here, "..", ".tmp"), { recursive: true });
  const dir = mkdtempSync(join(here, "..", ".tmp", "blocks-"));
  for (const fixture of ["auth.ts", "auth-client.ts"]) copyFileSync(join(fixtures, fixture), join(dir, fixture));
  const files = blocks.map((block, index) => {
    const path = join(dir, `block-${index}.${block.tsx ? "tsx" : "ts"}`);
    // `export {}` makes every block a module: top-level await works and names stay local.
    writeFileSync(path, `${block.code}\nexport {};\n`);
    return { path, block };
  });
  const base = ts.readConfigFile(join(here, "..", "..", "..", "tsconfig.base.json"), (p) => readFileSync(p, "utf8"));
  const { options } = ts.parseJsonConfigFileContent(base.config, ts.sys, dir);
  const program = ts.createProgram(
    files.map((f) => f.path),
    {
      ...options,
      noEmit: true,
      declaration: false,
      declarationMap: false,
      noUnusedLocals: false,
      // ```tsx blocks: React components, as an app compiles them.
      jsx: ts.JsxEmit.ReactJSX,
      // Next.js apps import their instance as `@/lib/auth`: the same fixture.
      paths: { "@/lib/auth": [join(dir, "auth.ts")] },
    },
  );
  const byPath = new Map(files.map((f) => [f.path, f.block]));
  return ts.getPreEmitDiagnostics(program).flatMap((diagnostic) => {
    const block = diagnostic.file && byPath.get(diagnostic.file.fileName);
    const text = ts.flattenDiagnosticMessageText(diagnostic.messageText, "\n");
    if (!block || diagnostic.start === undefined) return diagnostic.file ? [] : [text];
    const { line } = diagnostic.file!.getLineAndCharacterOfPosition(diagnostic.start);
    return [`${block.file}:${block.line + line}: ${text}`];
  });
}
