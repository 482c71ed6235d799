import { APIError } from "better-auth/api";
import type { TokenErrorCode } from "../error-codes";
import { errorAnswer, type ErrorDetails } from "./error-answer";

const STATUS_NAMES = {
  400: "BAD_REQUEST",
  401: "UNAUTHORIZED",
  403: "FORBIDDEN",
  404: "NOT_FOUND",
  413: "PAYLOAD_TOO_LARGE",
  429: "TOO_MANY_REQUESTS",
  503: "SERVICE_UNAVAILABLE",
} as const;

/** The same answer as an APIError, for endpoints and hooks inside Better Auth. */
export function credentialError(code: TokenErrorCode, details?: ErrorDetails) {
  const { status, headers, body } = errorAnswer(code, details);
  return new APIError(STATUS_NAMES[status], body, headers);
}
