import type { GenericEndpointContext } from "better-auth";
import type { Actor } from "./resolve-actor";
import type { CredentialKind } from "./credential-runtime";
import { credentialError } from "./credential-errors";
import { actorOf, emitCredentialEvent, ownerOf, type ChangedColumn, type CredentialEventActor } from "./credential-events";
import { resolveExpiresAt } from "./expiry";
import { checkMetadata } from "./metadata";
import type { ListPage } from "./list-page";
import { normalizeDescription } from "./normalize-description";
import { hidingStoredValues } from "./store-failure";
import { withOwnerRowLock, type OwnerModel } from "./owner-row-lock";
import { toPublicCredential, type CredentialChanges, type CredentialRow, type PublicCredential, type Statements } from "./credential-table";
import { limitColumns } from "./credential-limits";
import type { LimitsInput } from "./limit-request-schemas";
import { allowlistColumn } from "./ip-allowlist";
import { startOf, upstreamApiKeyRow } from "./credential-start";

export interface NewCredentialInput {
  name: string;
  description?: string | null | undefined;
  expiresIn?: number | null | undefined;
  permissions: Statements;
  /** Checked here (`checkMetadata`), whatever the route's schema let through. */
  metadata?: unknown;
  /** A usage quota and, from server-side calls only, the credential's own rate limit. */
  limits?: LimitsInput | undefined;
  /** Where it may be used from; checked here (`allowlistColumn`), absent or `null` for anywhere. */
  allowedIps?: readonly string[] | null | undefined;
}

/**
 * Whose credentials a call works on: a user's own (from the `Actor`), or an organization's, once
 * the caller's role in it was checked. `createdBy` is recorded on create and never used to find
 * a credential, so an organization's key stays the organization's whoever made it.
 */
export interface OwnerScope {
  ownerId: string;
  ownerModel: OwnerModel;
  createdBy: string | null;
  /** A signed-in caller (not trusted server code): expiry rules apply (`allowNoExpiry`). */
  signedIn: boolean;
  /** The admin impersonating the signed-in caller, named beside them in events; null otherwise. */
  impersonatedBy: string | null;
}

/** A user's own credentials, as every user-owned call addresses them. */
export function userScope(actor: Actor): OwnerScope {
  if (actor.kind === "server") return { ownerId: actor.userId, ownerModel: "user", createdBy: null, signedIn: false, impersonatedBy: null };
  return { ownerId: actor.userId, ownerModel: "user", createdBy: actor.userId, signedIn: true, impersonatedBy: actor.impersonatedBy };
}

/** A created credential: the public view plus the secret, which is returned this once only. */
export type CreatedCredential = PublicCredential & { secret: string };

/**
 * Creates a credential for the scope's owner (a user, or an organization). The cap is checked
 * and the row written under a per-owner lock in this process and, where the database can, under
 * the owner's row lock in one transaction (`withOwnerRowLock`), so parallel creates cannot
 * overshoot, even spread over instances. The row stores only the hash.
 */
export async function createCredentialFor(
  ctx: GenericEndpointContext,
  kind: CredentialKind,
  scope: OwnerScope,
  input: NewCredentialInput,
): Promise<CreatedCredential> {
  // Every input is checked before the cap and the write: a refused create costs no slot.
  const description = normalizeDescription(input.description ?? null);
  const metadata = input.metadata === undefined ? null : checkMetadata(input.metadata);
  const expiresAt = resolveExpiresAt(input.expiresIn, kind.expiry, scope.signedIn);
  const limits = limitColumns(kind.clientQuota, scope.signedIn, input.limits ?? {}, null);
  const allowedIps = input.allowedIps === undefined ? null : allowlistColumn(kind, scope.signedIn, input.allowedIps);
  // Hashed before any lock: a slow custom hash must not hold the owner's row locked.
  const secret = kind.format.generate();
  const hash = await kind.hash(secret);
  const row = await hidingStoredValues(ctx.context, "create a credential", () =>
    kind.withUserLock(scope.ownerId, () =>
      withOwnerRowLock(ctx.context.adapter, scope.ownerId, async (adapter) => {
        let existing = await kind.store.countOwned(adapter, scope.ownerId);
        if (existing >= kind.maxPerOwner) {
          // Expired credentials are cleaned up here, when they stand in the way, never on the
          // verification path: a full cap of dead keys must not block a new one.
          await kind.store.deleteExpiredOwned(adapter, scope.ownerId, new Date());
          existing = await kind.store.countOwned(adapter, scope.ownerId);
        }
        if (existing >= kind.maxPerOwner) throw credentialError(kind.capErrorCode);
        const now = new Date();
        return kind.store.insert(adapter, {
          configId: kind.configId,
          name: input.name,
          description,
          start: startOf(secret, kind.format),
          prefix: kind.format.prefix,
          key: hash,
          referenceId: scope.ownerId,
          createdBy: scope.createdBy,
          enabled: true,
          permissions: JSON.stringify(input.permissions),
          metadata,
          allowedIps,
          lastRequest: null,
          expiresAt,
          createdAt: now,
          updatedAt: now,
          rateLimitEnabled: false,
          requestCount: 0,
          remaining: null,
          ...limits,
        });
      }, scope.ownerModel),
    ),
  );
  // Committed: from now on this instance never refuses it from its memory of absent hashes.
  kind.absent.created(hash);
  emitCredentialEvent(ctx, kind, { type: "created", credentialId: row.id, owner: ownerOf(scope), actor: actorOf(scope) });
  return { ...toPublicCredential(row), secret };
}

/** One page of the owner's credentials, and how many they hold in all. */
export async function listCredentialsOf(ctx: GenericEndpointContext, kind: CredentialKind, scope: OwnerScope, page: ListPage) {
  const adapter = ctx.context.adapter;
  const [rows, total] = await Promise.all([kind.store.listOwned(adapter, scope.ownerId, page), kind.store.countOwned(adapter, scope.ownerId)]);
  return { items: rows.map(toPublicCredential), total, limit: page.limit ?? null, offset: page.offset };
}

/** Another user's id and a missing id look the same: 404, so ids cannot be probed. */
export async function findOwnedOrThrow(ctx: GenericEndpointContext, kind: CredentialKind, scope: OwnerScope, id: string) {
  const row = await kind.store.findOwned(ctx.context.adapter, id, scope.ownerId);
  if (!row) throw credentialError("NOT_FOUND");
  return row;
}

export async function updateOwnedCredential(
  ctx: GenericEndpointContext,
  kind: CredentialKind,
  scope: OwnerScope,
  id: string,
  changes: CredentialChanges,
  limits: LimitsInput = {},
) {
  // Checked before the row is even looked up: a refused update touches nothing.
  const { allowedIps, ...columns } = changes;
  const checked: Partial<CredentialRow> = { ...columns };
  if (changes.description !== undefined) checked.description = normalizeDescription(changes.description);
  if (changes.metadata !== undefined) checked.metadata = checkMetadata(changes.metadata);
  if (allowedIps !== undefined) checked.allowedIps = allowlistColumn(kind, scope.signedIn, allowedIps);
  const { row, written, updated } = await writeChecked(ctx, kind, scope, id, checked, limits);
  await kind.invalidations.credentialChanged(row.id);
  const changed = Object.keys(written) as ChangedColumn[];
  emitCredentialEvent(ctx, kind, { type: "updated", credentialId: row.id, owner: ownerOf(scope), actor: actorOf(scope), changed });
  return toPublicCredential(updated ?? { ...row, ...written });
}

/** How often a quota change is checked again after uses changed the quota under it. */
const QUOTA_WRITE_ATTEMPTS = 5;

/**
 * Writes an update's columns, its quota checked against the stored one: a signed-in user may only
 * tighten it. Uses spend the quota meanwhile, so a quota is written only while `remaining` is
 * what the check read; otherwise it is read and checked again. Written unconditionally, a
 * "tighten" from 3 to 3 after three uses had spent it to 0 would hand the three uses back.
 */
async function writeChecked(
  ctx: GenericEndpointContext,
  kind: CredentialKind,
  scope: OwnerScope,
  id: string,
  checked: Partial<CredentialRow>,
  limits: LimitsInput,
): Promise<{ row: CredentialRow; written: Partial<CredentialRow>; updated: CredentialRow | null }> {
  for (let attempt = 1; ; attempt += 1) {
    const row = await findOwnedOrThrow(ctx, kind, scope, id);
    const written = { ...checked, ...limitColumns(kind.clientQuota, scope.signedIn, limits, row) };
    // Its value is not in our format until rolled, so an own limit would be stored and never applied.
    if (written.rateLimitEnabled === true && upstreamApiKeyRow(kind, row)) throw credentialError("ROLL_BEFORE_RATE_LIMIT");
    const data = { ...written, updatedAt: new Date() };
    if (typeof row.remaining !== "number" || !("remaining" in written)) return { row, written, updated: await kind.store.update(ctx.context.adapter, row.id, data) };
    const updated = await kind.store.updateIfRemaining(ctx.context.adapter, row.id, row.remaining, data);
    if (updated) return { row, written, updated };
    if (attempt === QUOTA_WRITE_ATTEMPTS) throw credentialError("STORAGE_UNAVAILABLE");
  }
}

/**
 * Deletes the row: a revoked credential is gone, and fails like one that never existed. `by`
 * names who revoked it in the `revoked` event, when the scope cannot (a secret-scanning report).
 */
export async function revokeOwnedCredential(
  ctx: GenericEndpointContext,
  kind: CredentialKind,
  scope: OwnerScope,
  id: string,
  by: CredentialEventActor = actorOf(scope),
) {
  const row = await findOwnedOrThrow(ctx, kind, scope, id);
  await kind.store.delete(ctx.context.adapter, row.id);
  await kind.invalidations.credentialChanged(row.id);
  emitCredentialEvent(ctx, kind, { type: "revoked", credentialId: row.id, owner: ownerOf(scope), actor: by });
  return { id: row.id, revoked: true as const };
}
