import type { GenericEndpointContext } from "better-auth";
import type { CreatedCredential } from "./credential-service";
import type { CredentialKind } from "./credential-runtime";
import { credentialError } from "./credential-errors";
import { toPublicCredential, type CredentialRow } from "./credential-table";
import { emitCredentialEvent, type CredentialEventActor } from "./credential-events";
import { resolveGraceDeadline } from "./roll-policy";
import { hidingStoredValues } from "./store-failure";
import { startOf, upstreamApiKeyRow } from "./credential-start";
/** Compare-and-set rounds before giving up; each lost round means another roll of the same row won. */
const MAX_ATTEMPTS = 5;

/**
 * Gives `row` a new secret and keeps the replaced one working until the grace deadline, as its
 * hash only. Everything else (id, name, permissions, quota, metadata, owner, `enabled`) stays:
 * a disabled credential is rolled and stays disabled. An expired one is refused. A roll while a
 * grace period is pending replaces it: the older previous secret stops at once and the secret
 * that was current gets the new grace period, so never more than two secrets open a credential.
 * A key upstream made (`madeByUpstream`) also gets our `prefix` and `rateLimitEnabled: false`:
 * its new secret is in our format, whose own limit verification reads, and upstream's limiter
 * columns (10 a day by default) never applied to it; it keeps what applied before the roll.
 * `enforceBounds` is false for server-side calls, which may exceed `maxRollGracePeriod`.
 * `actor` is who rolled it, for the `rolled` event.
 */
export async function rollCredential(
  ctx: GenericEndpointContext,
  kind: CredentialKind,
  row: CredentialRow,
  gracePeriod: number | undefined,
  enforceBounds: boolean,
  actor: CredentialEventActor,
): Promise<CreatedCredential> {
  // Checked before anything is generated or written: a refused roll changes nothing.
  resolveGraceDeadline(gracePeriod, kind.roll, enforceBounds, Date.now());
  const secret = kind.format.generate();
  const hash = await kind.hash(secret);
  return hidingStoredValues(ctx.context, "roll a credential", () => replaceSecret(ctx, kind, row, secret, hash, gracePeriod, enforceBounds, actor));
}

/** Compare-and-set rounds of a roll: the new hash replaces the one read, or the row is read again. */
async function replaceSecret(
  ctx: GenericEndpointContext,
  kind: CredentialKind,
  row: CredentialRow,
  secret: string,
  hash: string,
  gracePeriod: number | undefined,
  enforceBounds: boolean,
  actor: CredentialEventActor,
): Promise<CreatedCredential> {
  let current: CredentialRow | null = row;
  for (let attempt = 0; attempt < MAX_ATTEMPTS; attempt += 1) {
    if (!current) throw credentialError("NOT_FOUND");
    const now = Date.now();
    if (current.expiresAt && new Date(current.expiresAt).getTime() <= now) throw credentialError("CANNOT_ROLL_EXPIRED");
    const deadline = resolveGraceDeadline(gracePeriod, kind.roll, enforceBounds, now);
    const rolled = await kind.store.replaceSecret(ctx.context.adapter, current.id, current.key, {
      key: hash,
      start: startOf(secret, kind.format),
      ...(upstreamApiKeyRow(kind, current) ? { prefix: kind.format.prefix, rateLimitEnabled: false } : {}),
      previousKey: deadline ? current.key : null,
      previousKeyExpiresAt: deadline,
      updatedAt: new Date(now),
    });
    if (rolled) {
      // The new hash was never absent; the old one's cached entries are dropped here and, through
      // the invalidation channel, on every instance. Entries loaded afterwards carry the deadline.
      kind.absent.created(hash);
      await kind.invalidations.credentialChanged(current.id);
      const owner = { type: kind.references, id: rolled.referenceId };
      emitCredentialEvent(ctx, kind, { type: "rolled", credentialId: rolled.id, owner, actor });
      return { ...toPublicCredential(rolled), secret };
    }
    current = await kind.store.findById(ctx.context.adapter, current.id);
  }
  throw credentialError("ROLL_CONFLICT");
}
