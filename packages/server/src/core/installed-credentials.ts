import type { BetterAuthOptions } from "better-auth";

/**
 * Our plugins publish their prefix in `plugin.options`, so siblings can check prefixes at
 * startup and keep upstream's bearer hook away from them, without importing each other.
 */
interface CredentialPlugin {
  id: string;
  /** `credentialPrefixes` when the plugin has several configurations (user and organization keys). */
  options: { credentialPrefix: string; credentialPrefixes?: readonly string[] };
}

/** Every prefix a plugin of ours issues credentials under. */
export function prefixesOf(plugin: CredentialPlugin): readonly string[] {
  return plugin.options.credentialPrefixes ?? [plugin.options.credentialPrefix];
}

export function installedCredentialPlugins(options: BetterAuthOptions): CredentialPlugin[] {
  return (options.plugins ?? []).filter(
    (plugin): plugin is typeof plugin & CredentialPlugin =>
      typeof (plugin.options as Partial<CredentialPlugin["options"]> | undefined)?.credentialPrefix === "string",
  );
}

/**
 * Refuses, at startup, configurations that would make a credential ambiguous: two of our
 * plugins sharing a prefix (one prefix, one owner), or upstream's `bearer()` installed beside ours
 * (it would re-sign our tokens into the session cookie).
 */
export function assertUnambiguousCredentials(options: BetterAuthOptions) {
  const ours = installedCredentialPlugins(options);
  for (const [index, plugin] of ours.entries()) {
    for (const other of ours.slice(index + 1)) {
      for (const [a, b] of prefixesOf(plugin).flatMap((a) => prefixesOf(other).map((b) => [a, b] as const))) {
        if (!(a.startsWith(b) || b.startsWith(a))) continue;
        throw new Error(
          `@better-auth-tokens: the "${plugin.id}" prefix "${a}" and the "${other.id}" prefix "${b}" overlap; give each plugin its own prefix`,
        );
      }
    }
  }
  const foreignBearer = (options.plugins ?? []).some(
    (plugin) => plugin.id === "bearer" && !ours.includes(plugin as CredentialPlugin),
  );
  if (foreignBearer && ours.length > 0) {
    throw new Error(
      '@better-auth-tokens: use bearer() from "@better-auth-tokens/server" instead of better-auth\'s own bearer(); ours includes it and keeps API keys and tokens out of the session cookie',
    );
  }
}
