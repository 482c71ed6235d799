import type { AuthContext, GenericEndpointContext } from "better-auth";
import { credentialError } from "../core/credential-errors";
import type { OwnerScope } from "../core/credential-service";
import type { Actor, ServerWithoutUser } from "../core/resolve-actor";

/** What a member may do to their organization's keys: upstream's statement, `apiKey: [...]`. */
export type OrganizationKeyAction = "create" | "read" | "update" | "delete";

/** The error an `organization()`-less instance gets at startup, and here should init be skipped. */
export const ORGANIZATION_PLUGIN_MISSING =
  '@better-auth-tokens: apiKey() has a configuration with references: "organization", but the organization() plugin from "better-auth/plugins" is not installed in this auth instance';

type OrganizationPluginOptions = Parameters<typeof import("better-auth/plugins/organization").hasPermission>[0]["options"];

function organizationOptions(context: AuthContext): OrganizationPluginOptions {
  const plugin = context.getPlugin?.("organization") as { options?: OrganizationPluginOptions } | null | undefined;
  if (!plugin) throw new Error(ORGANIZATION_PLUGIN_MISSING);
  return plugin.options ?? {};
}

/** The user's membership, or null: read from the organization plugin's `member` table. */
export async function findMembership(context: AuthContext, userId: string, organizationId: string) {
  return context.adapter.findOne<{ id: string; role: string; organizationId: string }>({
    model: "member",
    where: [
      { field: "userId", value: userId },
      { field: "organizationId", value: organizationId },
    ],
  });
}

/**
 * Whether a role may do `permissions` in the organization, asked of the organization plugin's
 * own `hasPermission` (its roles, its custom access control, its dynamic roles); the creator
 * role (`creatorRole`, "owner" by default) may do everything, as upstream grants it.
 */
export async function roleAllows(
  context: AuthContext,
  role: string,
  organizationId: string,
  permissions: Record<string, string[]>,
): Promise<boolean> {
  // Loaded on first use: apps without organizations never load the organization plugin's code.
  const { hasPermission } = await import("better-auth/plugins/organization");
  // hasPermission reads only `ctx.context` (the adapter, for dynamic roles): a verifier has no endpoint context.
  const ctx = { context } as GenericEndpointContext;
  return hasPermission({ role, options: organizationOptions(context), permissions, organizationId, allowCreatorAllPermissions: true }, ctx);
}

/**
 * Whether a member's role covers what they grant an organization's key, in the organization's
 * own vocabulary: the resources its access control defines (`ac`, or the plugin's default
 * statements), `apiKey` included, and those its roles name (upstream checks `roles` by their own
 * statements, and needs `ac` only for dynamic access control). Such a key is checked against its
 * grant alone when used (`authorizeInOrganization`), so a member who could grant beyond their
 * role would hold a key that does more than they may. The app's own resources, which no role
 * names, are left to `allowedPermissions`.
 */
export async function roleCoversGrant(context: AuthContext, grant: { organizationId: string; role: string }, permissions: Record<string, string[]>) {
  const { defaultStatements } = await import("better-auth/plugins/organization/access");
  const options = organizationOptions(context);
  const vocabularies = [options.ac?.statements ?? defaultStatements, ...Object.values(options.roles ?? {}).map((role) => role?.statements)];
  const known = (resource: string) => vocabularies.some((statements) => typeof statements === "object" && statements !== null && Object.hasOwn(statements, resource));
  const inVocabulary = Object.fromEntries(Object.entries(permissions).filter(([resource]) => known(resource)));
  if (Object.keys(inVocabulary).length === 0) return true;
  return roleAllows(context, grant.role, grant.organizationId, inVocabulary);
}

/**
 * The scope of a call on an organization's keys. A signed-in caller must be a member whose
 * role allows `action` on `apiKey`; trusted server code (no headers) may act for any existing
 * organization. `notMember` says how an outsider is answered: 403 when they named the
 * organization (they know it exists), 404 when they named a key id (nothing about the key leaks).
 */
export async function organizationScope(
  ctx: GenericEndpointContext,
  actor: Actor | ServerWithoutUser,
  organizationId: string,
  action: OrganizationKeyAction,
  notMember: "forbidden" | "not-found",
): Promise<OwnerScope & { role: string | null }> {
  if (actor.kind === "server") {
    const organization = await ctx.context.adapter.findOne<{ id: string }>({
      model: "organization",
      where: [{ field: "id", value: organizationId }],
    });
    if (!organization) throw credentialError(notMember === "not-found" ? "NOT_FOUND" : "ORGANIZATION_NOT_FOUND");
    // The stored id, not the one sent: MySQL's usual collations match ids in any case and with
    // trailing spaces, and a key must belong to the organization as it is, not as it was spelled.
    return { ownerId: organization.id, ownerModel: "organization", createdBy: actor.userId ?? null, signedIn: false, impersonatedBy: null, role: null };
  }
  const member = await findMembership(ctx.context, actor.userId, organizationId);
  if (!member) throw credentialError(notMember === "not-found" ? "NOT_FOUND" : "NOT_ORGANIZATION_MEMBER");
  if (!(await roleAllows(ctx.context, member.role, member.organizationId, { apiKey: [action] }))) throw credentialError("ORGANIZATION_ROLE_FORBIDS");
  return { ownerId: member.organizationId, ownerModel: "organization", createdBy: actor.userId, signedIn: true, impersonatedBy: actor.impersonatedBy, role: member.role };
}
