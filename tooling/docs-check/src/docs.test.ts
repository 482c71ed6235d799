import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { compileBlocks } from "./compile-blocks";
import { extractBlocks } from "./extract-blocks";
import { markdownFiles, root } from "./markdown-files";

describe("documentation code blocks", () => {
  it("every TypeScript block in README.md, docs/ and the package READMEs compiles against the current packages", () => {
    const blocks = markdownFiles.flatMap((file) => extractBlocks(join(root, file), file));
    console.log(`compiling ${blocks.length} TypeScript blocks from ${markdownFiles.length} Markdown files`);
    expect(blocks.length).toBeGreaterThan(20);
    expect(compileBlocks(blocks)).toEqual([]);
  }, 120_000);
});
