import { useCredentials, type CredentialsState, type ListQuery } from "./use-credentials";

export interface UseApiKeysOptions extends ListQuery {
  /** Manage this organization's keys instead of the signed-in user's. */
  organizationId?: string;
}

/**
 * The signed-in user's API keys, or an organization's with `organizationId`: the list, its
 * loading and error state, and `create` / `update` / `revoke` (and `roll` where the server has
 * it), each of which refreshes the list.
 *
 * @example
 * const { data, isLoading, error, create, revoke } = useApiKeys();
 */
export function useApiKeys(options: UseApiKeysOptions = {}): CredentialsState {
  const { organizationId, ...query } = options;
  return useCredentials(organizationId ? "organizationKey" : "apiKey", organizationId, query);
}
