import { ADMIT_NOW, type AdmissionFor, type AdmitResult, type Verifier, type VerifiedCredential, type VerifiedFor } from "./create-verifier";
import { guardedRequestSource } from "./guarded-request";
import type { CredentialRequirement } from "./requirement";

/** The slice of Hono's context the Hono helpers use: no dependency on Hono itself. */
export interface HonoContextLike<V = VerifiedCredential> {
  req: { raw: Request };
  /** On `@hono/node-server`, its bindings: `incoming` is Node's request. */
  env?: unknown;
  set(key: "credential", value: V): void;
  header(name: string, value: string): void;
  json(body: unknown, status: number, headers: Record<string, string>): Response;
  /** Whether the route has answered (`c.res` set), and its answer. */
  finalized?: boolean;
  res?: Response;
}

/**
 * Verifies the request for a requirement, or, when a guard of the same instance already admitted
 * it (`app.use` on the prefix and a guard on the route), checks the requirement against that credential.
 */
export function admitRequest<R extends CredentialRequirement>(
  verifier: Verifier,
  c: HonoContextLike<VerifiedFor<R>>,
  requirement: R,
): AdmitResult<R> | Promise<AdmitResult<R>> {
  return verifier[ADMIT_NOW](guardedRequestSource(c), requirement, c);
}

/**
 * Lets a verified request in: `c.get("credential")` holds the credential, and the RateLimit
 * fields, when a limit applies, are set before the route runs, which may override them.
 */
export function admitCredential<R extends CredentialRequirement>(c: HonoContextLike<VerifiedFor<R>>, { credential }: AdmissionFor<R>): VerifiedFor<R> {
  c.set("credential", credential);
  const { headers } = credential;
  for (const name in headers) c.header(name, headers[name]!);
  return credential;
}
