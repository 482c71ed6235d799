import { readFileSync } from "node:fs";

export interface DocBlock {
  /** Repository-relative path of the Markdown file. */
  file: string;
  /** 1-based line of the block's first code line in that file. */
  line: number;
  code: string;
  /** Fenced as ```tsx: compiled as a .tsx module, with React's JSX. */
  tsx?: boolean;
}

// Indented fences count too: a block inside a list item must not be skipped without a word.
const FENCE = /^( *)```(ts|typescript|tsx)(?:\s+(\S+))?\s*$/;

/**
 * The TypeScript blocks of a Markdown file. A block fenced as ```ts nocheck is skipped: for
 * deliberate fragments only, never for API samples.
 */
export function extractBlocks(absolutePath: string, file: string): DocBlock[] {
  const lines = readFileSync(absolutePath, "utf8").split("\n");
  const blocks: DocBlock[] = [];
  for (let i = 0; i < lines.length; i++) {
    const open = FENCE.exec(lines[i]!);
    if (!open) continue;
    const indent = open[1]!.length;
    const start = i + 1;
    let end = start;
    while (end < lines.length && !lines[end]!.trimStart().startsWith("```")) end++;
    // Strip the fence's indentation only, so the block's own indentation is kept.
    const code = lines.slice(start, end).map((line) => line.slice(Math.min(indent, line.length - line.trimStart().length)));
    if (open[3] !== "nocheck") blocks.push({ file, line: start + 1, code: code.join("\n"), ...(open[2] === "tsx" ? { tsx: true } : {}) });
    i = end;
  }
  return blocks;
}
