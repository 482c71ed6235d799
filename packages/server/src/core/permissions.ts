import type { Statements } from "./credential-table";

/**
 * Permissions as callers write them: plain scopes (`["read", "write"]`) or Better Auth
 * statements (`{ project: ["read"] }`). Scopes are stored as the statement `{ scopes: [...] }`,
 * so one check serves both and upstream's `role().authorize` reads the same JSON.
 */
export type PermissionsInput = string[] | Statements;

/** The statement resource that plain scopes live under. */
export const SCOPES_RESOURCE = "scopes";

export function toStatements(input: PermissionsInput | undefined | null): Statements {
  if (!input) return {};
  if (Array.isArray(input)) return input.length ? { [SCOPES_RESOURCE]: dedupe(input) } : {};
  const out: Statements = {};
  for (const [resource, actions] of Object.entries(input)) {
    if (actions.length) out[resource] = dedupe(actions);
  }
  return out;
}

/** True when every action in `requested` is also in `allowed`. */
export function isSubset(requested: Statements, allowed: Statements): boolean {
  for (const [resource, actions] of Object.entries(requested)) {
    const granted = allowed[resource];
    if (!granted) return false;
    for (const action of actions) if (!granted.includes(action)) return false;
  }
  return true;
}

function dedupe(values: string[]): string[] {
  return [...new Set(values)];
}
