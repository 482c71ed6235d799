export { apiKeyClient } from "./api-key-client";
export { bearerClient } from "./bearer-client";
export type { BearerLoginError, BearerLoginInput, BearerLoginResult } from "./bearer-login";
export { TOKEN_ERROR_CODES, type TokenErrorCode } from "./error-codes";
export { credentialFromHeaders, verifyRemote, type RemoteRequirement, type RemoteVerification, type RemoteVerifyResult, type VerifyRemoteOptions } from "./verify-remote";
