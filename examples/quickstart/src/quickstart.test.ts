import { describe, expect, it } from "vitest";
import { runQuickstart } from "./quickstart";

describe("pnpm dev (quickstart)", () => {
  it("runs the whole story on embedded SQLite and prints each step", async () => {
    const lines: string[] = [];
    const statuses = await runQuickstart(":memory:", (line) => lines.push(line));
    expect(statuses).toEqual({ signUp: 200, created: 200, ok: 200, wrong: 401, afterRevoke: 401 });
    expect(lines).toHaveLength(6);
    expect(lines.join("\n")).toContain("apikey");
  });
});
