import type { AuthContext } from "better-auth";
import type { Actor, ServerWithoutUser } from "../core/resolve-actor";
import { credentialError } from "../core/credential-errors";
import { isSubset, toStatements, type PermissionsInput } from "../core/permissions";
import type { Statements } from "../core/credential-table";
import type { OrganizationGrantContext } from "./options";
import { roleCoversGrant } from "./organization-access";
import type { ResolvedApiKeyConfiguration } from "./resolve-options";

/**
 * The permissions a new or updated key gets. A signed-in user may only ask for what
 * `allowedPermissions` grants them (for an organization's key, given the organization and their
 * role in it), and a member's role must cover what an organization's key gets of the
 * organization's own statements (`roleCoversGrant`); server code may grant anything.
 */
export async function grantPermissions(
  context: AuthContext,
  actor: Actor | ServerWithoutUser,
  requested: PermissionsInput | undefined,
  options: ResolvedApiKeyConfiguration,
  organization: OrganizationGrantContext | null = null,
): Promise<Statements> {
  const wanted = toStatements(requested ?? options.defaultPermissions);
  if (actor.kind === "server") return wanted;
  if (requested !== undefined && !isSubset(wanted, await allowedFor(actor, options, organization))) throw credentialError("INSUFFICIENT_PERMISSIONS");
  // The defaults too: whatever a member's key gets, their role must cover.
  if (organization && !(await roleCoversGrant(context, organization, wanted))) throw credentialError("ORGANIZATION_ROLE_FORBIDS");
  return wanted;
}

/**
 * Whether a member may be handed a working secret for an organization's key that holds `held`
 * (a roll): as if they created it now. What the configuration's defaults give needs no
 * `allowedPermissions`, as on a create that asks for nothing; their role must cover it all.
 * Otherwise a member whose role allows `apiKey: ["update"]` could roll a key the owner or server
 * code made and hold a grant they could never make themselves.
 */
export async function checkMemberMayHold(
  context: AuthContext,
  actor: Actor | ServerWithoutUser,
  held: Statements,
  options: ResolvedApiKeyConfiguration,
  organization: OrganizationGrantContext,
): Promise<void> {
  if (actor.kind === "server") return;
  if (!isSubset(held, toStatements(options.defaultPermissions)) && !isSubset(held, await allowedFor(actor, options, organization))) {
    throw credentialError("INSUFFICIENT_PERMISSIONS");
  }
  if (!(await roleCoversGrant(context, organization, held))) throw credentialError("ORGANIZATION_ROLE_FORBIDS");
}

/** What `allowedPermissions` lets this signed-in user ask for (the defaults, when it is not set). */
async function allowedFor(actor: Extract<Actor, { kind: "user" }>, options: ResolvedApiKeyConfiguration, organization: OrganizationGrantContext | null): Promise<Statements> {
  const allowed =
    typeof options.allowedPermissions === "function" ? await options.allowedPermissions(actor.user, organization) : (options.allowedPermissions ?? options.defaultPermissions);
  return toStatements(allowed);
}
