import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { compileBlocks } from "./compile-blocks";
import { extractBlocks } from "./extract-blocks";
import { blockUnderHeading } from "./section-block";

// The docs test only proves something if the checker itself reports a broken block, where it is.
const SAMPLE = [
  "# Sample", //                                   1
  "", //                                            2
  "```ts", //                                       3
  "const fine: number = 1;", //                     4
  "```", //                                         5
  "", //                                            6
  "```typescript", //                               7
  "const first = 1;", //                            8
  'const wrong: number = "not a number";', //       9
  "```", //                                        10
  "", //                                           11
  "1. A step with a block inside the list item:", // 12
  "", //                                           13
  "   ```ts", //                                   14
  "   if (true) {", //                             15
  "     const nested: string = 42;", //            16
  "   }", //                                       17
  "   ```", //                                     18
  "", //                                           19
  "```ts nocheck", //                              20
  "this is deliberately not TypeScript", //        21
  "```", //                                        22
  "", //                                           23
  "```sh", //                                      24
  "const ignored: number = 'shell is not compiled'", // 25
  "```", //                                        26
  "", //                                           27
  "```tsx", //                                     28
  "const Days = (props: { days: number }) => <p>{props.days} days</p>;", // 29
  'export const Page = () => <Days days="thirty" />;', // 30
  "```", //                                        31
].join("\n");

function sampleBlocks() {
  const path = join(mkdtempSync(join(tmpdir(), "docs-check-")), "sample.md");
  writeFileSync(path, SAMPLE);
  return extractBlocks(path, "docs/sample.md");
}

describe("the docs checker", () => {
  it("extracts ts, typescript, tsx and indented blocks, and skips nocheck and other languages", () => {
    expect(sampleBlocks().map(({ line, code }) => ({ line, code }))).toEqual([
      { line: 4, code: "const fine: number = 1;" },
      { line: 8, code: 'const first = 1;\nconst wrong: number = "not a number";' },
      { line: 15, code: "if (true) {\n  const nested: string = 42;\n}" },
      { line: 29, code: expect.stringContaining("<Days") },
    ]);
    expect(sampleBlocks().map((block) => block.tsx ?? false)).toEqual([false, false, false, true]);
  });

  it("reports each compile error at its Markdown file and line, and nothing for a correct block", () => {
    const errors = compileBlocks(sampleBlocks());
    expect(errors).toHaveLength(3);
    expect(errors[0]).toMatch(/^docs\/sample\.md:9: Type 'string' is not assignable to type 'number'/);
    expect(errors[1]).toMatch(/^docs\/sample\.md:16: Type 'number' is not assignable to type 'string'/);
    // A React block is compiled with React's JSX: its props are checked.
    expect(errors[2]).toMatch(/^docs\/sample\.md:30: Type 'string' is not assignable to type 'number'/);
  }, 60_000);
});

// The framework test runs the block under a heading: it must never run a neighbour's block.
const SECTIONS = [
  "## First", //                  1
  "```sh", //                     2
  "# a shell comment, not a heading", // 3
  "```", //                       4
  "```ts", //                     5
  "const first = 1;", //          6
  "```", //                       7
  "## Empty", //                  8
  "No block here.", //            9
  "## Last", //                  10
  "```ts", //                    11
  "const last = 1;", //          12
  "```", //                      13
].join("\n");

describe("the block under a heading", () => {
  const path = join(mkdtempSync(join(tmpdir(), "docs-check-")), "sections.md");
  writeFileSync(path, SECTIONS);

  it("is the first TypeScript block of that section, past a shell comment that looks like a heading", () => {
    expect(blockUnderHeading(path, "docs/sections.md", "First")).toMatchObject({ line: 6, code: "const first = 1;" });
    expect(blockUnderHeading(path, "docs/sections.md", "Last")).toMatchObject({ line: 12, code: "const last = 1;" });
  });

  it("is an error, not the next section's block, when the section has none or does not exist", () => {
    expect(() => blockUnderHeading(path, "docs/sections.md", "Empty")).toThrow('docs/sections.md: no TypeScript block under "Empty"');
    expect(() => blockUnderHeading(path, "docs/sections.md", "Gone")).toThrow('docs/sections.md: no heading "Gone"');
  });
});
