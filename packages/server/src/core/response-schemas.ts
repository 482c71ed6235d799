import * as z from "zod";

/**
 * What our endpoints answer over HTTP, as zod schemas: the OpenAPI reference is generated from
 * them, and `test/openapi.test.ts` holds real answers to that reference, so neither can drift
 * from what the handlers return. Strict objects: a field added to an answer must be added here.
 */

/** Dates go over the wire as ISO 8601 strings (`Date.prototype.toJSON`). */
const timestamp = z.iso.datetime();

const credentialFields = {
  id: z.string().meta({ description: "Identifies the credential in `get`, `update` and `revoke`." }),
  name: z.string(),
  description: z.string().nullable(),
  start: z
    .string()
    .nullable()
    .meta({ description: "The prefix and first characters of the credential, to tell it apart; too short to use." }),
  prefix: z.string().nullable(),
  permissions: z
    .record(z.string(), z.array(z.string()))
    .meta({ description: "Better Auth statements, `{ resource: [actions] }`; scopes are under `scopes`." }),
  metadata: z.record(z.string(), z.unknown()).nullable(),
  enabled: z.boolean(),
  allowedIps: z
    .array(z.string())
    .nullable()
    .meta({ description: "The IPv4 and IPv6 addresses and CIDR ranges it may be used from, normalized; `null`: anywhere." }),
  createdBy: z
    .string()
    .nullable()
    .meta({ description: "The user who created it; an organization's key keeps it after they leave. `null` when server code made it." }),
  createdAt: timestamp,
  updatedAt: timestamp,
  lastUsedAt: timestamp.nullable().meta({ description: "When it last authenticated a request, written at most once per `lastUsedUpdateInterval`." }),
  lastUsedIp: z
    .string()
    .nullable()
    .meta({ description: "The client address of the last recorded use, by Better Auth's IP resolution (`advanced.ipAddress`); `null` when unknown." }),
  lastUsedUserAgent: z.string().nullable().meta({ description: "The `User-Agent` of the last recorded use, at most 512 characters; `null` when unknown." }),
  expiresAt: timestamp.nullable().meta({ description: "`null`: never expires." }),
  remaining: z.number().int().nullable().meta({ description: "Uses left; each request that authenticates spends one. `null`: no usage quota." }),
  refillAmount: z
    .number()
    .int()
    .nullable()
    .meta({ description: "What `remaining` is reset to every `refillInterval` milliseconds. `null`: no refill." }),
  refillInterval: z.number().int().nullable().meta({ description: "Milliseconds between two refills. `null`: no refill." }),
  lastRefillAt: timestamp.nullable().meta({ description: "When `remaining` was last refilled or set; the next refill is `refillInterval` after it." }),
  previousSecretExpiresAt: timestamp
    .nullable()
    .meta({ description: "After a roll, when the previous secret stops working; `null` when no roll is pending." }),
};

const quotaFields = {
  remaining: credentialFields.remaining,
  refillAmount: credentialFields.refillAmount,
  refillInterval: credentialFields.refillInterval,
  lastRefillAt: credentialFields.lastRefillAt,
};

/** A credential as its owner sees it: never the secret, never its hash (`PublicCredential`). */
export const publicCredentialSchema = z.strictObject(credentialFields);

export const createdApiKeySchema = z.strictObject({
  ...credentialFields,
  key: z.string().meta({ description: "The API key. This response is the only one that holds it: only its hash is stored." }),
});

export const revokedCredentialSchema = z.strictObject({
  id: credentialFields.id,
  revoked: z.literal(true),
});

/** A personal token as `/bearer/list-tokens` shows it: it acts as its owner, so it has no permissions to show. */
export const personalTokenSchema = z.strictObject({
  id: credentialFields.id,
  name: credentialFields.name,
  enabled: credentialFields.enabled.meta({ description: "`false`: refused with `KEY_DISABLED` until enabled again." }),
  allowedIps: credentialFields.allowedIps,
  createdAt: credentialFields.createdAt,
  lastUsedAt: credentialFields.lastUsedAt,
  lastUsedIp: credentialFields.lastUsedIp,
  lastUsedUserAgent: credentialFields.lastUsedUserAgent,
  expiresAt: credentialFields.expiresAt,
  ...quotaFields,
  previousSecretExpiresAt: credentialFields.previousSecretExpiresAt,
});

export const createdPersonalTokenSchema = z.strictObject({
  id: credentialFields.id,
  token: z
    .string()
    .meta({ description: "The personal token, for `Authorization: Bearer`. This response is the only one that holds it." }),
  name: credentialFields.name,
  expiresAt: credentialFields.expiresAt,
  createdAt: credentialFields.createdAt,
  allowedIps: credentialFields.allowedIps,
  ...quotaFields,
});

/** A rolled personal token: the new token, shown this once, and when the previous one stops. */
export const rolledPersonalTokenSchema = z.strictObject({
  ...createdPersonalTokenSchema.shape,
  token: z
    .string()
    .meta({ description: "The new personal token. This response is the only one that holds it; the previous one works until `previousSecretExpiresAt`." }),
  previousSecretExpiresAt: credentialFields.previousSecretExpiresAt,
});

export const refreshedSessionSchema = z.strictObject({
  token: z.string().meta({ description: "The new session token, for `Authorization: Bearer`; the one sent stops working." }),
});

export const exchangedSignInCodeSchema = z.strictObject({
  token: z.string().meta({ description: "The session token of the sign-in, for `Authorization: Bearer`, as `set-auth-token` carries it." }),
});

export const loggedOutSchema = z.strictObject({ success: z.literal(true) });
