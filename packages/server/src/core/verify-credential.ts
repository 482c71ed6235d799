import type { AuthContext, User } from "better-auth";
import type { TokenErrorCode } from "../error-codes";
import { isBanned } from "./banned-user";
import { spendUse } from "./usage-quota";
import type { CredentialKind } from "./credential-runtime";
import { toPublicCredential, type CredentialRow, type PublicCredential } from "./credential-table";
import type { RateLimitDecision } from "./rate-limiter";
import type { CachedCredential, CredentialOwner } from "./verified-cache";
import { withTimeout } from "./with-timeout";
import { copyPlain } from "./copy-plain";
import type { RequestOrigin } from "./request-origin";

/** Longest value ever hashed for a legacy lookup: anything longer is garbage, refused unread. */
const MAX_LEGACY_LENGTH = 256;
const PRINTABLE_ASCII = /^[\x21-\x7e]+$/;

export type VerifyOutcome =
  | { ok: true; row: CredentialRow; user: User | null; owner: CredentialOwner; view: PublicCredential }
  | { ok: false; code: TokenErrorCode; retryAfterSeconds?: number };

/**
 * The one verification path for both kinds. Cheap checks first: a value with the wrong shape
 * or checksum costs no hash and no database read. Warm, it costs one hash and a cache lookup;
 * cold, one adapter call (the row joined with its user). No write happens on the request path
 * except the throttled `lastUsedAt`, handed to Better Auth's background runner.
 */
export function verifyCredential(
  context: AuthContext,
  kind: CredentialKind,
  value: string,
  request?: RequestOrigin,
): VerifyOutcome | Promise<VerifyOutcome> {
  // Only values in our format are remembered as absent: they are the ones a create can make.
  const wellFormed = kind.format.isWellFormed(value);
  if (!wellFormed) {
    const legacyCandidate = kind.acceptLegacyKeys && value.length <= MAX_LEGACY_LENGTH && PRINTABLE_ASCII.test(value);
    if (!legacyCandidate) return { ok: false, code: "INVALID_CREDENTIAL" };
  }
  const own = verifyInKind(context, kind, value, wellFormed, request);
  if (wellFormed || kind.legacyFallbacks.length === 0) return own;
  // A legacy value carries no prefix to say which configuration it belongs to: an organization's
  // key made by upstream lives under its own configId, so the plugin's other configurations that
  // accept legacy keys are asked in turn.
  return Promise.resolve(own).then(async (outcome) => {
    for (const sibling of kind.legacyFallbacks) {
      if (outcome.ok || outcome.code !== "INVALID_CREDENTIAL") return outcome;
      outcome = await verifyInKind(context, sibling, value, false, request);
    }
    return outcome;
  });
}

function verifyInKind(context: AuthContext, kind: CredentialKind, value: string, wellFormed: boolean, request?: RequestOrigin): VerifyOutcome | Promise<VerifyOutcome> {
  // Kept free of awaits when the hash is synchronous and the credential cached: every await on
  // the hot path costs a promise and an async-context hop on each request.
  const hashed = kind.hash(value);
  if (typeof hashed !== "string") {
    return hashed.then((hash) => verifyHash(context, kind, hash, wellFormed, request), (error) => unavailable(context, error));
  }
  return verifyHash(context, kind, hashed, wellFormed, request);
}

function verifyHash(context: AuthContext, kind: CredentialKind, hash: string, wellFormed: boolean, request?: RequestOrigin): VerifyOutcome | Promise<VerifyOutcome> {
  const cached = kind.cache.get(hash);
  if (cached) return judge(context, kind, cached, request);
  // Found absent a moment ago: a forged or revoked credential sent again costs no read.
  if (kind.absent.has(hash)) return INVALID;
  return withTimeout(loadCredential(context, kind, hash, wellFormed), kind.verificationTimeoutMs).then(
    (found) => (found ? judge(context, kind, found, request) : INVALID),
    (error: unknown) => unavailable(context, error),
  );
}

/** Fail closed, and log the failure's class only: an adapter's message can echo the hash. */
function unavailable(context: AuthContext, error: unknown): VerifyOutcome {
  context.logger.error(`Credential verification failed: ${error instanceof Error ? error.name : typeof error}`);
  return UNAVAILABLE;
}

const INVALID: VerifyOutcome = { ok: false, code: "INVALID_CREDENTIAL" };
const UNAVAILABLE: VerifyOutcome = { ok: false, code: "VERIFICATION_UNAVAILABLE" };
const USAGE_EXCEEDED: VerifyOutcome = { ok: false, code: "USAGE_EXCEEDED" };

function judge(context: AuthContext, kind: CredentialKind, found: CachedCredential, request?: RequestOrigin): VerifyOutcome | Promise<VerifyOutcome> {
  const { row, user } = found;
  if (row.enabled === false) return { ok: false, code: "KEY_DISABLED" };
  if (row.expiresAt && new Date(row.expiresAt).getTime() <= Date.now()) return { ok: false, code: "KEY_EXPIRED" };
  // A ban revokes the owner's sessions; their credentials must stop with them.
  if (user && isBanned(user)) return { ok: false, code: "USER_BANNED" };

  // In memory, the decision is immediate; counted in secondaryStorage, it is one round trip.
  const decision = kind.consumeRateLimit(row.id);
  if (decision instanceof Promise) return decision.then((settled) => afterRateLimit(context, kind, found, settled, request));
  return afterRateLimit(context, kind, found, decision, request);
}

function afterRateLimit(
  context: AuthContext,
  kind: CredentialKind,
  found: CachedCredential,
  decision: RateLimitDecision,
  request?: RequestOrigin,
): VerifyOutcome | Promise<VerifyOutcome> {
  const { row } = found;
  if (!decision.allowed) return { ok: false, code: "RATE_LIMITED", retryAfterSeconds: decision.retryAfterSeconds };

  // Only rows upstream made with a usage quota carry `remaining`; ours are null and cost nothing here.
  if (row.remaining !== null && row.remaining !== undefined) {
    return spendUse(context.adapter, kind.store, row).then(
      (usage) => {
        // The cached row's count is stale now; the next request reads the row again.
        kind.cache.forgetCredential(row.id);
        if (usage === "exceeded") return USAGE_EXCEEDED;
        if (usage === "contended") return UNAVAILABLE;
        return accept(context, kind, found, request);
      },
      (error: unknown) => unavailable(context, error),
    );
  }
  return accept(context, kind, found, request);
}

function accept(context: AuthContext, kind: CredentialKind, { row, user, owner, view }: CachedCredential, request?: RequestOrigin): VerifyOutcome {
  if (kind.shouldWriteLastUsed(row.id, row.lastRequest)) recordLastUse(context, kind, row.id, request);
  // Copies: the cached entry serves every later request, so no caller may hold a reference into it.
  return { ok: true, row, user: user && copyPlain(user), owner: { ...owner }, view: copyPlain(view) };
}

async function loadCredential(context: AuthContext, kind: CredentialKind, hash: string, rememberAbsence: boolean) {
  const generation = kind.cache.generation;
  const creations = kind.absent.creations;
  const found = await kind.store.findByHashWithUser(context.adapter, hash);
  if (!found) {
    if (rememberAbsence) kind.absent.remember(hash, creations);
    return null;
  }
  const entry = await withOwner(context, kind, found.row, found.user);
  if (!entry) return null;
  // Disabled and expired rows are cached too: they are refused from memory until changed.
  kind.cache.set(hash, entry, generation);
  return entry;
}

/** The credential with its owner; null when the owner is gone (a deleted user or organization): refused. */
async function withOwner(context: AuthContext, kind: CredentialKind, row: CredentialRow, joined: User | null): Promise<CachedCredential | null> {
  const view = toPublicCredential(row);
  if (kind.references === "organization") {
    const organization = await context.adapter.findOne<{ id: string }>({
      model: "organization",
      where: [{ field: "id", value: row.referenceId }],
      select: ["id"],
    });
    if (!organization) return null;
    return { row, user: null, owner: { type: "organization", id: organization.id }, view };
  }
  const user = joined ?? (await context.internalAdapter.findUserById(row.referenceId));
  if (!user) return null;
  return { row, user, owner: { type: "user", id: user.id }, view };
}

function recordLastUse(context: AuthContext, kind: CredentialKind, id: string, request?: RequestOrigin) {
  // Where it came from, under the same throttle; server-side verification knows no origin.
  const origin = request ? { lastUsedIp: request.ip, lastUsedUserAgent: request.userAgent } : {};
  const write = kind.store.update(context.adapter, id, { lastRequest: new Date(), ...origin }).catch((error: unknown) => {
    // The error's name only: an adapter's message can echo the query's values.
    context.logger.error(`Could not record last use of credential ${id}: ${error instanceof Error ? error.name : typeof error}`);
  });
  context.runInBackground(write);
}
