export { ApiKeys, type ApiKeysProps } from "./components/api-keys";
export { OrganizationApiKeys, type OrganizationApiKeysProps } from "./components/organization-api-keys";
export { PersonalTokens, type PersonalTokensProps } from "./components/personal-tokens";
export type { CardProps } from "./components/credentials-card";
export type { PermissionOption } from "./components/create-dialog";
export { TokensProvider, type TokensProviderProps } from "./context";
export type { TokensClassNames } from "./class-names";
export type { ExpiryPolicy } from "./expiry-choices";
export { defaultLocalization, type Localization } from "./localization";
export { TOKENS_CSS } from "./styles";
export { useApiKeys, type UseApiKeysOptions } from "./use-api-keys";
export { usePersonalTokens } from "./use-personal-tokens";
export { useOrganizationAccess, type OrganizationKeyAccess } from "./use-organization-access";
export type { CredentialsState, ListQuery } from "./use-credentials";
export type {
  ClientError,
  CreateInput,
  CreatedCredential,
  CredentialItem,
  TokensAuthClient,
} from "./types";
