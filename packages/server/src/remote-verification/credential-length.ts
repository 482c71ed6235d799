/**
 * The longest credential value the verification endpoint reads; anything longer is no credential
 * of ours. Shared with `verifyRemote`, which refuses a longer one itself, as `createVerifier` does
 * (401 `INVALID_CREDENTIAL`), instead of sending a body the endpoint refuses with 400.
 */
export const MAX_CREDENTIAL_LENGTH = 4096;

/**
 * The longest `clientIp` the endpoint reads: more than any IP address. Shared with
 * `verifyRemote`, which sends a longer one (a whole forwarded chain) as no address at all.
 */
export const MAX_CLIENT_IP_LENGTH = 64;
