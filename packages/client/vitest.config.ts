import { adapterProjects } from "@better-auth-tokens/test-utils/projects";
import { defineConfig } from "vitest/config";

export default defineConfig({
  resolve: { conditions: ["better-auth-tokens-source"] },
  ssr: { resolve: { conditions: ["better-auth-tokens-source"] } },
  test: {
    setupFiles: ["@better-auth-tokens/test-utils/setup"],
    // The client's tests drive a real server, so they run on every database the server's do.
    projects: adapterProjects({
      include: ["src/**/*.test.ts", "test/**/*.test.ts"],
      typecheck: { enabled: true, include: ["src/**/*.test-d.ts", "test/**/*.test-d.ts"] },
    }),
  },
});
