import { useCredentials, type CredentialsState, type ListQuery } from "./use-credentials";

/**
 * The signed-in user's personal tokens: the list, loading and error state, `create` and `revoke`
 * (and `update` / `roll` where the server has them), each of which refreshes the list.
 *
 * @example
 * const { data, create } = usePersonalTokens();
 */
export function usePersonalTokens(query: ListQuery = {}): CredentialsState {
  return useCredentials("personalToken", undefined, query);
}
