import { defineConfig } from "vitest/config";
import { adapterProjects } from "@better-auth-tokens/test-utils/projects";

export default defineConfig({
  resolve: { conditions: ["better-auth-tokens-source"] },
  ssr: { resolve: { conditions: ["better-auth-tokens-source"] } },
  test: {
    setupFiles: ["@better-auth-tokens/test-utils/setup"],
    projects: adapterProjects({
      include: ["src/**/*.test.ts", "test/**/*.test.ts"],
      typecheck: { enabled: true, include: ["src/**/*.test-d.ts", "test/**/*.test-d.ts"] },
    }),
  },
});
