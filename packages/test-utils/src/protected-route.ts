/**
 * An app route as the seeds write it: ask Better Auth for the session, answer 401 without one.
 * Tests call it to prove a credential works where apps actually use it.
 */
export function createProtectedRoute(auth: {
  api: { getSession: (input: { headers: Headers }) => Promise<unknown> };
}) {
  return async function protectedRoute(headers: HeadersInit) {
    const session = (await auth.api.getSession({ headers: new Headers(headers) })) as {
      user: { id: string };
      session: Record<string, unknown>;
    } | null;
    if (!session) return { status: 401 as const, session: null };
    return { status: 200 as const, session };
  };
}
