import type { CredentialRow } from "./credential-table";

/**
 * Whether `hash` opens `row` now: its current secret always, its previous one (after a roll)
 * only before the grace deadline. Checked on every verification, cached or not, so a cache entry
 * can never stretch the deadline.
 */
export function hashOpens(row: CredentialRow, hash: string, now?: number): boolean {
  if (row.key === hash) return true;
  // The clock is read only for a previous secret: every request passes here.
  return row.previousKey === hash && graceEnds(row) > (now ?? Date.now());
}

/** When the previous secret stops, while it still works; `null` when no roll is pending. */
export function previousSecretExpiresAt(row: CredentialRow, now = Date.now()): Date | null {
  const ends = graceEnds(row);
  return row.previousKey && ends > now ? new Date(ends) : null;
}

function graceEnds(row: CredentialRow): number {
  return row.previousKeyExpiresAt ? new Date(row.previousKeyExpiresAt).getTime() : Number.NEGATIVE_INFINITY;
}
