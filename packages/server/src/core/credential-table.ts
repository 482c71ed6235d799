import { readStoredMetadata } from "./metadata";
import { defineResource } from "./permissions";
import { previousSecretExpiresAt } from "./rolled-secret";
import { readStoredAllowlist } from "./ip-allowlist";
import { copyPlain } from "./copy-plain";

/** The table both plugins store in: upstream's `apikey`, so one migration serves both and upstream can read our keys. */
export const CREDENTIAL_MODEL = "apikey";

/** A column only the server writes. */
const serverOnly = { input: false } as const;

/**
 * `@better-auth/api-key`'s table, column for column (a test holds the two side by side, so they
 * cannot drift), plus columns of our own, which upstream ignores (rows it made read as `null` here):
 * `description`, so a key can say what it is for; `createdBy` (upstream records no
 * creator); `lastUsedIp` and `lastUsedUserAgent`, written with `lastRequest`; `previousKey` and
 * `previousKeyExpiresAt`, a rolled credential's previous hash through its grace period
 * (roll-credential.ts); and `allowedIps`, the addresses it may be used from (ip-allowlist.ts),
 * which upstream does not enforce. Written out here rather than read from upstream at runtime:
 * upstream pins exact versions of Better Auth's own dependencies, and a runtime import would
 * force those pins on every app. Upstream's rate-limit columns stay but are written as "off" for
 * our rows unless the server gives a row its own limit: our limiter counts in memory or
 * `secondaryStorage`, never in a counter written per request.
 */
export const credentialSchema = {
  [CREDENTIAL_MODEL]: {
    fields: {
      // What the credential is, and whose.
      configId: { type: "string", required: true, defaultValue: "default", index: true, ...serverOnly },
      key: { type: "string", required: true, index: true, ...serverOnly },
      referenceId: {
        type: "string",
        required: true,
        index: true,
        references: { model: "user", field: "id", onDelete: "cascade" },
        ...serverOnly,
      },
      // Who made it: kept apart from the owner, so an organization's key outlives its creator's membership.
      createdBy: { type: "string", required: false, ...serverOnly },
      // How people tell it apart.
      name: { type: "string", required: false, ...serverOnly },
      description: { type: "string", required: false, ...serverOnly },
      start: { type: "string", required: false, ...serverOnly },
      prefix: { type: "string", required: false, ...serverOnly },
      // A roll's previous secret, as its hash only, and when it stops working: both null when no roll is pending.
      previousKey: { type: "string", required: false, index: true, ...serverOnly },
      previousKeyExpiresAt: { type: "date", required: false, ...serverOnly },
      // What it may do, and until when.
      enabled: { type: "boolean", required: false, defaultValue: true, ...serverOnly },
      permissions: { type: "string", required: false, ...serverOnly },
      expiresAt: { type: "date", required: false, ...serverOnly },
      // Ours: the addresses and CIDR ranges it may be used from, as JSON text like `permissions`; null for anywhere.
      allowedIps: { type: "string", required: false, ...serverOnly },
      // Upstream's usage quota and its refill.
      remaining: { type: "number", required: false, ...serverOnly },
      refillAmount: { type: "number", required: false, ...serverOnly },
      refillInterval: { type: "number", required: false, ...serverOnly },
      lastRefillAt: { type: "date", required: false, ...serverOnly },
      // Upstream's per-row limiter, written as off for our rows.
      rateLimitEnabled: { type: "boolean", required: false, defaultValue: true, ...serverOnly },
      rateLimitTimeWindow: { type: "number", required: false, defaultValue: 86_400_000, ...serverOnly },
      rateLimitMax: { type: "number", required: false, defaultValue: 10, ...serverOnly },
      requestCount: { type: "number", required: false, defaultValue: 0, ...serverOnly },
      // When.
      lastRequest: { type: "date", required: false, ...serverOnly },
      // Ours: where the last use came from, written with `lastRequest` under its throttle.
      lastUsedIp: { type: "string", required: false, ...serverOnly },
      lastUsedUserAgent: { type: "string", required: false, ...serverOnly },
      createdAt: { type: "date", required: true, ...serverOnly },
      updatedAt: { type: "date", required: true, ...serverOnly },
      metadata: {
        type: "string",
        required: false,
        input: true,
        // Stored as JSON text, as upstream stores it. Upstream's reader throws on a `__proto__`
        // or `constructor` key, and a throwing read makes the row impossible to list or revoke:
        // ours drops such keys instead. Arrows, so an app's declaration of its auth instance need
        // not name a module of ours (TS2742).
        transform: {
          input: (value: unknown) => JSON.stringify(value),
          output: (stored: unknown) => readStoredMetadata(stored),
        },
      },
    },
  },
} as const;

/**
 * The table as `apiKey()` declares it when organizations own keys: `referenceId` then holds an
 * organization's id as well as a user's, so it cannot be a foreign key to `user.id` (upstream
 * declares none). Users' keys are then deleted with their user by a hook (`plugin-init.ts`).
 */
export const credentialSchemaWithoutUserForeignKey = {
  [CREDENTIAL_MODEL]: {
    fields: {
      ...credentialSchema[CREDENTIAL_MODEL].fields,
      referenceId: { type: "string", required: true, index: true, ...serverOnly },
    },
  },
} as const;

/** A row as the adapter returns it (upstream's columns we use, plus ours). */
export interface CredentialRow extends UpstreamLimiterColumns {
  id: string;
  configId: string;
  name: string | null;
  description?: string | null;
  start: string | null;
  prefix: string | null;
  key: string;
  referenceId: string;
  /** The user who created it; `null` for rows made by server code without a user, or by upstream. */
  createdBy?: string | null;
  enabled: boolean | null;
  permissions: string | null;
  metadata: Record<string, unknown> | null;
  /** The IP allowlist, a JSON list of addresses and CIDR ranges; ours, `null` (or absent, in upstream's rows) for none. */
  allowedIps?: string | null;
  lastRequest: Date | null;
  /** The client address of the last use (Better Auth's IP resolution); ours, `null` before. */
  lastUsedIp?: string | null;
  /** The `User-Agent` of the last use, truncated; ours, `null` before. */
  lastUsedUserAgent?: string | null;
  expiresAt: Date | null;
  createdAt: Date;
  updatedAt: Date;
  /** The usage quota: uses left, `null` for unlimited (see usage-quota.ts). */
  remaining?: number | null;
  /** Upstream's refill: `refillAmount` uses every `refillInterval` milliseconds. */
  refillAmount?: number | null;
  refillInterval?: number | null;
  lastRefillAt?: Date | null;
  /** The hash of the secret a roll replaced, accepted until `previousKeyExpiresAt`; `null` when none. */
  previousKey?: string | null;
  previousKeyExpiresAt?: Date | null;
}

/**
 * Upstream's per-row limiter, which our rows keep off: ours counts in memory, with no write per
 * request (see rate-limiter.ts). Written so upstream, reading our rows, does not limit them.
 */
export interface UpstreamLimiterColumns {
  rateLimitEnabled?: boolean | null;
  /** With `rateLimitEnabled`, the credential's own limit: `rateLimitMax` requests per `rateLimitTimeWindow` ms. */
  rateLimitTimeWindow?: number | null;
  rateLimitMax?: number | null;
  requestCount?: number | null;
}

/** The columns a credential can change after it is created; `allowedIps` as sent, checked and encoded on write. */
export type CredentialChanges = Partial<Pick<CredentialRow, "name" | "description" | "enabled" | "metadata" | "permissions">> & {
  allowedIps?: readonly string[] | null | undefined;
};

/** Permissions as stored and returned: Better Auth statements, `{ resource: ["action"] }`. */
export type Statements = Record<string, string[]>;

/** What a credential looks like to its owner: never the key, never its hash. */
export interface PublicCredential {
  id: string;
  name: string;
  description: string | null;
  start: string | null;
  prefix: string | null;
  permissions: Statements;
  metadata: Record<string, unknown> | null;
  enabled: boolean;
  /** The addresses and CIDR ranges it may be used from; `null`: anywhere. */
  allowedIps: string[] | null;
  /** The user who created it, kept after they leave; `null` when server code made it for no user. */
  createdBy: string | null;
  createdAt: Date;
  updatedAt: Date;
  lastUsedAt: Date | null;
  /** The client address of the last recorded use; `null` when unknown (server-side verification). */
  lastUsedIp: string | null;
  /** The `User-Agent` of the last recorded use, truncated; `null` when unknown. */
  lastUsedUserAgent: string | null;
  expiresAt: Date | null;
  /** Uses left; `null` for no usage quota. */
  remaining: number | null;
  /** Uses `remaining` is reset to every `refillInterval` milliseconds; `null` for no refill. */
  refillAmount: number | null;
  refillInterval: number | null;
  /** When `remaining` was last refilled (or the quota last set); the next refill is `refillInterval` after it. */
  lastRefillAt: Date | null;
  /** After a roll, when the previous secret stops working; `null` when no roll is pending. */
  previousSecretExpiresAt: Date | null;
}

export function toPublicCredential(row: CredentialRow): PublicCredential {
  return {
    id: row.id,
    name: row.name ?? "",
    description: row.description ?? null,
    start: row.start,
    prefix: row.prefix,
    permissions: parseStatements(row.permissions),
    metadata: row.metadata ?? null,
    enabled: row.enabled !== false,
    allowedIps: readStoredAllowlist(row.allowedIps),
    createdBy: row.createdBy ?? null,
    createdAt: new Date(row.createdAt),
    updatedAt: new Date(row.updatedAt),
    lastUsedAt: row.lastRequest ? new Date(row.lastRequest) : null,
    lastUsedIp: row.lastUsedIp ?? null,
    lastUsedUserAgent: row.lastUsedUserAgent ?? null,
    expiresAt: row.expiresAt ? new Date(row.expiresAt) : null,
    remaining: row.remaining ?? null,
    refillAmount: row.refillAmount ?? null,
    refillInterval: row.refillInterval ?? null,
    lastRefillAt: row.lastRefillAt ? new Date(row.lastRefillAt) : null,
    previousSecretExpiresAt: previousSecretExpiresAt(row),
  };
}

/**
 * A copy of a view that shares nothing with it, for each request the cache answers: field by
 * field in one literal, so every copy has the same shape. Typed as the interface, so a field
 * added there and not here fails to compile. A generic deep copy cost a third of a warm
 * verification, more than the hash.
 */
export function copyPublicCredential(view: PublicCredential): PublicCredential {
  return {
    id: view.id,
    name: view.name,
    description: view.description,
    start: view.start,
    prefix: view.prefix,
    permissions: copyStatements(view.permissions),
    metadata: view.metadata && copyPlain(view.metadata),
    enabled: view.enabled,
    allowedIps: view.allowedIps && view.allowedIps.slice(),
    createdBy: view.createdBy,
    createdAt: new Date(view.createdAt),
    updatedAt: new Date(view.updatedAt),
    lastUsedAt: copyDate(view.lastUsedAt),
    lastUsedIp: view.lastUsedIp,
    lastUsedUserAgent: view.lastUsedUserAgent,
    expiresAt: copyDate(view.expiresAt),
    remaining: view.remaining,
    refillAmount: view.refillAmount,
    refillInterval: view.refillInterval,
    lastRefillAt: copyDate(view.lastRefillAt),
    previousSecretExpiresAt: copyDate(view.previousSecretExpiresAt),
  };
}

function copyDate(date: Date | null): Date | null {
  return date && new Date(date);
}

function copyStatements(statements: Statements): Statements {
  const copy: Statements = {};
  for (const resource of Object.keys(statements)) {
    const actions = statements[resource]!.slice();
    // A resource may be named "__proto__": assigning it would swap the copy's prototype.
    if (resource === "__proto__") defineResource(copy, resource, actions);
    else copy[resource] = actions;
  }
  return copy;
}

/**
 * Stored permissions, read defensively: anything but `{ resource: string[] }` is dropped rather
 * than thrown, so a row written by another tool can always be listed, read and revoked.
 */
export function parseStatements(stored: string | null): Statements {
  const out: Statements = {};
  if (!stored) return out;
  let parsed: unknown;
  try {
    parsed = JSON.parse(stored);
  } catch {
    return out;
  }
  if (!parsed || typeof parsed !== "object" || Array.isArray(parsed)) return out;
  for (const [resource, actions] of Object.entries(parsed)) {
    if (Array.isArray(actions) && actions.every((action) => typeof action === "string")) defineResource(out, resource, actions);
  }
  return out;
}
