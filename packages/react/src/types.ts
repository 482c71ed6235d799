/**
 * What the hooks and components read from the server, as Better Auth's client hands it over:
 * its JSON parser turns ISO dates into `Date` objects. Fields marked optional appear only on
 * servers that have the feature (quotas, rolling, personal-token management): the components
 * show them when present.
 */
export interface CredentialItem {
  id: string;
  name: string;
  /** The first characters of the secret, to tell credentials apart; too short to use. */
  start?: string | null;
  /** Better Auth statements, `{ resource: [actions] }`; scopes are under `scopes`. */
  permissions?: Record<string, string[]>;
  enabled?: boolean;
  createdBy?: string | null;
  createdAt: Date;
  lastUsedAt: Date | null;
  expiresAt: Date | null;
  /** Requests left before the next refill, when the key has a quota. */
  remaining?: number | null;
  /** How many requests a refill restores. */
  refillAmount?: number | null;
  /** Milliseconds between refills. */
  refillInterval?: number | null;
  lastRefillAt?: Date | null;
  /** While a roll is pending: when the previous secret stops working. */
  previousSecretExpiresAt?: Date | null;
}

/** An error as Better Auth's client returns it: `code` is one of `TOKEN_ERROR_CODES` for ours. */
export interface ClientError {
  code?: string | undefined;
  message?: string | undefined;
  status?: number | undefined;
}

/** The `{ data, error }` pair every Better Auth client call resolves with. */
export interface ClientResult<T = unknown> {
  data: T | null;
  error: ClientError | null;
}

// Better Auth's client methods are generic over fetch options; any callable that answers a
// `{ data, error }` pair fits, so `createAuthClient({ plugins: [apiKeyClient(), ...] })` is accepted as is.
// biome-ignore lint/suspicious/noExplicitAny: the client's own signatures are checked where it is built.
type ClientCall = (...args: any[]) => Promise<any>;

/**
 * The Better Auth client the components call: `createAuthClient` with `apiKeyClient()` and/or
 * `bearerClient()` from `@better-auth-tokens/client` (and `organizationClient()` for
 * organization keys).
 */
export interface TokensAuthClient {
  apiKey?: { list: ClientCall; create: ClientCall; update: ClientCall; revoke: ClientCall };
  bearer?: { listTokens: ClientCall; createToken: ClientCall; revokeToken: ClientCall };
  organization?: { hasPermission?: ClientCall };
  $fetch?: ClientCall;
}

/** Which credentials a hook or card manages. */
export type CredentialKind = "apiKey" | "organizationKey" | "personalToken";

/** What a user fills in to create a credential. `expiresIn` is in seconds; `null` never expires. */
export interface CreateInput {
  name: string;
  expiresIn?: number | null;
  permissions?: string[];
}

/** A created credential with its secret: the only time the secret is in hand. */
export interface CreatedCredential {
  id: string;
  name: string;
  secret: string;
}
