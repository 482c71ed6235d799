import { defineConfig } from "tsup";

export default defineConfig({
  entry: ["src/index.ts"],
  format: ["esm"],
  dts: true,
  clean: true,
  sourcemap: true,
  target: "node20",
  // Peers and their subpaths stay imports: bundling them would ship a second better-call. The
  // server is imported for types only; its error table comes in by a relative path and is bundled.
  external: [/^better-auth/, /^@better-auth\//, /^@better-auth-tokens\//],
});
