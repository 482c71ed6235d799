import { defineConfig } from "vitest/config";

export default defineConfig({
  resolve: { conditions: ["better-auth-tokens-source"] },
  ssr: { resolve: { conditions: ["better-auth-tokens-source"] } },
  test: { setupFiles: ["./src/setup.ts"] },
});
