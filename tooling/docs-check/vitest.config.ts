import { defineConfig } from "vitest/config";

// The workspace's packages are read from source, so the checks see the code as it is now.
export default defineConfig({
  resolve: { conditions: ["better-auth-tokens-source"] },
  ssr: { resolve: { conditions: ["better-auth-tokens-source"] } },
});
