import type { User } from "better-auth";
import type { CredentialOptions } from "../core/credential-options";
import type { PermissionsInput } from "../core/permissions";

/** Options of `apiKey()`; the shared ones (hashing, cache, rate limit, …) are in `CredentialOptions`. */
export interface ApiKeyOptions extends CredentialOptions {
  /**
   * Readable start of every key, so people and secret scanners can tell what a leaked string
   * is. A letter, up to 15 letters or digits, then `_`. Must differ from `bearer()`'s prefix.
   * @default "ba_"
   */
  prefix?: string | undefined;
  /**
   * Lifetime of a key whose creator does not say; `null` for keys that never expire.
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
  allowedPermissions?: PermissionsInput | ((user: User) => PermissionsInput | Promise<PermissionsInput>) | undefined;
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
}
