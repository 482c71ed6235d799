// @vitest-environment node
import { existsSync, readFileSync } from "node:fs";
import { gzipSync } from "node:zlib";
import { describe, expect, it } from "vitest";

const built = new URL("../dist/index.js", import.meta.url);

describe("the published bundle", () => {
  it("is at most 12 KB gzipped, React, Better Auth and our client left out", () => {
    expect(existsSync(built), "run `pnpm --filter @better-auth-tokens/react build` first (turbo does)").toBe(true);
    const code = readFileSync(built, "utf8");
    // Only bare imports of the peers: nothing of theirs was bundled in.
    const imported = [...code.matchAll(/^import .* from "([^"]+)";$/gm)].map((match) => match[1]);
    expect(new Set(imported)).toEqual(new Set(["react", "react/jsx-runtime", "@better-auth-tokens/client"]));
    expect(gzipSync(code, { level: 9 }).length).toBeLessThanOrEqual(12 * 1024);
  });
});
