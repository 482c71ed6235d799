import type { CredentialKind } from "../core/credential-runtime";
import type { CachedCredential } from "../core/verified-cache";
import type { AnyVerifiedCredential } from "./create-verifier";

/**
 * What a guard admitted a request with. `entry` is the cache's own, never handed to a route:
 * a later guard decides on it, not on the credential the route got, which app code can keep,
 * copy or change.
 */
export class Admission {
  // Assigned in the constructor, not written as class fields, which are defined one by one
  // (`Object.defineProperty` semantics): one is built on every verified request.
  declare readonly kind: CredentialKind;
  declare readonly entry: CachedCredential;
  declare readonly credential: AnyVerifiedCredential;

  constructor(kind: CredentialKind, entry: CachedCredential, credential: AnyVerifiedCredential) {
    this.kind = kind;
    this.entry = entry;
    this.credential = credential;
  }

  /**
   * What Node's `inspect` prints for it, when an app logs its context or request deeply: the
   * entry holds the key's hash and the kind holds the cache, so neither may be printed.
   */
  [Symbol.for("nodejs.util.inspect.custom")](): string {
    return "[Admission]";
  }
}

/**
 * Kept on the request itself (Hono's context, Node's request), never on the credential: an
 * admission cannot outlive its request or be carried to another one. A property under a symbol
 * only this module holds, rather than a WeakMap: an entry per request cost about 12,000
 * instructions in garbage collection (callgrind), more than half a warm verification.
 */
const ADMISSION = Symbol("better-auth-tokens: admission");

type AdmittedRequest = { [ADMISSION]?: Admission };

/** Records that a guard let `request` in, so a guard after it on the same request verifies it once. */
export function recordAdmission(request: object, admission: Admission): void {
  try {
    (request as AdmittedRequest)[ADMISSION] = admission;
  } catch {
    // A sealed request cannot hold it; a guard after this one then verifies the request again.
  }
}

/**
 * What an earlier guard admitted `request` with, if one did. Its own property only: an object
 * made from an admitted request (`Object.create(req)`) inherits the property, not the admission.
 */
export function admissionOf(request: object): Admission | undefined {
  const admission = (request as AdmittedRequest)[ADMISSION];
  return admission !== undefined && Object.hasOwn(request, ADMISSION) ? admission : undefined;
}
