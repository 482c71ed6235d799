import { writeFile } from "node:fs/promises";
import { defineConfig } from "tsup";

export default defineConfig({
  entry: ["src/index.ts"],
  format: ["esm"],
  dts: true,
  clean: true,
  sourcemap: true,
  target: "es2022",
  // React, Better Auth and our client are the app's own copies: bundling them would ship a second React.
  external: [/^react/, /^better-auth/, /^@better-auth\//, /^@better-auth-tokens\//],
  // The stylesheet as a file too, for apps that import it instead of letting the provider inject it.
  async onSuccess() {
    const { TOKENS_CSS } = await import("./src/styles");
    await writeFile("dist/styles.css", `${TOKENS_CSS.trim()}\n`);
  },
});
