import type { AuthContext } from "better-auth";
import type { CredentialConfig } from "./credential-config";
import { createCredentialRuntime, type CredentialKind } from "./credential-runtime";
import { createInvalidationChannel, type InvalidationChannel } from "./invalidation-channel";

/** Where each `betterAuth()` instance keeps its kinds: a key on its own context, never module state. */
const KINDS = Symbol("better-auth-tokens: credential kinds");
/** One invalidation channel per instance, whichever plugins it has: one poll serves every kind. */
const INVALIDATIONS = Symbol("better-auth-tokens: invalidation channel");

type WithKinds = { [KINDS]?: Map<string, CredentialKind>; [INVALIDATIONS]?: InvalidationChannel };

/**
 * Creates this instance's runtime for a kind, from the plugin's `init`. Returned as context for
 * Better Auth to merge, so every request's context of this instance reaches it. `firstKind` is
 * true for the first plugin of the instance, which alone registers the user hooks.
 */
export function registerKind(context: AuthContext, config: CredentialConfig) {
  const kinds = (context as WithKinds)[KINDS] ?? new Map<string, CredentialKind>();
  const existing = (context as WithKinds)[INVALIDATIONS];
  const invalidations = existing ?? createInvalidationChannel(context.secondaryStorage, context.logger);
  const kind: CredentialKind = { ...config, ...createCredentialRuntime(config, invalidations, context), legacyFallbacks: [] };
  kinds.set(config.configId, kind);
  return { kind, firstKind: !existing, context: { [KINDS]: kinds, [INVALIDATIONS]: invalidations } as Partial<AuthContext> };
}

/** This instance's kind for a plugin's configuration. */
export function kindFor(context: AuthContext, config: CredentialConfig): CredentialKind {
  const kind = (context as WithKinds)[KINDS]?.get(config.configId);
  if (!kind) throw new Error(`@better-auth-tokens: the "${config.authMethod}" plugin was not initialised in this auth instance`);
  return kind;
}

/** Every kind installed in this instance, in plugin order. */
export function instanceKinds(context: AuthContext): CredentialKind[] {
  return [...((context as WithKinds)[KINDS]?.values() ?? [])];
}
