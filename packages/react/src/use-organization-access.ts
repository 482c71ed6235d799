import { useEffect, useState } from "react";
import { thrownError } from "./client-error";
import { useTokensContext } from "./context";
import type { ClientError } from "./types";

/**
 * What the signed-in member may do to an organization's keys. Every right is `false` until the
 * member's role is known, and stays `false` when it cannot be read: the card never offers a
 * control the server may refuse.
 */
export interface OrganizationKeyAccess {
  create: boolean;
  update: boolean;
  revoke: boolean;
  /** `true` while the role is being asked for. */
  isLoading: boolean;
  /** Why the role could not be read (no controls then); `null` when it was. */
  error: ClientError | null;
}

const ALL = { create: true, update: true, revoke: true };
const NONE = { create: false, update: false, revoke: false };
const ASKING: OrganizationKeyAccess = { ...NONE, isLoading: true, error: null };

// `throw: false` on each call: the answers are read as `{ data, error }` even on a client set to throw.
type Call = (input: unknown, options: { throw: false }) => Promise<{ data?: unknown; error?: ClientError | null }>;

/**
 * Asks the organization plugin what the member may do on upstream's `apiKey` statement, as the
 * server decides it: the creator role (`"owner"` unless the app changed `creatorRole`) may do
 * everything, other roles what `hasPermission` allows. A non-member gets no controls, and so does
 * a member whose role cannot be read (no `organizationClient()`, a network failure): that comes
 * back as `error`.
 */
export function useOrganizationAccess(organizationId: string, creatorRole = "owner"): OrganizationKeyAccess {
  const { authClient, session } = useTokensContext();
  // Another signed-in user is another member: their role is asked afresh.
  const key = `${organizationId}\n${creatorRole}\n${session}`;
  const [answer, setAnswer] = useState<{ key: string; client: unknown; access: OrganizationKeyAccess } | null>(null);
  useEffect(() => {
    let live = true;
    void decide(authClient.organization as { getActiveMemberRole?: Call; hasPermission?: Call } | undefined, organizationId, creatorRole).then(
      (access) => live && setAnswer({ key, client: authClient, access }),
    );
    return () => {
      live = false;
    };
  }, [authClient, key, organizationId, creatorRole]);
  // An answer for another organization, role, user or client says nothing about this one.
  return answer && answer.key === key && answer.client === authClient ? answer.access : ASKING;
}

async function decide(organization: { getActiveMemberRole?: Call; hasPermission?: Call } | undefined, organizationId: string, creatorRole: string): Promise<OrganizationKeyAccess> {
  const { getActiveMemberRole, hasPermission } = organization ?? {};
  if (!getActiveMemberRole || !hasPermission) {
    return { ...NONE, isLoading: false, error: { code: "ORGANIZATION_CLIENT_MISSING", message: "The auth client has no organizationClient()" } };
  }
  try {
    const { data, error } = await getActiveMemberRole({ query: { organizationId } }, { throw: false });
    // A non-member: the list shows the server's NOT_ORGANIZATION_MEMBER, nothing to add.
    if (error?.status === 403) return { ...NONE, isLoading: false, error: null };
    if (error) return { ...NONE, isLoading: false, error };
    const roles = String((data as { role?: string } | null)?.role ?? "").split(",");
    if (roles.includes(creatorRole)) return { ...ALL, isLoading: false, error: null };
    const ask = async (action: string) => {
      const result = await hasPermission({ organizationId, permissions: { apiKey: [action] } }, { throw: false });
      if (result.error) throw result.error;
      // Only an explicit yes grants: a missing or odd answer is a no.
      return (result.data as { success?: boolean } | null)?.success === true;
    };
    const [create, update, revoke] = await Promise.all([ask("create"), ask("update"), ask("delete")]);
    return { create, update, revoke, isLoading: false, error: null };
  } catch (thrown) {
    return { ...NONE, isLoading: false, error: asAccessError(thrown) };
  }
}

/** The server's refusal passed on by `ask`, or a call that got no answer at all. */
function asAccessError(thrown: unknown): ClientError {
  if (thrown && typeof thrown === "object" && !(thrown instanceof Error) && ("code" in thrown || "status" in thrown)) return thrown as ClientError;
  return thrownError(thrown);
}
