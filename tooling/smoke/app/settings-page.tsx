// The React package from its tarball: components, hooks and their prop types, under both resolutions.
import { ApiKeys, OrganizationApiKeys, PersonalTokens, TokensProvider, useApiKeys } from "@better-auth-tokens/react";
import { authClient } from "./auth-client.js";

export function KeyCount() {
  const { data } = useApiKeys();
  return <p>{data?.length ?? 0}</p>;
}

export const SettingsPage = ({ organizationId }: { organizationId: string }) => (
  <TokensProvider authClient={authClient}>
    <ApiKeys permissions={["read"]} maxExpiresIn={86400 * 90} />
    <PersonalTokens />
    <OrganizationApiKeys organizationId={organizationId} />
    <KeyCount />
  </TokensProvider>
);
