/**
 * The two kinds of credential side by side: everything that differs between an API key and a
 * personal token is data in this table, and one resolver (`resolve-kind.ts`) reads it.
 *
 * - `configId`: upstream's column that keeps kinds apart in the shared table. API keys use
 *   upstream's `"default"`, so upstream's `verifyApiKey` reads our keys too.
 * - `readsApiKeyHeader`: personal tokens are `Authorization: Bearer` only.
 * - `*Option`: how the plugin spells the option, for startup errors that point at the right line.
 */
export const CREDENTIAL_KINDS = {
  // prettier-ignore
  apiKey: { configId: "default", authMethod: "api-key", readsApiKeyHeader: true, capErrorCode: "MAX_KEYS_REACHED", prefixOption: "prefix", maxPerUserOption: "maxKeysPerUser", defaultPrefix: "ba_", defaultExpiresIn: null },
  // prettier-ignore
  personalToken: { configId: "personal-token", authMethod: "personal-token", readsApiKeyHeader: false, capErrorCode: "MAX_TOKENS_REACHED", prefixOption: "tokenPrefix", maxPerUserOption: "maxTokensPerUser", defaultPrefix: "bat_", defaultExpiresIn: 30 * 24 * 3600 },
} as const;

export type CredentialKindDescription = (typeof CREDENTIAL_KINDS)[keyof typeof CREDENTIAL_KINDS];

/** Keys one user may hold when the app does not say, for either kind. */
export const DEFAULT_MAX_PER_USER = 10;
