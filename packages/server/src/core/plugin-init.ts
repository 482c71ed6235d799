import type { AuthContext, BetterAuthOptions } from "better-auth";
import type { CredentialKind } from "./credential-kind";
import { probeHasher } from "./hashing-probe";
import { assertUnambiguousCredentials } from "./installed-credentials";

/**
 * What both plugins do when Better Auth starts: refuse ambiguous setups, and drop a user's
 * cached credentials the moment that user changes or is deleted (a ban, a deletion and a
 * renamed user must be seen by the next request, not after the cache TTL).
 */
export async function initCredentialPlugin(
  context: AuthContext,
  kind: CredentialKind,
): Promise<{ options: Partial<BetterAuthOptions> }> {
  assertUnambiguousCredentials(context.options);
  await probeHasher(kind.hash, kind.hashingOptionName);
  const forget = async (user: { id: string }) => kind.cache.forgetUser(user.id);
  return {
    options: {
      databaseHooks: {
        user: { update: { after: forget }, delete: { after: forget } },
      },
    },
  };
}
