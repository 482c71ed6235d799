import type { PublicCredential } from "../core/credential-table";

/** A personal token as lists and updates show it: it acts as its owner, so no permissions to show. */
export function toPersonalTokenView({ id, name, enabled, createdAt, lastUsedAt, lastUsedIp, lastUsedUserAgent, expiresAt }: PublicCredential) {
  return { id, name, enabled, createdAt, lastUsedAt, lastUsedIp, lastUsedUserAgent, expiresAt };
}
