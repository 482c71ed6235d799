import { TOKEN_ERROR_DEFINITIONS, type ErrorDefinition, type TokenErrorCode } from "../error-codes";

/** What the session hook answers, on any endpoint, to a request carrying a credential of ours it refuses. */
export const PRESENTED_CREDENTIAL_ERRORS = [
  "MULTIPLE_CREDENTIALS",
  "INVALID_CREDENTIAL",
  "KEY_EXPIRED",
  "KEY_DISABLED",
  "USER_BANNED",
  "CREDENTIAL_NOT_ALLOWED",
  "IP_NOT_ALLOWED",
  "RATE_LIMITED",
  "OWNER_RATE_LIMITED",
  "USAGE_EXCEEDED",
  "VERIFICATION_UNAVAILABLE",
] as const satisfies readonly TokenErrorCode[];

/** Every HTTP endpoint of ours needs a real sign-in: a session cookie or session token. */
export const SIGN_IN_ERRORS = ["UNAUTHORIZED", "CREDENTIAL_NOT_ALLOWED"] as const satisfies readonly TokenErrorCode[];

/** Better Auth's own answer (from better-call) to a body or query its zod schema refuses: not in our table. */
const VALIDATION_ERROR = {
  status: 400,
  message: "The body or query does not match the schema; the message names the field",
} as const satisfies ErrorDefinition;

type Status = ErrorDefinition["status"];

const STATUS_TEXT: Record<Status, string> = {
  400: "Bad request",
  401: "Unauthorized",
  403: "Forbidden",
  404: "Not found",
  413: "Payload too large",
  429: "Too many requests",
  503: "Service unavailable",
};

export interface OpenAPIResponse {
  description: string;
  headers?: Record<string, { description: string; schema: { type: "string" } }>;
  content: { "application/json": { schema: Record<string, unknown> } };
}

/**
 * One OpenAPI response per status, read from the error table: which codes it carries (with their
 * messages), the `{ code, message }` body, and the headers that come with it. `validates` adds
 * Better Auth's `VALIDATION_ERROR`, for endpoints with a body or query schema.
 */
export function errorResponses(codes: readonly TokenErrorCode[], validates: boolean): Record<string, OpenAPIResponse> {
  const byStatus = new Map<Status, Array<[string, ErrorDefinition]>>();
  const entries: Array<[string, ErrorDefinition]> = [...new Set(codes)].map((code) => [code, TOKEN_ERROR_DEFINITIONS[code]]);
  if (validates) entries.push(["VALIDATION_ERROR", VALIDATION_ERROR]);
  for (const entry of entries) {
    const status = entry[1].status;
    byStatus.set(status, [...(byStatus.get(status) ?? []), entry]);
  }
  const responses: Record<string, OpenAPIResponse> = {};
  for (const [status, list] of [...byStatus].sort(([a], [b]) => a - b)) {
    responses[status] = errorResponse(status, list);
  }
  return responses;
}

function errorResponse(status: Status, list: Array<[string, ErrorDefinition]>): OpenAPIResponse {
  const lines = list.map(([code, { message }]) => `- \`${code}\`: ${message}`);
  const headers: NonNullable<OpenAPIResponse["headers"]> = {};
  if (list.some(([, definition]) => definition.challenge !== undefined)) {
    headers["WWW-Authenticate"] = { description: "The RFC 6750 `Bearer` challenge.", schema: { type: "string" } };
  }
  if (status === 429 || status === 503) {
    headers["Retry-After"] = { description: "Seconds to wait before trying again.", schema: { type: "string" } };
  }
  // Better Auth's own rate limiter (when the app turns it on) answers 429 with a message only.
  if (status === 429) lines.push("- Better Auth's rate limiter: `message` only, with `X-Retry-After`");
  return {
    description: `${STATUS_TEXT[status]}. Branch on \`code\`, never on \`message\`:\n${lines.join("\n")}`,
    ...(Object.keys(headers).length > 0 ? { headers } : {}),
    content: {
      "application/json": {
        schema: {
          type: "object",
          properties: {
            code: { type: "string", enum: list.map(([code]) => code) },
            message: { type: "string" },
          },
          required: status === 429 ? ["message"] : ["code", "message"],
        },
      },
    },
  };
}
