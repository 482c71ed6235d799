import { defineConfig } from "vitest/config";

export default defineConfig({
  resolve: { conditions: ["better-auth-tokens-source"] },
  ssr: { resolve: { conditions: ["better-auth-tokens-source"] } },
  test: {
    setupFiles: ["@better-auth-tokens/test-utils/setup"],
    include: ["src/**/*.test.ts", "test/**/*.test.ts"],
    typecheck: { enabled: true, include: ["src/**/*.test-d.ts", "test/**/*.test-d.ts"] },
  },
});
