import type { PublicCredential } from "../core/credential-table";

/** A personal token as lists and updates show it: it acts as its owner, so no permissions to show. */
export function toPersonalTokenView(credential: PublicCredential) {
  const { id, name, enabled, allowedIps, createdAt, lastUsedAt, lastUsedIp, lastUsedUserAgent, expiresAt } = credential;
  const { remaining, refillAmount, refillInterval, lastRefillAt, previousSecretExpiresAt } = credential;
  return {
    id,
    name,
    enabled,
    allowedIps,
    createdAt,
    lastUsedAt,
    lastUsedIp,
    lastUsedUserAgent,
    expiresAt,
    remaining,
    refillAmount,
    refillInterval,
    lastRefillAt,
    previousSecretExpiresAt,
  };
}
