/**
 * The admin impersonating the session's user (`admin()`'s `impersonatedBy`), or null for the
 * user's own session. Read from the session row (`readSessionRow`): Better Auth's cookie cache
 * leaves out a `returned: false` `impersonatedBy`.
 */
export function impersonatorOf(session: object): string | null {
  const { impersonatedBy } = session as { impersonatedBy?: unknown };
  return typeof impersonatedBy === "string" && impersonatedBy !== "" ? impersonatedBy : null;
}
