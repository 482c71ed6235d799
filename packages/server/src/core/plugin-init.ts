import type { AuthContext, BetterAuthOptions } from "better-auth";
import type { CredentialConfig } from "./credential-config";
import { probeHasher } from "./hashing-probe";
import { instanceKinds, registerKind } from "./instance-kinds";
import { assertUnambiguousCredentials } from "./installed-credentials";

/**
 * What both plugins do when Better Auth starts: refuse ambiguous setups, and drop a user's
 * cached credentials the moment that user changes or is deleted (a ban, a deletion and a
 * renamed user must be seen by the next request, not after the cache TTL), here and, through
 * `secondaryStorage`, on every other instance.
 */
export async function initCredentialPlugin(
  context: AuthContext,
  config: CredentialConfig,
): Promise<{ context: Partial<AuthContext>; options: Partial<BetterAuthOptions> }> {
  assertUnambiguousCredentials(context.options);
  await probeHasher(config.hash, config.hashingOptionName);
  const registered = registerKind(context, config);
  await registered.kind.invalidations.start();
  // The channel forgets the user in every kind of this instance: one hook is enough, and a
  // second would publish every user change twice.
  if (!registered.firstKind) return { context: registered.context, options: {} };
  const forget = (user: { id: string }) => registered.kind.invalidations.userChanged(user.id);
  const deleted = async (user: { id: string }) => {
    await deleteOwnedCredentials(context, user.id);
    await forget(user);
  };
  return {
    context: registered.context,
    options: {
      databaseHooks: {
        user: { update: { after: forget }, delete: { after: deleted } },
      },
    },
  };
}

/**
 * Deletes a deleted user's credentials, for every configuration users own. Where the table has a
 * foreign key to `user.id` the database has done it already and this finds nothing; but the
 * table may have none (it also holds organizations' keys, or upstream created it), and an
 * adapter may not enforce one (memory, MongoDB): the keys must not outlive their user there either.
 */
async function deleteOwnedCredentials(context: AuthContext, userId: string) {
  for (const kind of instanceKinds(context)) {
    if (kind.references === "user") await kind.store.deleteAllOwned(context.adapter, userId);
  }
}
