import * as z from "zod";
import { MAX_ALLOWED_IPS } from "./ip-allowlist";
import { MAX_CLIENT_IP_LENGTH } from "../remote-verification/credential-length";

/** Shape only; the naming rule is policy, checked by `normalizeName` with its own error code. */
export const nameSchema = z
  .string()
  .max(1024)
  .meta({ description: "A label people tell it apart by: 1 to 64 characters once trimmed, without control characters or bidirectional overrides." });
/** Shape only, like the name: the rule is `normalizeDescription`'s, with its own error code. */
export const descriptionSchema = z
  .string()
  .max(2048)
  .nullable()
  .meta({ description: "What it is for: at most 512 characters once trimmed, no control characters; `null` for none." });
/** Seconds; `null` asks for a credential that never expires. */
export const expiresInSchema = z
  .number()
  .int()
  .positive()
  .max(100 * 365 * 24 * 3600)
  .nullable()
  .meta({
    description:
      "Seconds until it expires, within the app's bounds; `null` for never (when the app allows it); absent for the app's default.",
  });
const IDENTIFIER = /^[\w:.*-]{1,64}$/;
const identifierSchema = z.string().regex(IDENTIFIER);
const MAX_ENTRIES = 64;
/**
 * Statements as stored (JSON, ASCII), at most: 64 resources of 64 actions would make about 280 KB,
 * which MySQL's `TEXT` column (64 KB) refuses with a database error. Far above any real grant.
 */
const MAX_STATEMENTS_JSON = 16 * 1024;
const isIdentifierList = (value: unknown): value is string[] =>
  Array.isArray(value) && value.length <= MAX_ENTRIES && value.every((item) => typeof item === "string" && IDENTIFIER.test(item));
/**
 * Statements are checked by hand: `z.record` assigns a `__proto__` key, which sets the result's
 * prototype instead of keeping the resource, so a requested `{ "__proto__": [...] }` would vanish.
 */
const statementsSchema = z.custom<Record<string, string[]>>(
  (value) =>
    typeof value === "object" &&
    value !== null &&
    !Array.isArray(value) &&
    Object.keys(value).length <= MAX_ENTRIES &&
    Object.entries(value).every(([resource, actions]) => IDENTIFIER.test(resource) && isIdentifierList(actions)) &&
    JSON.stringify(value).length <= MAX_STATEMENTS_JSON,
  { message: "Permissions must be scopes or { resource: actions[] } statements, at most 16 KB as JSON" },
).meta({
  // A custom check has no JSON Schema of its own: this says what it accepts.
  type: "object",
  maxProperties: MAX_ENTRIES,
  propertyNames: { pattern: IDENTIFIER.source },
  additionalProperties: { type: "array", maxItems: MAX_ENTRIES, items: { type: "string", pattern: IDENTIFIER.source } },
  description: "Better Auth statements: `{ resource: [actions] }`, at most 16 KB as JSON.",
});
export const permissionsSchema = z.union([z.array(identifierSchema).max(MAX_ENTRIES), statementsSchema]).meta({
  description:
    "Scopes (`[\"read\"]`, stored as `{ scopes: [\"read\"] }`) or statements (`{ project: [\"read\"] }`), within what the app allows the user.",
});
/**
 * Passed through untouched and checked by `checkMetadata` (400 `INVALID_METADATA`): `z.record`
 * would turn a `__proto__` key into the result's prototype, hiding it from any later check.
 */
export const metadataSchema = z.custom<Record<string, unknown> | null>(() => true).meta({
  type: ["object", "null"],
  description: "Your own JSON object (at most 8 KB and 5 levels deep), returned as given; `null` for none.",
});
/**
 * Shape only, loosely bounded: what an entry may be, and how many, is `normalizeAllowlist`'s rule,
 * refused with its own code (400 `INVALID_IP_ALLOWLIST`). The reference states that rule.
 */
export const allowedIpsSchema = z
  .array(z.string().max(128))
  .max(MAX_ALLOWED_IPS * 10)
  .nullable()
  .meta({
    maxItems: MAX_ALLOWED_IPS,
    description:
      `Where the credential may be used from: 1 to ${MAX_ALLOWED_IPS} IPv4 or IPv6 addresses or CIDR ranges ` +
      "(`203.0.113.7`, `10.0.0.0/8`, `2001:db8::/32`), each range from its first address; stored normalized. " +
      "Requests from elsewhere, or whose address cannot be resolved, answer 403 `IP_NOT_ALLOWED`. `null` removes it; absent leaves it as it is.",
  });
/** A client's address as a trusted caller passes it; its shape is checked again where it is matched. */
export const clientIpSchema = z
  .string()
  .max(MAX_CLIENT_IP_LENGTH)
  .meta({
    description:
      "The IP address of the client that presented the credential, as the calling service resolved it; checked against the credential's IP allowlist. " +
      "Without it, a credential with an allowlist is refused (`IP_NOT_ALLOWED`).",
  });

/**
 * Credential ids are opaque strings from the adapter; bounded so garbage is refused early, and
 * free of control characters, which no adapter makes and PostgreSQL refuses (NUL) with a 500.
 */
export const idSchema = z
  .string()
  .min(1)
  .max(128)
  .regex(/^\P{Cc}+$/u)
  .meta({ description: "The credential's `id`, as returned when it was created or listed." });

/** Which of `apiKey()`'s configurations a call addresses (upstream's `configId`). */
export const configIdSchema = z
  .string()
  .min(1)
  .max(64)
  .meta({ description: "The configuration (`configId`) to use; by default the one `organizationId` implies, else `\"default\"`." });

/** A one-time sign-in code; its shape is checked by the handler, which refuses it with its own code. */
export const signInCodeSchema = z
  .string()
  .max(256)
  .meta({ description: "The `bearer_code` parameter of the redirect that ended the sign-in." });
/** Seconds the previous secret keeps working after a roll; `0` stops it at once. */
/**
 * Bounded by the app's `maxRollGracePeriod` (signed-in callers) and by the latest date a database
 * stores, both answered 400 `INVALID_GRACE_PERIOD` (`resolveGraceDeadline`), not here: a fixed
 * bound here would refuse, with another code, what the app's maximum allows.
 */
export const gracePeriodSchema = z
  .number()
  .int()
  .min(0)
  .meta({
    description:
      "Seconds the previous secret keeps working, within the app's `maxRollGracePeriod`; `0` stops it at once; absent for the app's `rollGracePeriod`.",
  });
/** A user named by server code (`auth.api.*` with no headers); a client's is ignored, it acts as itself. */
export const serverOwnerIdSchema = z
  .string()
  .min(1)
  .max(255)
  .meta({ description: "Server-side calls (`auth.api`, no headers) only: the user whose credentials to address. Ignored over HTTP." });
