import { gzipSync } from "node:zlib";
import { build } from "esbuild";

/** What the client package adds to a bundle, gzipped. */
export interface ClientSize {
  /** `apiKeyClient` and `bearerClient`: what a browser app imports. */
  browserPlugins: number;
  /** Everything the package exports, `verifyRemote` and `refusalAnswer` (for services) too. */
  wholePackage: number;
}

/**
 * Bytes the client package adds to a bundle, gzipped: bundled and minified with better-auth left
 * external (the app has it anyway), as an app's bundler would. The package has no side effects,
 * so a bundler keeps only what the app imports: a browser app imports the plugins, a service
 * `verifyRemote`; both figures are given.
 */
export async function clientPackageGzipBytes(): Promise<ClientSize> {
  return {
    browserPlugins: await gzippedBytes('export { apiKeyClient, bearerClient } from "@better-auth-tokens/client";'),
    wholePackage: await gzippedBytes('export * from "@better-auth-tokens/client";'),
  };
}

async function gzippedBytes(entry: string): Promise<number> {
  const result = await build({
    stdin: { contents: entry, resolveDir: process.cwd(), loader: "ts" },
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
