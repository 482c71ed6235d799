export {
  createVerifier,
  type AnyVerifiedCredential,
  type AuthenticateResult,
  type CredentialFailure,
  type OrganizationVerifiedCredential,
  type VerifiedCredential,
  type VerifiedFor,
  type Verifier,
} from "./create-verifier";
export { requireCredential, requireCredentialNode } from "./middleware";
export { withCredential, type CredentialHandler } from "./with-credential";
export type { CredentialRequirement } from "./requirement";
