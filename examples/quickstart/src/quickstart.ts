import { apiKey } from "@better-auth-tokens/server";
import { createClient } from "@libsql/client";
import { LibsqlDialect } from "@libsql/kysely-libsql";
import { betterAuth } from "better-auth";
import { getMigrations } from "better-auth/db/migration";

const BASE_URL = "http://localhost:3000";

/**
 * The whole story in one function: an embedded SQLite database (libSQL, no server), Better
 * Auth with `apiKey()`, a user, a key, and an app route that accepts the key.
 */
export async function runQuickstart(databaseUrl: string, log: (line: string) => void) {
  const auth = betterAuth({
    baseURL: BASE_URL,
    // A demo secret; a real app reads BETTER_AUTH_SECRET from its environment.
    secret: "quickstart-demo-secret-change-me-0123456789",
    database: { dialect: new LibsqlDialect({ client: createClient({ url: databaseUrl }) }), type: "sqlite" },
    emailAndPassword: { enabled: true },
    telemetry: { enabled: false },
    logger: { disabled: true },
    plugins: [apiKey({ prefix: "demo_", defaultPermissions: ["read"] })],
  });

  const { toBeCreated, runMigrations } = await getMigrations(auth.options);
  await runMigrations();
  log(`1. migrated the embedded database: created ${toBeCreated.map((t) => t.table).join(", ") || "nothing (up to date)"}`);

  const call = (path: string, init: RequestInit = {}) =>
    auth.handler(
      new Request(`${BASE_URL}/api/auth${path}`, {
        ...init,
        headers: { "content-type": "application/json", origin: BASE_URL, ...init.headers },
      }),
    );

  const email = `ada+${Date.now()}@example.com`;
  const signUp = await call("/sign-up/email", {
    method: "POST",
    body: JSON.stringify({ email, password: "correct-horse-battery", name: "Ada" }),
  });
  const cookie = signUp.headers.getSetCookie().map((c) => c.split(";")[0]).join("; ");
  log(`2. signed up ${email}: HTTP ${signUp.status}`);

  const created = await call("/api-key/create", {
    method: "POST",
    headers: { cookie },
    body: JSON.stringify({ name: "quickstart", expiresIn: 3600 }),
  });
  const key = (await created.json()) as { id: string; key: string; start: string };
  log(`3. created API key "${key.start}…" (id ${key.id}): HTTP ${created.status}; the full key is shown once, here only`);

  // An app route as any Better Auth app writes it: no session, no entry.
  const protectedRoute = async (request: Request) => {
    const session = await auth.api.getSession({ headers: request.headers });
    if (!session) return Response.json({ error: "Unauthorized" }, { status: 401 });
    return Response.json({ hello: session.user.name });
  };
  const withKey = (value: string) => new Request(`${BASE_URL}/api/me`, { headers: { "x-api-key": value } });

  const ok = await protectedRoute(withKey(key.key));
  log(`4. GET /api/me with X-API-Key: HTTP ${ok.status} ${JSON.stringify(await ok.json())}`);

  // One character changed; never "x" for "x", which would be the same key (1 key in 62).
  const mistyped = `${key.key.slice(0, -1)}${key.key.endsWith("x") ? "y" : "x"}`;
  const wrong = await protectedRoute(withKey(mistyped));
  log(`5. GET /api/me with a mistyped key: HTTP ${wrong.status} (refused by checksum, no database read)`);

  const revoked = await call("/api-key/revoke", { method: "POST", headers: { cookie }, body: JSON.stringify({ id: key.id }) });
  const afterRevoke = await protectedRoute(withKey(key.key));
  log(`6. revoked the key (HTTP ${revoked.status}); GET /api/me with it again: HTTP ${afterRevoke.status}`);

  return { signUp: signUp.status, created: created.status, ok: ok.status, wrong: wrong.status, afterRevoke: afterRevoke.status };
}
