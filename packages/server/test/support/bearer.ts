import { createProtectedRoute, createTestAuth, type SignedUpUser } from "@better-auth-tokens/test-utils";
import { bearer, type BearerOptions } from "../../src/bearer/index";

/** What /bearer/create-token answers, as the client hands it over: Better Auth's client parses ISO dates into Dates. */
export interface CreatedToken {
  id: string;
  token: string;
  name: string;
  createdAt: Date;
  expiresAt: Date | null;
  allowedIps: string[] | null;
  remaining: number | null;
  refillAmount: number | null;
  refillInterval: number | null;
  lastRefillAt: Date | null;
}

/** One row of /bearer/list-tokens, as the client hands it over (dates parsed, never the token). */
export interface ListedToken {
  id: string;
  name: string;
  enabled: boolean;
  allowedIps: string[] | null;
  createdAt: Date;
  lastUsedAt: Date | null;
  lastUsedIp: string | null;
  lastUsedUserAgent: string | null;
  expiresAt: Date | null;
  remaining: number | null;
  refillAmount: number | null;
  refillInterval: number | null;
  lastRefillAt: Date | null;
}

// Only the client is needed, so any harness without client plugins can mint, whatever its server plugins.
type TestClient = ReturnType<ReturnType<typeof createTestAuth<[], []>>["client"]>;

/** Creates a personal token as `user` over HTTP, or throws with the status and code of the refusal. */
export async function createToken(
  t: { client: (user: SignedUpUser) => TestClient },
  user: SignedUpUser,
  body: Record<string, unknown> = { name: "test token" },
): Promise<CreatedToken> {
  const { data, error } = await t.client(user).$fetch<CreatedToken>("/bearer/create-token", { method: "POST", body });
  if (error || !data) {
    // Better Auth sends a code beside the message; better-fetch's error type just does not declare it.
    const { code } = (error ?? {}) as { code?: string };
    throw new Error(`create-token failed: ${error?.status} ${code ?? error?.message}`);
  }
  return data;
}

/** Harness settings beside the plugin; no client plugins, so the client stays the one createToken expects. */
type ExtraConfig = Omit<NonNullable<Parameters<typeof createTestAuth>[0]>, "plugins" | "clientPlugins">;

/** An instance with `bearer(options)`, an app route that calls getSession, and small helpers. */
export function setupBearer(options: BearerOptions = {}, extra: ExtraConfig = {}) {
  // Background writes (lastUsedAt) are collected so a test can wait for them instead of sleeping.
  const background: Promise<unknown>[] = [];
  const t = createTestAuth({
    ...extra,
    plugins: [bearer(options)],
    options: {
      ...extra.options,
      advanced: { ...extra.options?.advanced, backgroundTasks: { handler: (task) => void background.push(task) } },
    },
  });
  return {
    ...t,
    protectedRoute: createProtectedRoute(t.auth),
    /** Waits for every background task started so far. */
    settle: () => Promise.all(background.splice(0)),
    createToken: (user: SignedUpUser, body?: Record<string, unknown>) => createToken(t, user, body),
  };
}
