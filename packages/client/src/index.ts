export { apiKeyClient } from "./api-key-client";
export { bearerClient } from "./bearer-client";
export { readBearerCode, requestBearerCode } from "./bearer-sign-in-code";
export type { BearerLoginError, BearerLoginInput, BearerLoginResult } from "./bearer-login";
export { TOKEN_ERROR_CODES, type TokenErrorCode } from "./error-codes";
export { refusalAnswer, type ErrorAnswer } from "./refusal-answer";
export { credentialFromHeaders, verifyRemote, type Presentable, type RemoteRequirement, type RemoteVerification, type RemoteVerifyResult, type VerifyRemoteOptions } from "./verify-remote";
