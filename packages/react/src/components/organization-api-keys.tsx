import { useTokensContext } from "../context";
import { useApiKeys } from "../use-api-keys";
import { useOrganizationAccess } from "../use-organization-access";
import { CredentialsCard, type CardProps } from "./credentials-card";

export interface OrganizationApiKeysProps extends CardProps {
  /** The organization whose keys are managed. */
  organizationId: string;
  /** The role the organization plugin gives every right (its `creatorRole`). @default "owner" */
  creatorRole?: string;
}

/**
 * An organization's API keys. Controls appear only for what the member's role allows on the
 * `apiKey` statement (asked of the organization plugin); anything else the server refuses shows
 * its error inline.
 *
 * @example
 * <OrganizationApiKeys organizationId={organization.id} permissions={["read", "write"]} />
 */
export function OrganizationApiKeys({ organizationId, creatorRole, ...props }: OrganizationApiKeysProps) {
  const { localization: t } = useTokensContext();
  const state = useApiKeys(props.limit === undefined ? { organizationId } : { organizationId, limit: props.limit });
  const access = useOrganizationAccess(organizationId, creatorRole);
  return (
    <CredentialsCard
      {...props}
      state={state}
      access={access}
      // Read-only is a fact about the role: not said while it is unknown, nor beside a list the
      // caller may not read at all (a non-member, whose role check answers 403 with no error).
      {...(access.isLoading || access.error || state.error ? {} : { readOnlyNote: t.readOnly })}
      title={t.organizationKeysTitle}
      description={t.organizationKeysDescription}
      // Its own words: beside <ApiKeys />, two "Create API key" buttons could not be told apart.
      createLabel={t.createOrganizationApiKey}
      createTitle={t.createTitleApiKey}
      emptyLabel={t.emptyApiKeys}
    />
  );
}
