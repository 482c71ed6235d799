import { defineConfig } from "tsup";

export default defineConfig({
  entry: ["src/index.ts"],
  format: ["esm"],
  dts: true,
  clean: true,
  sourcemap: true,
  target: "node20",
  // Peers and their subpaths stay imports: bundling them would ship a second better-call.
  external: [/^better-auth/, /^@better-auth\//, /^@better-auth-tokens\//],
});
