import type { AuthContext } from "better-auth";
import type { CredentialRow } from "./credential-table";
import type { CredentialStore } from "./credential-store";

/** Compare-and-set rounds before giving up; each lost round means another request took a use. */
const MAX_ATTEMPTS = 50;

export type UsageDecision = "allowed" | "exceeded" | "contended";

/**
 * Spends one use of a row that carries upstream's quota (`remaining`, refilled with
 * `refillAmount` every `refillInterval` ms after `lastRefillAt`), as upstream would. Rows
 * without a quota are never passed here.
 */
export async function spendUse(
  adapter: AuthContext["adapter"],
  store: CredentialStore,
  row: CredentialRow,
  now = Date.now(),
): Promise<UsageDecision> {
  let current: CredentialRow | null = row;
  for (let attempt = 0; attempt < MAX_ATTEMPTS && current; attempt += 1) {
    const remaining = current.remaining ?? 0;
    const refillDue = isRefillDue(current, now);
    const available = refillDue ? current.refillAmount! : remaining;
    if (available <= 0) return "exceeded";
    const update: Partial<CredentialRow> = { remaining: available - 1 };
    if (refillDue) update.lastRefillAt = new Date(now);
    if (await store.takeUse(adapter, current.id, remaining, update)) return "allowed";
    current = await store.findById(adapter, current.id);
  }
  return current ? "contended" : "exceeded";
}

function isRefillDue(row: CredentialRow, now: number) {
  if (!row.refillInterval || !row.refillAmount) return false;
  const since = new Date(row.lastRefillAt ?? row.createdAt).getTime();
  return now - since >= row.refillInterval;
}
