import { readFileSync } from "node:fs";
import { extractBlocks, type DocBlock } from "./extract-blocks";

/**
 * The first TypeScript block under a Markdown heading (`## Hono`), before the next heading: how a
 * test runs a recipe exactly as the page shows it. Throws when the heading or its block is missing,
 * so a renamed section fails loudly instead of testing nothing.
 */
export function blockUnderHeading(absolutePath: string, file: string, heading: string): DocBlock {
  const headings = headingLines(readFileSync(absolutePath, "utf8"));
  const index = headings.findIndex(({ text }) => text === heading);
  if (index === -1) throw new Error(`${file}: no heading "${heading}"`);
  const start = headings[index]!.line;
  const end = headings[index + 1]?.line ?? Number.POSITIVE_INFINITY;
  const block = extractBlocks(absolutePath, file).find(({ line }) => line > start && line < end);
  if (!block) throw new Error(`${file}: no TypeScript block under "${heading}"`);
  return block;
}

/** Every heading with its 1-based line, skipping fenced code, where `# ` is a shell comment. */
function headingLines(markdown: string): { line: number; text: string }[] {
  const headings: { line: number; text: string }[] = [];
  let fenced = false;
  markdown.split("\n").forEach((line, index) => {
    if (line.trimStart().startsWith("```")) fenced = !fenced;
    const heading = fenced ? null : /^#{1,6} (.+)$/.exec(line);
    if (heading) headings.push({ line: index + 1, text: heading[1]!.trim() });
  });
  return headings;
}
