import type { Statements } from "./credential-table";

/**
 * Permissions as callers write them: plain scopes (`["read", "write"]`) or Better Auth
 * statements (`{ project: ["read"] }`). Scopes are stored as the statement `{ scopes: [...] }`,
 * so one check serves both and upstream's `role().authorize` reads the same JSON.
 *
 * Read-only arrays are taken too, so a requirement or default written `as const` type-checks.
 *
 * Resource names are data, not code: `constructor` or `__proto__` is a name like any other, so
 * every lookup is an own-property check and every resource is defined as an own property.
 */
export type PermissionsInput = readonly string[] | { readonly [resource: string]: readonly string[] };

/** The statement resource that plain scopes live under. */
export const SCOPES_RESOURCE = "scopes";

/**
 * Adds a resource as an own property. Plain assignment of `__proto__` would set the object's
 * prototype instead, losing the resource; a plain object (not a null-prototype one) keeps the
 * value ordinary for the apps that receive it.
 */
export function defineResource(statements: Statements, resource: string, actions: string[]) {
  Object.defineProperty(statements, resource, { value: actions, enumerable: true, writable: true, configurable: true });
}

export function toStatements(input: PermissionsInput | undefined | null): Statements {
  const out: Statements = {};
  if (!input) return out;
  if (isScopeList(input)) {
    if (input.length) defineResource(out, SCOPES_RESOURCE, dedupe(input));
    return out;
  }
  for (const resource of Object.keys(input)) {
    const actions = input[resource];
    if (Array.isArray(actions) && actions.length) defineResource(out, resource, dedupe(actions));
  }
  return out;
}

/** True when every action in `requested` is also in `allowed`. */
export function isSubset(requested: Statements, allowed: Statements): boolean {
  for (const resource of Object.keys(requested)) {
    const granted = Object.hasOwn(allowed, resource) ? allowed[resource] : undefined;
    if (!Array.isArray(granted)) return false;
    for (const action of requested[resource]!) if (!granted.includes(action)) return false;
  }
  return true;
}

/** `Array.isArray` narrows to a mutable array, which a read-only list is not. */
function isScopeList(input: PermissionsInput): input is readonly string[] {
  return Array.isArray(input);
}

function dedupe(values: readonly string[]): string[] {
  return [...new Set(values)];
}
