import { readdirSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { compileBlocks } from "./compile-blocks";
import { extractBlocks } from "./extract-blocks";

const root = fileURLToPath(new URL("../../../", import.meta.url));
const markdown = ["README.md", ...readdirSync(join(root, "docs")).filter((f) => f.endsWith(".md")).map((f) => `docs/${f}`)];

describe("documentation code blocks", () => {
  it("every TypeScript block in README.md and docs/ compiles against the current packages", () => {
    const blocks = markdown.flatMap((file) => extractBlocks(join(root, file), file));
    console.log(`compiling ${blocks.length} TypeScript blocks from ${markdown.length} Markdown files`);
    expect(blocks.length).toBeGreaterThan(20);
    expect(compileBlocks(blocks)).toEqual([]);
  }, 120_000);
});
