import { useMemo, useRef, useSyncExternalStore } from "react";
import type { TokensAuthClient } from "./types";

/** The part of a nanostores atom we read: Better Auth's `$store.atoms.session` is one. */
interface SessionAtom {
  get(): { data?: { user?: { id?: string } | null } | null; isPending?: boolean; error?: { status?: number } | null } | null | undefined;
  listen(listener: () => void): () => void;
}

const noStore = () => () => undefined;
const unknown = () => undefined;

function sessionAtom(client: TokensAuthClient): SessionAtom | undefined {
  const atom = (client as { $store?: { atoms?: Record<string, unknown> } }).$store?.atoms?.session as Partial<SessionAtom> | undefined;
  return typeof atom?.get === "function" && typeof atom.listen === "function" ? (atom as SessionAtom) : undefined;
}

/**
 * A number that changes whenever Better Auth's client says another user (or nobody) is signed
 * in: sign-out, sign-in as someone else, a session ended in another tab. Read from the client's
 * session atom (`$store.atoms.session`, what `useSession` reads), so the lists follow the session
 * without the app passing the user in. Listening mounts the atom, which fetches the session once.
 * The first answer is not a change: the lists already read as whoever the cookie is.
 */
export function useSessionGeneration(client: TokensAuthClient): number {
  const [subscribe, read] = useMemo(() => {
    const atom = sessionAtom(client);
    return atom ? [(listener: () => void) => atom.listen(listener), () => userOf(atom)] : [noStore, unknown];
  }, [client]);
  const user = useSyncExternalStore(subscribe, read, read);
  const seen = useRef<{ user: string | null | undefined; generation: number }>({ user: undefined, generation: 0 });
  // Idempotent within a render, so a repeated render (StrictMode, concurrent) counts a change once.
  if (user !== undefined && user !== seen.current.user) {
    seen.current = { user, generation: seen.current.generation + (seen.current.user === undefined ? 0 : 1) };
  }
  return seen.current.generation;
}

/**
 * The signed-in user's id, `null` when signed out, `undefined` while it is not known: the first
 * answer is pending, or a read failed other than with 401. Better Auth keeps the last user then,
 * but a first read that failed has none: taken for "signed out", the next good read would count
 * as a change of user and close a new key's show-once dialog.
 */
function userOf(atom: SessionAtom): string | null | undefined {
  const value = atom.get();
  if (!value || (value.isPending && !value.data)) return undefined;
  if (value.error && value.error.status !== 401 && !value.data) return undefined;
  return value.data?.user?.id ?? null;
}
