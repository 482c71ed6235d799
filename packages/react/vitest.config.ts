import { defineConfig } from "vitest/config";

// The components talk to a real Better Auth in-process, whatever database it sits on, so one
// project (the harness's in-memory adapter) is enough: the database matrix is the server's concern.
const source = { conditions: ["better-auth-tokens-source"] };
export default defineConfig({
  resolve: source,
  ssr: { resolve: source },
  test: {
    environment: "./test/environment.ts",
    setupFiles: ["@better-auth-tokens/test-utils/setup", "./test/setup-dom.ts"],
    include: ["test/**/*.test.ts", "test/**/*.test.tsx"],
    testTimeout: 20_000,
  },
});
