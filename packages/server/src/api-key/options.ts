import type { User } from "better-auth";
import type { CredentialOptions } from "../core/credential-options";
import type { PermissionsInput } from "../core/permissions";
import type { ClientQuotaOption } from "../core/client-quota";

/** For an organization's key: the organization and the caller's role in it (`allowedPermissions`). */
export interface OrganizationGrantContext {
  organizationId: string;
  /** The member's role as the organization plugin stores it (`"admin"`, or `"admin,billing"`). */
  role: string;
}

/** Options of `apiKey()`; the shared ones (hashing, cache, rate limit, …) are in `CredentialOptions`. */
export interface ApiKeyOptions extends CredentialOptions {
  /**
   * Readable start of every key, so people and secret scanners can tell what a leaked string
   * is. A letter, up to 15 letters or digits, then `_`. Must differ from `bearer()`'s prefix.
   * @default "ba_"
   */
  prefix?: string | undefined;
  /**
   * Lifetime of a key whose creator does not say; `null` for keys that never expire. A number
   * must lie within `minExpiresIn` and `maxExpiresIn`: outside them, `apiKey()` throws.
   * @default null
   */
  defaultExpiresIn?: number | null | undefined;
  /**
   * Keys one user may hold at once; the next create answers 403 `MAX_KEYS_REACHED`. Exact under
   * parallel creates in one process, and across instances where the adapter runs transactions
   * on a database that locks rows (PostgreSQL, MariaDB; see docs/security.md for each database).
   * @default 10
   */
  maxKeysPerUser?: number | undefined;
  /**
   * Permissions a key gets when its creator does not ask for any: scopes (`["read"]`) or
   * Better Auth statements (`{ project: ["read"] }`).
   * @default []
   */
  defaultPermissions?: PermissionsInput | undefined;
  /**
   * What a signed-in user may request for their own keys; anything beyond answers 403
   * `INSUFFICIENT_PERMISSIONS` and writes nothing. May depend on the user. Server-side calls
   * (no session) may set any permissions.
   * @default the `defaultPermissions`
   */
  allowedPermissions?:
    | PermissionsInput
    | ((user: User, organization: OrganizationGrantContext | null) => PermissionsInput | Promise<PermissionsInput>)
    | undefined;
  /**
   * What a signed-in user may set of their own keys' usage quota (`remaining`, `refillAmount`,
   * `refillInterval`) on create and update. `false`: nothing, a user sending any answers 403
   * `QUOTA_NOT_ALLOWED` and nothing is written. `true` or bounds: a quota within the bounds, and
   * once a key has a quota, only a tighter one (fewer uses, a smaller or slower refill, never
   * none), so a user cannot lift a quota the app set. Server-side calls may set any quota.
   * @default false
   */
  clientQuota?: ClientQuotaOption | boolean | undefined;
  /**
   * Give requests that carry a valid key a session, so `auth.api.getSession({ headers })` and
   * existing session middleware accept keys.
   * @default true
   */
  enableSessionForAPIKeys?: boolean | undefined;
  /**
   * Also accept keys made by plain `@better-auth/api-key` (no checksum), sent in `x-api-key`,
   * while migrating. Off, such values are refused before any database read.
   * @default false
   */
  acceptLegacyKeys?: boolean | undefined;
  /**
   * The headers a key is read from, besides `Authorization: Bearer` (upstream's `apiKeyHeaders`).
   * Matched case-insensitively; `authorization`, `cookie` and other headers that carry something
   * else are refused at startup. A request with a key in two of them, or in one and in
   * `Authorization: Bearer`, is refused (`MULTIPLE_CREDENTIALS`).
   * @default "x-api-key"
   */
  apiKeyHeaders?: string | readonly string[] | undefined;
  /**
   * Reads the key from the request in your own way, instead of `apiKeyHeaders` (upstream's
   * `customAPIKeyGetter`; it gets `{ headers }`, so upstream's getters work unchanged). What it
   * returns is ours only with our prefix (or as a legacy key, with `acceptLegacyKeys`); a getter
   * that throws or returns anything but a non-blank string (a promise included) means "no key",
   * never a 500. `Authorization: Bearer` is still read, and a value the getter takes from it is
   * judged as a Bearer value: ours only with our prefix. It is called a few times per request,
   * so keep it synchronous, cheap and free of side effects.
   * @default undefined
   */
  customAPIKeyGetter?: ((ctx: { headers: Pick<Headers, "get"> | undefined }) => string | null | undefined) | undefined;
  /**
   * Keys owned by organizations too, beside these users' keys: the short spelling of
   * `apiKey([{ configId: "default", … }, { configId: "organization", references: "organization", … }])`.
   * `true` for the defaults, or the organization keys' own options. They share these options'
   * `hashing`, `apiKeyHeaders`, `customAPIKeyGetter`, `cache`, `negativeCache`,
   * `verificationTimeout`, `lastUsedUpdateInterval` and `onEvent` unless they name their own.
   * Needs `organization()`.
   * @default undefined
   */
  organizationKeys?: true | OrganizationKeyOptions | undefined;
}

/** The options of organization keys in `apiKey({ organizationKeys })`: those of a configuration. */
export type OrganizationKeyOptions = Omit<ApiKeyConfiguration, "configId" | "references" | "maxKeysPerUser" | "organizationKeys">;

/**
 * One configuration among several, in upstream's shape: `apiKey([{ configId: "default" },
 * { configId: "organization", references: "organization" }])`. Each has its own keys, prefix and
 * options; keys of one are never found through another.
 */
export interface ApiKeyConfiguration extends ApiKeyOptions {
  /** Stored with every key (upstream's `configId`); unique in the list. `"default"` serves calls that name none. */
  configId: string;
  /**
   * Who owns the keys: the signed-in user, or an organization of Better Auth's `organization()`
   * plugin (which must be installed), managed by its members as their role allows
   * (`apiKey: ["create" | "read" | "update" | "delete"]`; the creator role may do all).
   * @default "user"
   */
  references?: "user" | "organization" | undefined;
  /**
   * Keys one organization may hold at once (`references: "organization"` only); the next create
   * answers 403 `MAX_KEYS_REACHED`, exact under parallel creates as `maxKeysPerUser` is.
   * @default 10
   */
  maxKeysPerOrganization?: number | undefined;
}
