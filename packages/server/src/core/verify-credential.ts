import type { AuthContext, User } from "better-auth";
import type { TokenErrorCode } from "../error-codes";
import type { CredentialKind } from "./credential-kind";
import type { CredentialRow } from "./credential-table";

/** Longest value ever hashed for a legacy lookup: anything longer is garbage, refused unread. */
const MAX_LEGACY_LENGTH = 256;
const PRINTABLE_ASCII = /^[\x21-\x7e]+$/;

export type VerifyOutcome =
  | { ok: true; row: CredentialRow; user: User }
  | { ok: false; code: TokenErrorCode; retryAfterSeconds?: number };

/**
 * The one verification path for both kinds. Cheap checks first: a value with the wrong shape
 * or checksum costs no hash and no database read. No write happens on the request path except
 * the throttled `lastUsedAt`, handed to Better Auth's background runner.
 */
export async function verifyCredential(context: AuthContext, kind: CredentialKind, value: string): Promise<VerifyOutcome> {
  if (!kind.format.isWellFormed(value)) {
    const legacyCandidate = kind.acceptLegacyKeys && value.length <= MAX_LEGACY_LENGTH && PRINTABLE_ASCII.test(value);
    if (!legacyCandidate) return { ok: false, code: "INVALID_CREDENTIAL" };
  }
  const row = await kind.store.findByHash(context.adapter, await kind.hash(value));
  if (!row || row.configId !== kind.configId) return { ok: false, code: "INVALID_CREDENTIAL" };
  if (row.enabled === false) return { ok: false, code: "KEY_DISABLED" };
  if (row.expiresAt && new Date(row.expiresAt).getTime() <= Date.now()) return { ok: false, code: "KEY_EXPIRED" };

  const decision = kind.consumeRateLimit(row.id);
  if (!decision.allowed) return { ok: false, code: "RATE_LIMITED", retryAfterSeconds: decision.retryAfterSeconds };

  const user = await context.internalAdapter.findUserById(row.referenceId);
  if (!user) return { ok: false, code: "INVALID_CREDENTIAL" };

  if (kind.shouldWriteLastUsed(row.id, row.lastRequest)) {
    const write = kind.store.update(context.adapter, row.id, { lastRequest: new Date() }).catch((error: unknown) => {
      context.logger.error(`Could not record last use of credential ${row.id}`, errorName(error));
    });
    context.runInBackground(write);
  }
  return { ok: true, row, user };
}

/** Logs name the failure class only: an adapter error message can echo the query's values. */
function errorName(error: unknown) {
  return error instanceof Error ? error.name : typeof error;
}
