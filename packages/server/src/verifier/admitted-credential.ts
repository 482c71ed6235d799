import type { CredentialKind } from "../core/credential-runtime";
import type { AnyVerifiedCredential, OrganizationVerifiedCredential, VerifiedCredential } from "./create-verifier";

/** Where an admitted credential's prototype names its kind: not an own property, so no spread, JSON or equality sees it. */
const ADMITTED_BY = Symbol("better-auth-tokens: admitted by kind");

type Credential = AnyVerifiedCredential;
/** Every key of either kind of credential (`keyof` a union would be the shared ones only). */
type Field = keyof VerifiedCredential | keyof OrganizationVerifiedCredential;

/** Makes the credential a route is handed, for one kind. */
export type AdmittedCredential = new (
  key: Credential["key"],
  permissions: Credential["permissions"],
  authMethod: Credential["authMethod"],
  owner: Credential["owner"],
  user: Credential["user"],
  headers: Credential["headers"],
) => Credential;

const constructors = new WeakMap<CredentialKind, AdmittedCredential>();

/**
 * The credentials a kind hands to routes inherit a prototype that names the kind. A guard that
 * finds one already on the request (`app.use(requireCredential(…))` on the prefix and a guard on
 * the route) checks its requirement against it instead of verifying the request again, which
 * would count the request twice against the credential's rate limit and quota.
 *
 * A constructor function, not a class or a literal with `__proto__`: V8 builds its objects as
 * fast as a plain literal, and their `constructor` is still `Object`, so they compare, print and
 * serialise as the plain objects they were before.
 */
export function admittedCredential(kind: CredentialKind): AdmittedCredential {
  let admitted = constructors.get(kind);
  if (!admitted) {
    // Every field of either kind of credential: stacked-guards.test.ts fails if one is left out.
    function Admitted(
      this: Record<Field, unknown>,
      key: Credential["key"],
      permissions: Credential["permissions"],
      authMethod: Credential["authMethod"],
      owner: Credential["owner"],
      user: Credential["user"],
      headers: Credential["headers"],
    ) {
      this.key = key;
      this.permissions = permissions;
      this.authMethod = authMethod;
      this.owner = owner;
      this.user = user;
      this.headers = headers;
    }
    Admitted.prototype = Object.freeze({ [ADMITTED_BY]: kind });
    admitted = Admitted as unknown as AdmittedCredential;
    constructors.set(kind, admitted);
  }
  return admitted;
}

/** The kind that admitted `value` on this request, or undefined for anything else (not ours, a copy, nothing). */
export function admittingKind(value: unknown): CredentialKind | undefined {
  if (typeof value !== "object" || value === null) return undefined;
  return (value as { [ADMITTED_BY]?: CredentialKind })[ADMITTED_BY];
}
