import type { PermissionsInput } from "../core/permissions";

/** What a route asks of the credential that calls it. */
export interface CredentialRequirement {
  /**
   * Permissions an API key must have been granted: scopes (`["read"]`) or statements
   * (`{ project: ["read"] }`). Beyond them: 403 `INSUFFICIENT_PERMISSIONS`.
   */
  permissions?: PermissionsInput | undefined;
  /**
   * How a personal token meets `permissions`. A personal token has no permissions of its own:
   * it acts as its owner, like a signed-in session. `"refuse"` keeps a route that names
   * permissions for API keys only; `"owner"` lets a personal token through as its owner would
   * come with a session, so check the user yourself wherever the user's role matters.
   * Without `permissions`, both kinds pass either way.
   * @default "refuse"
   */
  personalTokens?: "refuse" | "owner" | undefined;
  /**
   * Whether an organization's API key may pass. Such a key acts for its organization and for no
   * user (`user: null`), so a route written for users' credentials refuses it with 403
   * `ORGANIZATION_KEY_NOT_ACCEPTED`; `"accept"` lets it through, and the result names the
   * organization in `owner` (see docs/organizations.md).
   * @default "refuse"
   */
  organizationKeys?: "refuse" | "accept" | undefined;
}
