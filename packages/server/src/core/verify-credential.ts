import type { AuthContext, User } from "better-auth";
import { parseUserOutput } from "better-auth/db";
import type { TokenErrorCode } from "../error-codes";
import { isBanned } from "./banned-user";
import { quotaBudget, spendUse } from "./usage-quota";
import { tighterBudget, type RateLimitBudget } from "./rate-limit-budget";
import { hashOpens } from "./rolled-secret";
import type { CredentialKind } from "./credential-runtime";
import { copyPublicCredential, toPublicCredential, type CredentialRow, type PublicCredential } from "./credential-table";
import type { LimitDecision } from "./request-limits";
import type { CachedCredential, CredentialOwner } from "./verified-cache";
import { withTimeout } from "./with-timeout";
import { plainCopies } from "./copy-plain";
import { emitWithSource, type CredentialRejectionReason, type EventSource } from "./credential-events";
import { mayBeFirstUse, recordFirstUse } from "./first-use";
import { requestOrigin } from "./request-origin";
import { ipAllowed } from "./ip-allowlist";

/** Longest value ever hashed for a legacy lookup: anything longer is garbage, refused unread. */
const MAX_LEGACY_LENGTH = 256;
const PRINTABLE_ASCII = /^[\x21-\x7e]+$/;

/** `budget`: what is left of the rate limit or quota closest to exhaustion, when one applies. */
export type VerifyOutcome =
  | {
      ok: true;
      row: CredentialRow;
      user: User | null;
      owner: CredentialOwner;
      view: PublicCredential;
      budget?: RateLimitBudget | undefined;
      /** The cache's entry the copies above were made from: for the caller's own checks, never to hand out. */
      entry: CachedCredential;
    }
  | { ok: false; code: TokenErrorCode; retryAfterSeconds?: number | undefined; budget?: RateLimitBudget | undefined };

/**
 * The one verification path for both kinds. Cheap checks first: a value with the wrong shape
 * or checksum costs no hash and no database read. Warm, it costs one hash and a cache lookup;
 * cold, the row and its owner: one adapter call where the row joins its user, two otherwise
 * (credential-store.ts). No write happens on the request path
 * except the throttled `lastUsedAt`, handed to Better Auth's background runner, and, for a
 * credential with a usage quota, the one guarded write that spends a use.
 */
export function verifyCredential(
  context: AuthContext,
  kind: CredentialKind,
  value: string,
  /** The request or its headers: the client's IP (for an IP allowlist and events) and user agent. */
  source?: EventSource,
  /**
   * The client's IP as a trusted caller says it (remote verification, `verifyApiKey`), checked
   * against an IP allowlist instead of the one `source` resolves to; `null`: unknown.
   */
  clientIp?: string | null,
): VerifyOutcome | Promise<VerifyOutcome> {
  // Only values in our format are remembered as absent: they are the ones a create can make.
  const wellFormed = kind.format.isWellFormed(value);
  if (!wellFormed) {
    const legacyCandidate = kind.acceptLegacyKeys && value.length <= MAX_LEGACY_LENGTH && PRINTABLE_ASCII.test(value);
    if (!legacyCandidate) return { ok: false, code: "INVALID_CREDENTIAL" };
  }
  const own = verifyInKind(context, kind, value, wellFormed, source, clientIp);
  if (wellFormed || kind.legacyFallbacks.length === 0) return own;
  // A legacy value carries no prefix to say which configuration it belongs to: an organization's
  // key made by upstream lives under its own configId, so the plugin's other configurations that
  // accept legacy keys are asked in turn.
  return Promise.resolve(own).then(async (outcome) => {
    for (const sibling of kind.legacyFallbacks) {
      if (outcome.ok || outcome.code !== "INVALID_CREDENTIAL") return outcome;
      outcome = await verifyInKind(context, sibling, value, false, source, clientIp);
    }
    return outcome;
  });
}

function verifyInKind(
  context: AuthContext,
  kind: CredentialKind,
  value: string,
  wellFormed: boolean,
  source: EventSource,
  clientIp: string | null | undefined,
): VerifyOutcome | Promise<VerifyOutcome> {
  // Kept free of awaits when the hash is synchronous and the credential cached: every await on
  // the hot path costs a promise and an async-context hop on each request.
  const hashed = kind.hash(value);
  if (typeof hashed !== "string") {
    return hashed.then((hash) => verifyHash(context, kind, hash, wellFormed, source, clientIp), (error) => unavailable(context, error));
  }
  return verifyHash(context, kind, hashed, wellFormed, source, clientIp);
}

function verifyHash(
  context: AuthContext,
  kind: CredentialKind,
  hash: string,
  wellFormed: boolean,
  source: EventSource,
  clientIp: string | null | undefined,
): VerifyOutcome | Promise<VerifyOutcome> {
  const cached = kind.cache.get(hash);
  if (cached) return judge(context, kind, cached, hash, wellFormed, source, clientIp);
  // Cached, but after an idle spell not vouched for until other instances' changes are read
  // again: that read, shared by every request waiting, answers sooner than a database read each.
  const catchingUp = kind.cache.catchUp(hash);
  if (catchingUp) {
    return catchingUp.then(
      (caughtUp) => (caughtUp ? judge(context, kind, caughtUp, hash, wellFormed, source, clientIp) : lookUp(context, kind, hash, wellFormed, source, clientIp)),
      (error: unknown) => unavailable(context, error),
    );
  }
  return lookUp(context, kind, hash, wellFormed, source, clientIp);
}

/** Not in the cache, or not servable from it: the database, unless found absent a moment ago. */
function lookUp(
  context: AuthContext,
  kind: CredentialKind,
  hash: string,
  wellFormed: boolean,
  source: EventSource,
  clientIp: string | null | undefined,
): VerifyOutcome | Promise<VerifyOutcome> {
  // Found absent a moment ago: a forged or revoked credential sent again costs no read.
  if (kind.absent.has(hash)) return INVALID;
  return withTimeout(loadCredential(context, kind, hash, wellFormed), kind.verificationTimeoutMs).then(
    (found) => (found ? judge(context, kind, found, hash, wellFormed, source, clientIp) : INVALID),
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
const IP_REFUSED: VerifyOutcome = { ok: false, code: "IP_NOT_ALLOWED" };

/**
 * `hash`: the presented secret's, which must still open the row (a rolled secret has a deadline).
 * `ownFormat`: the value is in our format, so the row is ours and its own rate limit applies.
 */
function judge(
  context: AuthContext,
  kind: CredentialKind,
  found: CachedCredential,
  hash: string,
  ownFormat: boolean,
  source: EventSource,
  clientIp: string | null | undefined,
): VerifyOutcome | Promise<VerifyOutcome> {
  const { row, user } = found;
  // A rolled secret past its grace period is refused like a revoked one: nothing said about the roll.
  if (!hashOpens(row, hash)) return INVALID;
  if (row.enabled === false) return rejected(context, kind, found, source, { ok: false, code: "KEY_DISABLED" });
  if (row.expiresAt && new Date(row.expiresAt).getTime() <= Date.now()) return rejected(context, kind, found, source, { ok: false, code: "KEY_EXPIRED" });
  // A ban revokes the owner's sessions; their credentials must stop with them.
  if (user && isBanned(user)) return rejected(context, kind, found, source, { ok: false, code: "USER_BANNED" });
  // Before the rate limit, the quota and lastUsedAt: a request from elsewhere is no use of the credential.
  if (!ipAllowed(context, row, source, clientIp)) return rejected(context, kind, found, source, IP_REFUSED);

  // In memory, the decision is immediate; counted in secondaryStorage, it is one round trip.
  const decision = kind.consumeRateLimit(row, found.owner, ownFormat);
  if (decision instanceof Promise) return decision.then((settled) => afterRateLimit(context, kind, found, settled, source));
  return afterRateLimit(context, kind, found, decision, source);
}

function afterRateLimit(
  context: AuthContext,
  kind: CredentialKind,
  found: CachedCredential,
  decision: LimitDecision,
  source: EventSource,
): VerifyOutcome | Promise<VerifyOutcome> {
  const { row } = found;
  if (!decision.allowed) {
    return rejected(context, kind, found, source, { ok: false, code: decision.code, retryAfterSeconds: decision.retryAfterSeconds, budget: decision.budget });
  }

  // Only credentials with a usage quota carry `remaining`; the others cost nothing here. The
  // spend is the database's conditional write, never the cached count: the cache cannot stretch a quota.
  if (row.remaining !== null && row.remaining !== undefined) {
    return spendUse(context.adapter, kind.store, row).then(
      (usage): VerifyOutcome => {
        if (usage.decision === "exceeded") {
          return rejected(context, kind, found, source, { ok: false, code: "USAGE_EXCEEDED", retryAfterSeconds: usage.retryAfterSeconds, budget: usage.budget });
        }
        if (usage.decision === "gone") return INVALID;
        if (usage.decision === "contended") return UNAVAILABLE;
        return accept(context, kind, found, source, decision.budget, usage.row);
      },
      (error: unknown) => unavailable(context, error),
    );
  }
  return accept(context, kind, found, source, decision.budget);
}

function accept(
  context: AuthContext,
  kind: CredentialKind,
  entry: CachedCredential,
  source: EventSource,
  budget: RateLimitBudget | undefined,
  spent?: CredentialRow,
): VerifyOutcome {
  const { row, copyUser, owner, view } = entry;
  if (kind.shouldWriteLastUsed(row.id, row.lastRequest)) {
    if (mayBeFirstUse(kind, row)) recordFirstUse(context, kind, row, owner, source);
    else recordLastUse(context, kind, row.id, source);
  }
  // Copies: the cached entry serves every later request, so no caller may hold a reference into it.
  const answered = copyPublicCredential(view);
  if (spent) {
    Object.assign(answered, quotaAfterUse(spent));
    budget = tighterBudget(budget, quotaBudget(spent));
  }
  return { ok: true, row, user: copyUser && copyUser(), owner: { ...owner }, view: answered, budget, entry };
}

/** What the use just spent left, as the database answered it: the cached view holds an older count. */
function quotaAfterUse(spent: CredentialRow): Pick<PublicCredential, "remaining" | "lastRefillAt"> {
  const { remaining, lastRefillAt } = toPublicCredential(spent);
  return { remaining, lastRefillAt };
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
    return { row, user: null, copyUser: null, owner: { type: "organization", id: organization.id }, view };
  }
  const user = joined ?? (await context.internalAdapter.findUserById(row.referenceId));
  if (!user) return null;
  // Routes get the user as getSession shows it: without `returned: false` fields. The whole row
  // stays in the cache for our own checks (a ban).
  const shown = parseUserOutput(context.options, user) as User;
  return { row, user, copyUser: plainCopies(shown), owner: { type: "user", id: user.id }, view };
}

const REJECTION_REASONS: Partial<Record<TokenErrorCode, CredentialRejectionReason>> = {
  KEY_DISABLED: "disabled",
  KEY_EXPIRED: "expired",
  USER_BANNED: "banned-user",
  RATE_LIMITED: "rate-limited",
  OWNER_RATE_LIMITED: "rate-limited",
  USAGE_EXCEEDED: "usage-exceeded",
  IP_NOT_ALLOWED: "ip-not-allowed",
};

/** A refusal of a credential that exists: reported as `rejected` (never for unknown values, which have no id). */
function rejected(context: AuthContext, kind: CredentialKind, { row, owner }: CachedCredential, source: EventSource, outcome: VerifyOutcome): VerifyOutcome {
  const reason = outcome.ok ? undefined : REJECTION_REASONS[outcome.code];
  if (kind.onEvent && reason) emitWithSource(context, kind, { type: "rejected", credentialId: row.id, owner: { ...owner }, reason }, source);
  return outcome;
}

function recordLastUse(context: AuthContext, kind: CredentialKind, id: string, source: EventSource) {
  // Where it came from, under the same throttle; server-side verification knows no origin.
  const request = source ? requestOrigin(source instanceof Request ? source.headers : source, context.options) : undefined;
  const origin = request ? { lastUsedIp: request.ip, lastUsedUserAgent: request.userAgent } : {};
  const write = kind.store.update(context.adapter, id, { lastRequest: new Date(), ...origin }).catch((error: unknown) => {
    // The error's name only: an adapter's message can echo the query's values.
    context.logger.error(`Could not record last use of credential ${id}: ${error instanceof Error ? error.name : typeof error}`);
  });
  context.runInBackground(write);
}
