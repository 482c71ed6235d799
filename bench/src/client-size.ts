import { gzipSync } from "node:zlib";
import { build } from "esbuild";

/**
 * Bytes the client package adds to a browser bundle, gzipped: bundled and minified with
 * better-auth left external (the app has it anyway), as an app's bundler would.
 */
export async function clientPackageGzipBytes(): Promise<number> {
  const result = await build({
    stdin: { contents: 'export * from "@better-auth-tokens/client";', resolveDir: process.cwd(), loader: "ts" },
    bundle: true,
    minify: true,
    format: "esm",
    platform: "browser",
    write: false,
    conditions: ["better-auth-tokens-source"],
    external: ["better-auth", "better-auth/*", "@better-auth/*"],
    logLevel: "silent",
  });
  return gzipSync(result.outputFiles[0]!.contents).length;
}
