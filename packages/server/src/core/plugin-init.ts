import type { AuthContext, BetterAuthOptions } from "better-auth";
import type { CredentialConfig } from "./credential-config";
import { probeHasher } from "./hashing-probe";
import { registerKind } from "./instance-kinds";
import { assertUnambiguousCredentials } from "./installed-credentials";
import { userDeletionHooks } from "./user-deletion";

/**
 * What both plugins do when Better Auth starts: refuse ambiguous setups, and drop a user's
 * cached credentials the moment that user changes or is deleted (a ban, a deletion and a
 * renamed user must be seen by the next request, not after the cache TTL), here and, through
 * `secondaryStorage`, on every other instance. A deleted user's credentials are deleted and
 * reported as revoked (`user-deletion.ts`).
 */
export async function initCredentialPlugin(
  context: AuthContext,
  config: CredentialConfig,
): Promise<{ context: Partial<AuthContext>; options: Partial<BetterAuthOptions> }> {
  assertUnambiguousCredentials(context.options);
  await probeHasher(config.hash, config.hashingOptionName);
  const registered = registerKind(context, config);
  await registered.kind.invalidations.start();
  // The channel forgets the user in every kind of this instance, and the deletion hooks serve
  // every kind too: one pair is enough, and a second would publish and report everything twice.
  if (!registered.firstKind) return { context: registered.context, options: {} };
  const forget = (user: { id: string }) => registered.kind.invalidations.userChanged(user.id);
  return {
    context: registered.context,
    options: {
      databaseHooks: {
        user: { update: { after: forget }, delete: userDeletionHooks(context, forget) },
      },
    },
  };
}
