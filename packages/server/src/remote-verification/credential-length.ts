/**
 * The longest credential value the verification endpoint reads; anything longer is no credential
 * of ours. Shared with `verifyRemote`, which refuses a longer one itself, as `createVerifier` does
 * (401 `INVALID_CREDENTIAL`), instead of sending a body the endpoint refuses with 400.
 */
export const MAX_CREDENTIAL_LENGTH = 4096;
