import { isAPIError } from "better-auth/api";

type RouteSession = { user: { id: string }; session: Record<string, unknown> };

/**
 * An app route as Better Auth's docs write it: ask Better Auth for the session, answer 401 without one.
 * Like a careful app, it turns an APIError from getSession (a rate-limited key: 429) into its
 * status instead of a 500. Tests call it to prove a credential works where apps use it.
 */
export function createProtectedRoute(auth: {
  api: { getSession: (input: { headers: Headers }) => Promise<unknown> };
}) {
  return async function protectedRoute(
    headers: HeadersInit,
  ): Promise<{ status: number; session: RouteSession | null; headers: Headers }> {
    try {
      const session = (await auth.api.getSession({ headers: new Headers(headers) })) as RouteSession | null;
      return { status: session ? 200 : 401, session, headers: new Headers() };
    } catch (error) {
      if (!isAPIError(error)) throw error;
      return { status: error.statusCode, session: null, headers: new Headers(error.headers) };
    }
  };
}
