import { defineConfig } from "vitest/config";

// Each `changeset version` run spawns the CLI on a scratch workspace: seconds, not milliseconds.
export default defineConfig({
  test: { testTimeout: 60_000 },
});
