export { createVerifier, type AuthenticateResult, type CredentialFailure, type VerifiedCredential, type Verifier } from "./create-verifier";
export { requireCredential, requireCredentialNode } from "./middleware";
export type { CredentialRequirement } from "./requirement";
