import type { AuthContext } from "better-auth";
import { emitWithSource, type EventSource } from "./credential-events";
import type { CredentialKind } from "./credential-runtime";
import { CREDENTIAL_MODEL, type CredentialRow } from "./credential-table";
import type { CredentialOwner } from "./verified-cache";

/** Ids whose first use this instance has already claimed, per kind (so per `betterAuth()` instance). */
const claimedByKind = new WeakMap<CredentialKind, Set<string>>();
const MAX_REMEMBERED = 10_000;

/**
 * Whether this accepted verification may be a credential's first: its row has never recorded a
 * use, and no other request of this instance has claimed it yet.
 */
export function mayBeFirstUse(kind: CredentialKind, row: CredentialRow): boolean {
  if (!kind.onEvent || row.lastRequest !== null && row.lastRequest !== undefined) return false;
  return !claimedByKind.get(kind)?.has(row.id);
}

/**
 * Records the use as `lastRequest`, written only where it is still null: a compare-and-set the
 * database applies atomically, so one request in the whole fleet wins and emits `first-used`.
 * Parallel requests of one instance are settled in memory before they reach the database. A
 * lost claim (the row was stamped meanwhile) writes `lastRequest` as any later use does.
 */
export function recordFirstUse(context: AuthContext, kind: CredentialKind, row: CredentialRow, owner: CredentialOwner, source: EventSource) {
  let claimed = claimedByKind.get(kind);
  if (!claimed) claimedByKind.set(kind, (claimed = new Set()));
  if (claimed.size >= MAX_REMEMBERED) claimed.clear();
  claimed.add(row.id);
  const now = new Date();
  const write = context.adapter
    .update<CredentialRow>({
      model: CREDENTIAL_MODEL,
      where: [
        { field: "id", value: row.id },
        { field: "configId", value: kind.configId },
        { field: "lastRequest", value: null },
      ],
      update: { lastRequest: now },
    })
    .then(async (won) => {
      if (won) return emitWithSource(context, kind, { type: "first-used", credentialId: row.id, owner: { ...owner } }, source);
      await kind.store.update(context.adapter, row.id, { lastRequest: now });
    })
    .catch((error: unknown) => {
      // Not claimed after all: a later use may try again. At most once, never twice.
      claimed.delete(row.id);
      context.logger.error(`Could not record first use of credential ${row.id}: ${error instanceof Error ? error.name : typeof error}`);
    });
  context.runInBackground(write);
}
