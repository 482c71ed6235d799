import type { CredentialKind } from "../core/credential-runtime";
import type { CachedCredential } from "../core/verified-cache";
import type { AnyVerifiedCredential } from "./create-verifier";

/**
 * What a guard admitted a request with. `entry` is the cache's own, never handed to a route:
 * a later guard decides on it, not on the credential the route got, which app code can keep,
 * copy or change.
 */
export interface Admission {
  kind: CredentialKind;
  entry: CachedCredential;
  credential: AnyVerifiedCredential;
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
  (request as AdmittedRequest)[ADMISSION] = admission;
}

/** What an earlier guard admitted `request` with, if one did. */
export function admissionOf(request: object): Admission | undefined {
  return (request as AdmittedRequest)[ADMISSION];
}
