import type { GenericEndpointContext } from "better-auth";
import { credentialError } from "../core/credential-errors";
import { userScope, type OwnerScope } from "../core/credential-service";
import { kindFor } from "../core/instance-kinds";
import { resolveActor, type Actor, type ActorPurpose, type ServerWithoutUser } from "../core/resolve-actor";
import { isServerCall, serverScopeOf } from "../core/server-call";
import { organizationScope, type OrganizationKeyAction } from "./organization-access";
import type { ResolvedApiKeyConfiguration, ResolvedApiKeyOptions } from "./resolve-options";

export interface KeyTarget {
  configuration: ResolvedApiKeyConfiguration;
  scope: OwnerScope & { role?: string | null };
  actor: Actor | ServerWithoutUser;
}

/**
 * Whose key an id names, for `get`, `update` and `revoke`: one of the caller's own keys, or a key
 * of an organization whose member may do `action` on its keys. Any other id (another user's
 * key, an organization the caller is not in, a missing one) answers 404 alike; a member whose
 * role does not allow `action` gets 403 `ORGANIZATION_ROLE_FORBIDS`. Trusted server code (no
 * `headers`, no `request`) may address any key of this plugin, whoever owns it.
 */
export async function keyTarget(
  ctx: GenericEndpointContext,
  options: ResolvedApiKeyOptions,
  id: string,
  action: OrganizationKeyAction,
  purpose: ActorPurpose = "manage",
): Promise<KeyTarget> {
  if (isServerCall(ctx)) return serverKeyTarget(ctx, options, id);
  const actor = await resolveActor(ctx, undefined, purpose);
  for (const configuration of options.configurations) {
    const kind = kindFor(ctx.context, configuration.config);
    if (configuration.config.references === "user") {
      const own = await kind.store.findOwned(ctx.context.adapter, id, actor.userId);
      if (own) return { configuration, scope: userScope(actor), actor };
      continue;
    }
    const row = await kind.store.findById(ctx.context.adapter, id);
    if (row) return { configuration, scope: await organizationScope(ctx, actor, row.referenceId, action, "not-found"), actor };
  }
  throw credentialError("NOT_FOUND");
}

/** A server call's target: the key with this id in any configuration, acted on for its owner. */
async function serverKeyTarget(ctx: GenericEndpointContext, options: ResolvedApiKeyOptions, id: string): Promise<KeyTarget> {
  for (const configuration of options.configurations) {
    const kind = kindFor(ctx.context, configuration.config);
    const row = await kind.store.findById(ctx.context.adapter, id);
    if (row) return { configuration, scope: serverScopeOf(kind, row), actor: { kind: "server", userId: undefined } };
  }
  throw credentialError("NOT_FOUND");
}
