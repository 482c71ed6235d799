import { TOKEN_ERROR_DEFINITIONS, type TokenErrorCode } from "../error-codes";
import { rateLimitHeaders, type RateLimitBudget } from "./rate-limit-budget";

// Free of Better Auth on purpose: the client bundles it for services that verify remotely.

/** An error as it goes over the wire: status, headers and a body with a stable code. */
export interface ErrorAnswer {
  status: 400 | 401 | 403 | 404 | 413 | 429 | 503;
  code: TokenErrorCode;
  headers: Record<string, string>;
  body: { code: TokenErrorCode; message: string };
}

/** What the caller may add: when to retry a 429 (the table says when a 503 retries), and what is left of the limit. */
export interface ErrorDetails {
  retryAfterSeconds?: number | undefined;
  budget?: RateLimitBudget | undefined;
}

/** The answer for a code, read from the one error table. */
export function errorAnswer(code: TokenErrorCode, details: ErrorDetails = {}): ErrorAnswer {
  const definition = TOKEN_ERROR_DEFINITIONS[code];
  const { status, message } = definition;
  const headers: Record<string, string> = {};
  if ("challenge" in definition && definition.challenge !== undefined) {
    headers["WWW-Authenticate"] = definition.challenge
      ? `Bearer error="${definition.challenge}", error_description="${message}"`
      : "Bearer";
  }
  if (status === 503) headers["Retry-After"] = "1";
  if (details.retryAfterSeconds !== undefined) headers["Retry-After"] = String(Math.max(1, Math.ceil(details.retryAfterSeconds)));
  rateLimitHeaders(details.budget, headers);
  return { status, code, headers, body: { code, message } };
}
