import { useCallback, useEffect, useRef, useState } from "react";
import { thrownError } from "./client-error";
import { useTokensContext } from "./context";
import { serverHasEndpoint } from "./feature-probe";
import type { ClientError, ClientResult, CreateInput, CreatedCredential, CredentialItem, CredentialKind, TokensAuthClient } from "./types";

/** What `useApiKeys` and `usePersonalTokens` return. */
export interface CredentialsState {
  /** The credentials, newest first; `null` until the first answer. */
  data: CredentialItem[] | null;
  /** How many there are in all, when the server pages its list. */
  total: number | null;
  isLoading: boolean;
  /** The last list error; actions return their own. */
  error: ClientError | null;
  /** Creates one and refreshes the list. The result holds the secret: show it once, then drop it. */
  create(input: CreateInput): Promise<{ data: CreatedCredential | null; error: ClientError | null }>;
  /** Changes `enabled` or `name`, and refreshes the list. */
  update(id: string, patch: { enabled?: boolean; name?: string }): Promise<ClientError | null>;
  revoke(id: string): Promise<ClientError | null>;
  /**
   * Replaces the secret, keeping the old one working for `gracePeriod` seconds; `null` on servers
   * without rolling (detected at runtime).
   */
  roll: ((id: string, gracePeriod: number) => Promise<{ data: CreatedCredential | null; error: ClientError | null }>) | null;
  /** Reads the list again. */
  refresh(): Promise<void>;
}

/** Which page of the list to read (the server's `limit`, `offset`, `sortBy`, `sortDirection`). */
export interface ListQuery {
  /** At most this many (1 to 100: the server refuses a larger page), newest first unless sorted otherwise. @default every credential */
  limit?: number;
  /** Skip this many. @default 0 */
  offset?: number;
  /** @default "createdAt" */
  sortBy?: "createdAt" | "name" | "expiresAt" | "lastUsedAt";
  /** @default "desc" */
  sortDirection?: "asc" | "desc";
}

interface Endpoints {
  list(): Promise<ClientResult>;
  create(input: CreateInput): Promise<ClientResult<Record<string, unknown>>>;
  update(id: string, patch: { enabled?: boolean; name?: string }): Promise<ClientResult>;
  revoke(id: string): Promise<ClientResult>;
  roll(id: string, gracePeriod: number): Promise<ClientResult<Record<string, unknown>>>;
  rollPath: string;
}

// Every call asks for `{ data, error }` whatever the app's client sets: with `throw: true` a
// create would still make the key server-side, but its secret would never reach the dialog.
const NO_THROW = { throw: false } as const;

const missing = (plugin: string) => {
  throw new Error(`@better-auth-tokens/react: the auth client has no ${plugin}; add it to createAuthClient's plugins`);
};

function endpointsFor(client: TokensAuthClient, kind: CredentialKind, organizationId: string | undefined, query: ListQuery): Endpoints {
  if (kind === "personalToken") {
    const bearer = client.bearer ?? missing("bearerClient()");
    const extra = bearer as unknown as Record<string, (body: unknown, options: typeof NO_THROW) => Promise<ClientResult>>;
    return {
      list: () => bearer.listTokens({ query }, NO_THROW),
      create: ({ name, expiresIn }) => bearer.createToken(expiresIn === undefined ? { name } : { name, expiresIn }, NO_THROW),
      update: (id, patch) => extra.updateToken!({ id, ...patch }, NO_THROW),
      revoke: (id) => bearer.revokeToken({ id }, NO_THROW),
      roll: (id, gracePeriod) => extra.rollToken!({ id, gracePeriod }, NO_THROW) as Promise<ClientResult<Record<string, unknown>>>,
      rollPath: "/bearer/roll-token",
    };
  }
  const apiKey = client.apiKey ?? missing("apiKeyClient()");
  const extra = apiKey as unknown as Record<string, (body: unknown, options: typeof NO_THROW) => Promise<ClientResult>>;
  const owner = kind === "organizationKey" && organizationId ? { organizationId } : {};
  return {
    list: () => apiKey.list({ query: { ...query, ...owner } }, NO_THROW),
    create: ({ name, expiresIn, permissions }) =>
      apiKey.create({ ...owner, name, ...(expiresIn === undefined ? {} : { expiresIn }), ...(permissions ? { permissions } : {}) }, NO_THROW),
    update: (id, patch) => apiKey.update({ id, ...patch }, NO_THROW),
    revoke: (id) => apiKey.revoke({ id }, NO_THROW),
    roll: (id, gracePeriod) => extra.roll!({ id, gracePeriod }, NO_THROW) as Promise<ClientResult<Record<string, unknown>>>,
    rollPath: "/api-key/roll",
  };
}

/** Reads a list answer of either shape: a plain array, or a page `{ apiKeys | tokens, total }`. */
function readList(data: unknown): { items: CredentialItem[]; total: number | null } {
  if (Array.isArray(data)) return { items: data as CredentialItem[], total: data.length };
  const page = (data ?? {}) as { apiKeys?: CredentialItem[]; tokens?: CredentialItem[]; total?: number };
  const items = page.apiKeys ?? page.tokens ?? [];
  return { items, total: typeof page.total === "number" ? page.total : items.length };
}

function created(data: Record<string, unknown> | null): CreatedCredential | null {
  if (!data) return null;
  const secret = (data.key ?? data.token) as string | undefined;
  return secret ? { id: String(data.id), name: String(data.name ?? ""), secret } : null;
}

interface ListState {
  /** Whose list this is: the kind, owner, query and session it was read for. */
  key: string;
  client: TokensAuthClient;
  data: CredentialItem[] | null;
  total: number | null;
  isLoading: boolean;
  error: ClientError | null;
}

/** The shared engine of the list hooks: one credential kind, loaded on mount and after each change. */
export function useCredentials(kind: CredentialKind, organizationId?: string, query: ListQuery = {}): CredentialsState {
  const { authClient, session } = useTokensContext();
  const endpoints = endpointsFor(authClient, kind, organizationId, query);
  const key = JSON.stringify([kind, organizationId ?? null, query, session]);
  const endpointsRef = useRef(endpoints);
  endpointsRef.current = endpoints;
  const current = useRef({ key, client: authClient });
  current.current = { key, client: authClient };
  const [state, setState] = useState<ListState | null>(null);
  const [canRoll, setCanRoll] = useState(false);
  // A slower, older answer must not overwrite a newer one.
  const generation = useRef(0);

  const refresh = useCallback(async () => {
    const mine = ++generation.current;
    const { key: forKey, client } = current.current;
    const fresh = (previous: ListState | null): previous is ListState => previous?.key === forKey && previous.client === client;
    setState((previous) => (fresh(previous) ? { ...previous, isLoading: true } : { key: forKey, client, data: null, total: null, isLoading: true, error: null }));
    const { data, error } = await endpointsRef.current.list().catch((thrown: unknown) => ({ data: null, error: thrownError(thrown) }));
    if (mine !== generation.current) return;
    // A failed re-read keeps this list's rows; never another organization's or user's.
    if (error) return setState((previous) => (fresh(previous) ? { ...previous, isLoading: false, error } : { key: forKey, client, data: null, total: null, isLoading: false, error }));
    const { items, total } = readList(data);
    setState({ key: forKey, client, data: items, total, isLoading: false, error: null });
  }, []);

  useEffect(() => {
    void refresh();
  }, [refresh, authClient, key]);

  useEffect(() => {
    let live = true;
    void serverHasEndpoint(authClient, endpointsRef.current.rollPath).then((has) => live && setCanRoll(has));
    return () => {
      live = false;
    };
  }, [authClient, kind]);

  const act = useCallback(
    async <T,>(call: () => Promise<ClientResult<T>>) => {
      const result = await call().catch((thrown: unknown) => ({ data: null, error: thrownError(thrown) }));
      await refresh();
      return result;
    },
    [refresh],
  );

  // Rows read for another key are dropped in this very render, before the new list arrives.
  const shown = state && state.key === key && state.client === authClient ? state : null;
  return {
    data: shown?.data ?? null,
    total: shown?.total ?? null,
    isLoading: shown?.isLoading ?? true,
    error: shown?.error ?? null,
    refresh,
    create: async (input) => {
      const { data, error } = await act(() => endpointsRef.current.create(input));
      return { data: error ? null : created(data), error };
    },
    update: async (id, patch) => (await act(() => endpointsRef.current.update(id, patch))).error,
    revoke: async (id) => (await act(() => endpointsRef.current.revoke(id))).error,
    roll: canRoll
      ? async (id, gracePeriod) => {
          const { data, error } = await act(() => endpointsRef.current.roll(id, gracePeriod));
          return { data: error ? null : created(data), error };
        }
      : null,
  };
}
