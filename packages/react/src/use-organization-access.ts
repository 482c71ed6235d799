import { useEffect, useState } from "react";
import { useTokensContext } from "./context";

/** What the signed-in member may do to an organization's keys; `true` until the server says otherwise. */
export interface OrganizationKeyAccess {
  create: boolean;
  update: boolean;
  revoke: boolean;
}

const ALL: OrganizationKeyAccess = { create: true, update: true, revoke: true };
const NONE: OrganizationKeyAccess = { create: false, update: false, revoke: false };

type Call = (input: unknown) => Promise<{ data?: unknown; error?: { status?: number } | null }>;

/**
 * Asks the organization plugin what the member may do on upstream's `apiKey` statement, as the
 * server decides it: the creator role (`"owner"` unless the app changed `creatorRole`) may do
 * everything, other roles what `hasPermission` allows. A non-member gets no controls. Without
 * `organizationClient()` (or on any other error) every control stays and the server's 403
 * `ORGANIZATION_ROLE_FORBIDS` answers instead.
 */
export function useOrganizationAccess(organizationId: string, creatorRole = "owner"): OrganizationKeyAccess {
  const { authClient } = useTokensContext();
  const [access, setAccess] = useState<OrganizationKeyAccess>(ALL);
  useEffect(() => {
    const organization = authClient.organization as { getActiveMemberRole?: Call; hasPermission?: Call } | undefined;
    if (!organization?.getActiveMemberRole || !organization.hasPermission) return;
    const { getActiveMemberRole, hasPermission } = organization;
    let live = true;
    const ask = (action: string) =>
      hasPermission({ organizationId, permissions: { apiKey: [action] } }).then(
        (result) => (result?.data as { success?: boolean } | null)?.success !== false,
        () => true,
      );
    async function decide(): Promise<OrganizationKeyAccess> {
      const { data, error } = await getActiveMemberRole!({ query: { organizationId } });
      if (error?.status === 403) return NONE;
      const roles = String((data as { role?: string } | null)?.role ?? "").split(",");
      if (roles.includes(creatorRole)) return ALL;
      const [create, update, revoke] = await Promise.all([ask("create"), ask("update"), ask("delete")]);
      return { create, update, revoke };
    }
    void decide()
      .catch(() => ALL)
      .then((decided) => live && setAccess(decided));
    return () => {
      live = false;
    };
  }, [authClient, organizationId, creatorRole]);
  return access;
}
