import type { AuthContext, User } from "better-auth";
import type { CredentialConfig } from "../core/credential-config";
import type { CredentialKind } from "../core/credential-runtime";
import { instanceKinds } from "../core/instance-kinds";
import type { PublicCredential, Statements } from "../core/credential-table";
import type { CredentialOwner } from "../core/verified-cache";
import { apiKeyChannels } from "../core/api-key-headers";
import { errorAnswer, type ErrorAnswer, type ErrorDetails } from "../core/error-answer";
import { NO_RATE_LIMIT_HEADERS, rateLimitHeaders } from "../core/rate-limit-budget";
import { isSubset, toStatements } from "../core/permissions";
import { presentsSeveralCredentials, readCredential, type HeaderSource } from "../core/read-credential";
import { verifyCredential, type VerifyOutcome } from "../core/verify-credential";
import { emitWithSource, type EventSource } from "../core/credential-events";
import { findMembership, roleAllows } from "../api-key/organization-access";
import type { TokenErrorCode } from "../error-codes";
import type { CredentialRequirement } from "./requirement";
import { Admission, admissionOf, recordAdmission } from "./admissions";
import { guardedRequestSource, isGuardedRequest, type GuardedRequest } from "./guarded-request";

/** A request that proved who it is with a user's API key or personal token. */
export interface VerifiedCredential extends VerifiedCredentialFields {
  /** Whom the credential acts for: its user. */
  owner: { type: "user"; id: string };
  user: User;
}

/** A request that proved who it is with an organization's API key: it acts for no user. */
export interface OrganizationVerifiedCredential extends VerifiedCredentialFields {
  owner: { type: "organization"; id: string };
  user: null;
}

/** What a route that accepts organization keys (`organizationKeys: "accept"`) gets: narrow on `user === null`. */
export type AnyVerifiedCredential = VerifiedCredential | OrganizationVerifiedCredential;

interface VerifiedCredentialFields {
  /** Public fields of the credential: never the key or its hash. */
  key: PublicCredential;
  permissions: Statements;
  authMethod: CredentialConfig["authMethod"];
  /**
   * Headers to send with the route's answer: the RateLimit fields (`RateLimit-Limit`,
   * `RateLimit-Remaining`, `RateLimit-Reset`, `RateLimit-Policy`) when a rate limit or usage
   * quota applies to the credential; empty otherwise. The middleware sends them itself.
   */
  headers: Readonly<Record<string, string>>;
}

/** The credential a requirement lets through: organization keys only where it accepts them. */
export type VerifiedFor<R extends CredentialRequirement> = R extends { organizationKeys: "accept" } ? AnyVerifiedCredential : VerifiedCredential;

/** Why a request was refused, ready to send: status, headers and a body with a stable code. */
export type CredentialFailure = ErrorAnswer;

export type AuthenticateResult<R extends CredentialRequirement = CredentialRequirement> =
  | (VerifiedFor<R> extends infer V ? (V extends unknown ? { ok: true } & V : never) : never)
  | ({ ok: false } & CredentialFailure);

/** What the Hono and Node helpers get: what the request was admitted with, or why not. */
export type AdmitResult<R extends CredentialRequirement> = AdmissionFor<R> | Refusal;

/** An admission whose credential a requirement lets through. */
export type AdmissionFor<R extends CredentialRequirement> = Admission & { credential: VerifiedFor<R> };

type Refusal = { ok: false } & CredentialFailure;

/** What an authorization decides on: who the credential acts for, and what it was granted. */
type CredentialFacts = { owner: CredentialOwner; permissions: Statements; authMethod: CredentialConfig["authMethod"] };

export function isRefusal(result: object): result is Refusal {
  return (result as { ok?: unknown }).ok === false;
}

/** The helpers' way to `admitNow`; not exported from the package, so not public API. */
export const ADMIT_NOW = Symbol("admitNow");

/** Whether a verification answers as `authenticate` does (`ok: true` and the credential) or as the helpers need it. */
type Form = "result" | "admission";

/** Any `betterAuth()` instance: its context type depends on its options, so only the shape is checked. */
type AuthLike = { $context: PromiseLike<object> };

/**
 * Verifies API keys and personal tokens without building a Better Auth session: for hot paths
 * and for non-Better-Auth routes. Same checks, cache, rate limit and `lastUsedAt` as the plugins.
 *
 * @example
 * const verifier = createVerifier(auth);
 * const result = await verifier.authenticate(request, { permissions: ["read"] });
 * if (!result.ok) return Response.json(result.body, { status: result.status, headers: result.headers });
 */
export function createVerifier(auth: AuthLike) {
  type Loaded = { context: AuthContext; kinds: CredentialKind[] };
  let loaded: Loaded | undefined;
  let loading: Promise<Loaded> | undefined;
  const load = () => {
    loading ??= Promise.resolve(auth.$context as PromiseLike<AuthContext>).then((context) => {
      const kinds = instanceKinds(context);
      if (kinds.length === 0) throw new Error("createVerifier: neither apiKey() nor bearer() is installed in this auth instance");
      loaded = { context, kinds };
      return loaded;
    });
    return loading;
  };

  /**
   * Verifies without a promise where none is needed: warm, with a synchronous hash and no rate
   * limit in storage, the answer is ready at once. The helpers verify this way, because on a
   * busy server every promise and microtask hop per request shows in its throughput.
   */
  function verifyNow<R extends CredentialRequirement, F extends Form>(
    input: Request | HeaderSource | HeadersInit,
    requirement: R,
    form: F,
  ): Answer<R, F> | Promise<Answer<R, F>> {
    if (!loaded) return load().then(() => verifyNow(input, requirement, form));
    const headers = input instanceof Request ? input.headers : isHeaderSource(input) ? input : new Headers(input);
    const { context, kinds } = loaded;
    if (presentsSeveralCredentials(headers, apiKeyChannels(context.options))) return failure("MULTIPLE_CREDENTIALS");
    return verifyHeaders(context, kinds, headers, requirement, input instanceof Request ? input : headers, undefined, form);
  }

  /**
   * The helpers' verification of `request` (Hono's context, Node's request). When a guard of this
   * instance already admitted it, it was verified and counted against the credential's limits:
   * only the requirement is checked, on the cache's entry, as a verification would check it.
   */
  function admitNow<R extends CredentialRequirement>(
    input: Request | HeaderSource,
    requirement: R,
    request: object,
  ): AdmitResult<R> | Promise<AdmitResult<R>> {
    const earlier = admissionOf(request);
    if (earlier === undefined) return record(request, verifyNow(input, requirement, "admission"));
    // Another verifier of the same instance may have admitted it before this one first loaded.
    if (!loaded) return load().then(() => admitNow(input, requirement, request));
    if (!loaded.kinds.includes(earlier.kind)) return record(request, verifyNow(input, requirement, "admission"));
    const { kind, entry } = earlier;
    const refused = refusal(loaded.context, kind, entry.view.id, entry.view.permissions, entry.owner, requirement, input);
    return refused ? failure(refused) : (earlier as AdmissionFor<R>);
  }

  function record<R extends CredentialRequirement>(
    request: object,
    result: AdmitResult<R> | Promise<AdmitResult<R>>,
  ): AdmitResult<R> | Promise<AdmitResult<R>> {
    if (result instanceof Promise) return result.then((settled) => record(request, settled) as AdmitResult<R>);
    if (!isRefusal(result)) recordAdmission(request, result);
    return result;
  }

  async function authenticate<R extends CredentialRequirement = Record<never, never>>(
    input: Request | HeaderSource | HeadersInit,
    requirement: R = {} as R,
  ): Promise<AuthenticateResult<R>> {
    return verifyNow(input, requirement, "result");
  }

  /**
   * "May this credential do `permissions` in organization `organizationId`?" An organization's
   * key may when it belongs to that organization and was granted them. A user's API key may when
   * it was granted them *and* its user's role in the organization allows them (the organization
   * plugin's `hasPermission`). A personal token acts as its owner: the role alone decides.
   *
   * Given Hono's context or Node's request behind a guard of this instance, it decides on what
   * the guard admitted: the request is verified, and counted against the credential's limits, once.
   */
  async function authorizeInOrganization(
    input: Request | HeaderSource | HeadersInit | GuardedRequest,
    { organizationId, permissions }: { organizationId: string; permissions: Record<string, string[]> },
  ): Promise<AuthenticateResult<{ organizationKeys: "accept" }>> {
    const result = await credentialOf(input);
    if (!result.ok) return result;
    // The request was counted against the credential's limits: a refusal says what is left, as a 200 would.
    const refuse = (code: TokenErrorCode): Refusal => {
      const refused = failure(code);
      Object.assign(refused.headers, result.headers);
      return refused;
    };
    const wanted = toStatements(permissions);
    if (result.facts.owner.type === "organization") {
      if (result.facts.owner.id !== organizationId) return refuse("NOT_ORGANIZATION_MEMBER");
      return isSubset(wanted, result.facts.permissions) ? result.answer : refuse("INSUFFICIENT_PERMISSIONS");
    }
    if (result.facts.authMethod === "api-key" && !isSubset(wanted, result.facts.permissions)) return refuse("INSUFFICIENT_PERMISSIONS");
    const { context } = loaded ?? (await load());
    const member = await findMembership(context, result.facts.owner.id, organizationId);
    if (!member) return refuse("NOT_ORGANIZATION_MEMBER");
    if (!(await roleAllows(context, member.role, organizationId, wanted))) return refuse("ORGANIZATION_ROLE_FORBIDS");
    return result.answer;
  }

  /**
   * The credential `authorizeInOrganization` decides on. Behind a guard, the admission's cache
   * entry: the credential the route was handed is the app's to change, the entry is not.
   */
  async function credentialOf(input: Request | HeaderSource | HeadersInit | GuardedRequest): Promise<
    | { ok: true; answer: AuthenticateResult<{ organizationKeys: "accept" }>; headers: Record<string, string>; facts: CredentialFacts }
    | Refusal
  > {
    const requirement = { organizationKeys: "accept" } as const;
    if (isGuardedRequest(input)) {
      const admitted = await admitNow(guardedRequestSource(input), requirement, input);
      if (isRefusal(admitted)) return admitted;
      const { kind, entry, credential } = admitted;
      const facts = { owner: entry.owner, permissions: entry.view.permissions, authMethod: kind.authMethod };
      return { ok: true, answer: { ok: true, ...credential } as AuthenticateResult<typeof requirement>, headers: credential.headers, facts };
    }
    const answer = await authenticate(input, requirement);
    if (!answer.ok) return answer;
    return { ok: true, answer, headers: answer.headers, facts: { owner: answer.owner, permissions: answer.permissions, authMethod: answer.authMethod } };
  }

  return {
    authenticate,
    [ADMIT_NOW]: admitNow,
    authorizeInOrganization,
    /** The verified credential, or null for anything else. */
    async verify<R extends CredentialRequirement = Record<never, never>>(
      input: Request | HeaderSource | HeadersInit,
      requirement: R = {} as R,
    ): Promise<VerifiedFor<R> | null> {
      const result = await authenticate(input, requirement);
      if (!result.ok) return null;
      const { ok: _ok, ...verified } = result;
      return verified as unknown as VerifiedFor<R>;
    },
  };
}

export type Verifier = ReturnType<typeof createVerifier>;

/** A verification's answer in either form. */
type Answer<R extends CredentialRequirement, F extends Form> = F extends "admission" ? AdmitResult<R> : AuthenticateResult<R>;

/**
 * Verifies the credential the headers carry against the kinds installed, for a requirement:
 * `createVerifier`'s path and the remote verification endpoint's.
 */
export function authenticateHeaders<R extends CredentialRequirement>(
  context: AuthContext,
  kinds: CredentialKind[],
  headers: HeaderSource,
  requirement: R,
  /** Where events, and an IP allowlist unless `clientIp` is given, read the request's IP (and its user agent). */
  source: EventSource,
  /** The client's IP as a trusted caller says it, for an IP allowlist; `null`: unknown. */
  clientIp?: string | null,
): AuthenticateResult<R> | Promise<AuthenticateResult<R>> {
  return verifyHeaders(context, kinds, headers, requirement, source, clientIp, "result");
}

function verifyHeaders<R extends CredentialRequirement, F extends Form>(
  context: AuthContext,
  kinds: CredentialKind[],
  headers: HeaderSource,
  requirement: R,
  source: EventSource,
  clientIp: string | null | undefined,
  form: F,
): Answer<R, F> | Promise<Answer<R, F>> {
  for (const kind of kinds) {
    const presented = readCredential(headers, kind);
    if (!presented) continue;
    const outcome = verifyCredential(context, kind, presented, source, clientIp);
    return outcome instanceof Promise
      ? outcome.then((settled) => conclude(context, kind, settled, requirement, source, form))
      : conclude(context, kind, outcome, requirement, source, form);
  }
  return failure("UNAUTHORIZED");
}

/** What a verification outcome means for a requirement: the credential, or why not. */
function conclude<R extends CredentialRequirement, F extends Form>(
  context: AuthContext,
  kind: CredentialKind,
  outcome: VerifyOutcome,
  requirement: R,
  source: EventSource,
  form: F,
): Answer<R, F> {
  if (!outcome.ok) return failure(outcome.code, outcome);
  const key = outcome.view;
  const refused = refusal(context, kind, key.id, key.permissions, outcome.owner, requirement, source);
  // The request was counted against the credential's limits all the same: the 403 says what is left.
  if (refused) return failure(refused, { budget: outcome.budget });
  const headers = outcome.budget ? rateLimitHeaders(outcome.budget) : NO_RATE_LIMIT_HEADERS;
  // Built in literals, not by spreading: this runs on every verified request. The types fail the
  // build if either kind of credential gains a field not set here.
  if (form === "admission") {
    const credential: AnyVerifiedCredential =
      outcome.owner.type === "organization"
        ? ({ key, permissions: key.permissions, authMethod: kind.authMethod, owner: outcome.owner, user: null, headers } satisfies OrganizationVerifiedCredential)
        : ({ key, permissions: key.permissions, authMethod: kind.authMethod, owner: outcome.owner, user: outcome.user!, headers } satisfies VerifiedCredential);
    return new Admission(kind, outcome.entry, credential) as Answer<R, F>;
  }
  if (outcome.owner.type === "organization") {
    const verified: { ok: true } & OrganizationVerifiedCredential = {
      ok: true,
      key,
      permissions: key.permissions,
      authMethod: kind.authMethod,
      owner: outcome.owner,
      user: null,
      headers,
    };
    return verified as unknown as Answer<R, F>;
  }
  const verified: { ok: true } & VerifiedCredential = {
    ok: true,
    key,
    permissions: key.permissions,
    authMethod: kind.authMethod,
    owner: outcome.owner,
    user: outcome.user!,
    headers,
  };
  return verified as unknown as Answer<R, F>;
}

/**
 * Why a verified credential does not meet a requirement, or null when it does. Checked first:
 * a route written for users must not even learn what an organization's key may do.
 */
function refusal(
  context: AuthContext,
  kind: CredentialKind,
  id: string,
  granted: Statements,
  owner: CredentialOwner,
  requirement: CredentialRequirement,
  source: EventSource,
): TokenErrorCode | null {
  if (owner.type === "organization" && requirement.organizationKeys !== "accept") return "ORGANIZATION_KEY_NOT_ACCEPTED";
  if (requirement.permissions && !meetsPermissions(kind.authMethod, granted, requirement)) {
    emitWithSource(context, kind, { type: "rejected", credentialId: id, owner: { ...owner }, reason: "insufficient-permissions" }, source);
    return "INSUFFICIENT_PERMISSIONS";
  }
  return null;
}

/** A `Headers`, or any object that reads a header by name the same way (`get(name)`). */
function isHeaderSource(input: HeaderSource | HeadersInit): input is HeaderSource {
  return typeof (input as Partial<HeaderSource>).get === "function";
}

function failure(code: TokenErrorCode, details?: ErrorDetails): Refusal {
  return { ok: false, ...errorAnswer(code, details) };
}

function meetsPermissions(
  authMethod: CredentialConfig["authMethod"],
  granted: Statements,
  requirement: CredentialRequirement,
): boolean {
  if (authMethod === "personal-token") return requirement.personalTokens === "owner";
  return isSubset(toStatements(requirement.permissions), granted);
}
