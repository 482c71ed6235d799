import type { BetterAuthOptions } from "better-auth";
import { bearer as upstreamBearer } from "better-auth/plugins/bearer";
import { installedCredentialPlugins, prefixesOf } from "../core/installed-credentials";
import { apiKeyChannels } from "../core/api-key-headers";
import { presentsSeveralCredentials, readBearerValue } from "../core/read-credential";

type UpstreamHook = ReturnType<typeof upstreamBearer>["hooks"]["before"][number];
type HookContext = Parameters<UpstreamHook["matcher"]>[0];

/**
 * Upstream `bearer()`'s hooks, reused rather than rewritten: a session token in
 * `Authorization: Bearer` becomes the session cookie, and sign-ins answer with `set-auth-token`.
 * Its before-hook is kept away from our own credentials (see `carriesOurCredential`).
 */
export function upstreamSessionHooks(options: { requireSignature: boolean }) {
  const upstream = upstreamBearer({ requireSignature: options.requireSignature });
  // One list per Better Auth instance, computed on first use: a plugin object may be shared by instances.
  const prefixesByOptions = new WeakMap<BetterAuthOptions, readonly string[]>();

  function ourPrefixes(authOptions: BetterAuthOptions) {
    let prefixes = prefixesByOptions.get(authOptions);
    if (!prefixes) {
      prefixes = installedCredentialPlugins(authOptions).flatMap(prefixesOf);
      prefixesByOptions.set(authOptions, prefixes);
    }
    return prefixes;
  }

  // Upstream signs any dot-less Bearer value with the auth secret and writes it over the session
  // cookie: an API key or personal token would cost a session lookup and replace a valid cookie.
  // Both header sources are checked because upstream reads `request.headers` before `headers`.
  function carriesOurCredential(ctx: HookContext) {
    const prefixes = ourPrefixes(ctx.context.options);
    const channels = apiKeyChannels(ctx.context.options);
    return [ctx.request?.headers, ctx.headers].some((headers) => {
      // Two credentials in one request are refused by our hook; upstream must not turn one into a cookie.
      if (presentsSeveralCredentials(headers, channels)) return true;
      const value = readBearerValue(headers);
      return value !== null && prefixes.some((prefix) => value.startsWith(prefix));
    });
  }

  return {
    before: upstream.hooks.before.map((hook) => ({
      ...hook,
      matcher: (ctx: HookContext) => !carriesOurCredential(ctx) && hook.matcher(ctx),
    })),
    after: upstream.hooks.after,
  };
}
