import { inspect } from "node:util";
import type { MemoryDB } from "@better-auth/memory-adapter";
import { betterAuth, type BetterAuthOptions, type BetterAuthPlugin } from "better-auth";
import { createAuthClient } from "better-auth/client";
import { testSecondaryStorage } from "./secondary-storage";
import { observeResponse, recordSaid, registerSecret } from "./secret-sink";
import { openTestStorage, testAdapterName, type TestAdapterName, type TestStorage } from "./storage";
import type { BetterAuthClientPlugin } from "better-auth/client";
import { countAdapterCalls, type AdapterCallLog, type AdapterFaults } from "./count-adapter-calls";

export { createProtectedRoute } from "./protected-route";
export { leakedSecrets, recordSaid, registerCredential, registerSecret } from "./secret-sink";
export { findSecret, findSecretAtRest } from "./secrets";
export { postgresPool, testAdapterName, type TestAdapterName, type TestStorage } from "./storage";
export {
  createMemorySecondaryStorage,
  observeSecondaryStorage,
  redisSecondaryStorage,
  sharedSecondaryStorage,
  type RedisSecondaryStorage,
  type SecondaryStorageOperation,
} from "./secondary-storage";
export {
  countAdapterCalls,
  summarizeAdapterCalls,
  type AdapterCallLog,
  type AdapterFaults,
  type AdapterInterceptor,
} from "./count-adapter-calls";

export const TEST_BASE_URL = "http://localhost:3000";
/** A fixed, obviously fake secret: tests must never depend on a real one. */
export const TEST_SECRET = "test-secret-not-for-production-0123456789abcdef";

/** Who a test client speaks as: nobody, a signed-up user (cookie), or a raw credential. */
export type ClientCredential =
  | undefined
  | SignedUpUser
  | { bearer: string }
  | { apiKey: string }
  | { headers: HeadersInit };

export interface SignedUpUser {
  user: { id: string; email: string; name: string };
  /** The session token Better Auth issued at sign-up. */
  sessionToken: string;
  /** Headers that carry the session cookie, for `auth.api.*({ headers })`. */
  headers: Headers;
}

export interface TestAuthConfig<P extends BetterAuthPlugin[], C extends BetterAuthClientPlugin[]> {
  plugins?: P;
  clientPlugins?: C;
  /** Extra Better Auth options, merged over the harness defaults. */
  options?: Omit<BetterAuthOptions, "plugins" | "database">;
  /** Share another instance's database (e.g. upstream's plugin on the same rows, or a second server). */
  shareStorageWith?: { storage: TestStorage };
  /** The adapter to run on; defaults to TEST_ADAPTER (memory when unset). */
  adapter?: TestAdapterName;
}

/**
 * A real `betterAuth()` on the in-memory adapter with email+password, plus a real
 * `createAuthClient` whose `fetch` calls `auth.handler` in-process (no port).
 *
 * @example
 * const t = createTestAuth({ plugins: [apiKey()], clientPlugins: [apiKeyClient()] });
 * const alice = await t.signUp();
 * const { data } = await t.client(alice).apiKey.create({ name: "ci" });
 */
export function createTestAuth<
  const P extends BetterAuthPlugin[] = [],
  const C extends BetterAuthClientPlugin[] = [],
>(config: TestAuthConfig<P, C> = {}) {
  const storage = config.shareStorageWith?.storage ?? openTestStorage(config.adapter ?? testAdapterName());
  const db: MemoryDB | undefined = storage.memory;
  const adapterCalls: AdapterCallLog = [];
  const faults: AdapterFaults = { intercept: undefined };
  // Every log line is kept, so suites can assert that no secret was ever logged.
  const logs: string[] = [];
  const options = {
    baseURL: TEST_BASE_URL,
    secret: TEST_SECRET,
    // Scrypt at Better Auth's cost takes tens of milliseconds per sign-up on a loaded 2-core
    // machine, and the suites sign up thousands of users. Passwords are not what we test, so the
    // harness uses Better Auth's documented hook with a fast hash; a suite may pass its own.
    emailAndPassword: { enabled: true, password: fastTestPasswordHash },
    logger: {
      // "info", not "debug": at debug Better Auth also prints every 4xx to the console itself.
      level: "info" as const,
      log: (level: string, message: string, ...args: unknown[]) => {
        const line = `[${level}] ${message} ${args.map(stringifyLogArgument).join(" ")}`;
        logs.push(line);
        recordSaid("auth log", line);
      },
    },
    telemetry: { enabled: false },
    secondaryStorage: testSecondaryStorage(),
    ...config.options,
    database: countAdapterCalls(storage.factory, adapterCalls, faults),
    plugins: (config.plugins ?? []) as P,
  };
  const auth = betterAuth(options);

  registerSecret(TEST_SECRET);
  // Every response passes the secret sink: what it hands out is registered, what errors say is kept.
  const jitterMs = handlerJitterMs();
  const handler = async (request: Request) => {
    if (jitterMs > 0) await new Promise((resolve) => setTimeout(resolve, Math.random() * jitterMs));
    const response = await auth.handler(request);
    await observeResponse(response);
    return response;
  };

  const fetchThroughHandler = (input: RequestInfo | URL, init?: RequestInit) =>
    handler(new Request(input, init));

  function client(credential?: ClientCredential) {
    const headers = new Headers(credentialHeaders(credential));
    // Better Auth's CSRF check wants a trusted Origin on cookie-carrying POSTs, as a browser sends.
    headers.set("origin", TEST_BASE_URL);
    return createAuthClient({
      baseURL: TEST_BASE_URL,
      plugins: (config.clientPlugins ?? []) as C,
      fetchOptions: {
        customFetchImpl: fetchThroughHandler,
        headers,
      },
    });
  }

  let userCount = 0;
  async function signUp(input: { email?: string; name?: string; password?: string } = {}) {
    userCount += 1;
    const email = input.email ?? `user${userCount}@example.com`;
    const response = await request("/sign-up/email", {
      method: "POST",
      body: JSON.stringify({
        email,
        name: input.name ?? `User ${userCount}`,
        password: input.password ?? "correct-horse-battery",
      }),
    });
    if (!response.ok) {
      // A 500's body is empty: what Better Auth logged says why.
      const logged = response.status >= 500 ? `; logged: ${logs.slice(-3).join(" | ")}` : "";
      throw new Error(`sign-up failed with ${response.status}: ${await response.text()}${logged}`);
    }
    const body = (await response.json()) as { token: string; user: SignedUpUser["user"] };
    const cookie = response.headers
      .getSetCookie()
      .map((line) => line.split(";")[0])
      .join("; ");
    const signedUp: SignedUpUser = {
      user: { id: body.user.id, email: body.user.email, name: body.user.name },
      sessionToken: body.token,
      headers: new Headers({ cookie }),
    };
    return signedUp;
  }

  /** Sends a request straight to the handler: for status codes, headers and raw bodies. */
  function request(path: string, init: RequestInit & { credential?: ClientCredential } = {}) {
    const { credential, ...rest } = init;
    const headers = new Headers(credentialHeaders(credential));
    new Headers(rest.headers).forEach((value, name) => headers.set(name, value));
    if (!headers.has("origin")) headers.set("origin", TEST_BASE_URL);
    if (rest.body !== undefined && !headers.has("content-type")) {
      headers.set("content-type", "application/json");
    }
    return handler(new Request(new URL(`/api/auth${path}`, TEST_BASE_URL), { ...rest, headers }));
  }

  /** Every row of one table, as stored (all adapters). */
  async function rows(model: string) {
    return (await storage.readAllRows())[model] ?? [];
  }

  return {
    auth,
    storage,
    /** The raw memory database, when running on the memory adapter. */
    db,
    adapterCalls,
    faults,
    logs,
    handler,
    client,
    signUp,
    request,
    rows,
    readAllRows: () => storage.readAllRows(),
  };
}

/** A salted SHA-256, for tests only: cheap, but still a real check of the password. */
const fastTestPasswordHash = {
  async hash(password: string) {
    const salt = crypto.randomUUID();
    return `${salt}:${await sha256Hex(`${salt}:${password}`)}`;
  },
  async verify({ hash, password }: { hash: string; password: string }) {
    const [salt = "", digest] = hash.split(":");
    return digest === (await sha256Hex(`${salt}:${password}`));
  },
};

async function sha256Hex(text: string) {
  const digest = await crypto.subtle.digest("SHA-256", new TextEncoder().encode(text));
  return Buffer.from(digest).toString("hex");
}

function stringifyLogArgument(value: unknown): string {
  // As a console prints it: with the error's own fields, where drivers put the query and its values.
  if (value instanceof Error) return inspect(value, { depth: 4 });
  try {
    return typeof value === "string" ? value : JSON.stringify(value);
  } catch {
    return String(value);
  }
}

function credentialHeaders(credential: ClientCredential): HeadersInit {
  if (credential === undefined) return {};
  if ("user" in credential) return credential.headers;
  if ("bearer" in credential) return { authorization: `Bearer ${credential.bearer}` };
  if ("apiKey" in credential) return { "x-api-key": credential.apiKey };
  return credential.headers;
}

/**
 * `TEST_HANDLER_JITTER_MS`: each in-process request waits a random time up to this before the
 * handler sees it. A loaded CI machine answers requests out of their usual order; this makes a
 * quiet one do so too, so a test that assumes an order fails here, not at random in CI.
 * @default 0
 */
function handlerJitterMs(): number {
  const value = Number(process.env.TEST_HANDLER_JITTER_MS ?? 0);
  return Number.isFinite(value) && value > 0 ? value : 0;
}
