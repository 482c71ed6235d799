export {
  apiKey,
  type ApiKeyConfiguration,
  type ApiKeyOptions,
  type OrganizationGrantContext,
  type OrganizationKeyOptions,
} from "./api-key";
export type { VerifyApiKeyResult } from "./api-key/routes/verify-api-key";
export { bearer, type BearerOptions } from "./bearer";
export { remoteVerification, type RemoteVerification, type RemoteVerificationOptions } from "./remote-verification";
export { TOKEN_ERROR_CODES, type TokenErrorCode } from "./error-codes";
export type { HashingOption } from "./core/hashing";
export type { PermissionsInput } from "./core/permissions";
export type { RateLimitOption } from "./core/rate-limiter";
export type { ClientQuotaOption } from "./core/client-quota";
export type { PublicCredential, Statements } from "./core/credential-table";
export type { CredentialSession } from "./core/credential-session-hook";
export {
  createVerifier,
  requireCredential,
  requireCredentialNode,
  withCredential,
  type AnyVerifiedCredential,
  type AuthenticateResult,
  type CredentialHandler,
  type CredentialFailure,
  type CredentialRequirement,
  type OrganizationVerifiedCredential,
  type VerifiedCredential,
  type Verifier,
} from "./verifier";
export type { CacheOption, CredentialOwner } from "./core/verified-cache";
export type {
  ChangedColumn,
  CredentialEvent,
  CredentialEventActor,
  CredentialEventBase,
  CredentialEventHandler,
  CredentialRejectionReason,
} from "./core/credential-events";
