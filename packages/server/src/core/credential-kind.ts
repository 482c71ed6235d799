import type { CredentialFormat } from "./credential-format";
import type { CredentialStore } from "./credential-store";
import type { HashCredential } from "./hashing";
import type { KeyedLock } from "./user-lock";
import type { ExpiryPolicy } from "./expiry";
import type { RateLimitDecision } from "./rate-limiter";
import type { VerifiedCredentialCache } from "./verified-cache";

/**
 * Everything that differs between an API key and a personal token, resolved once at plugin
 * construction. The core works on a kind; the plugins only choose its values.
 */
export interface CredentialKind {
  /** Stored in upstream's `configId` column: keeps kinds apart in one table. */
  configId: string;
  /** Shown on sessions (`session.authMethod`) and in messages. */
  authMethod: "api-key" | "personal-token";
  format: CredentialFormat;
  hash: HashCredential;
  /** The option that chose `hash`, for startup errors. */
  hashingOptionName: string;
  store: CredentialStore;
  /** Also look up values that are not in our format (keys made by plain upstream). */
  acceptLegacyKeys: boolean;
  maxPerUser: number;
  capErrorCode: "MAX_KEYS_REACHED" | "MAX_TOKENS_REACHED";
  expiry: ExpiryPolicy;
  withUserLock: KeyedLock;
  consumeRateLimit: (credentialId: string) => RateLimitDecision;
  shouldWriteLastUsed: (credentialId: string, stored: Date | null) => boolean;
  cache: VerifiedCredentialCache;
  /** Better Auth endpoint paths on which a credential gets a session; others refuse it. */
  sessionEndpoints: ReadonlySet<string>;
  /** How long a database read may take before verification fails closed. */
  verificationTimeoutMs: number;
}
