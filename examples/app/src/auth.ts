import { apiKey, bearer } from "@better-auth-tokens/server";
import { createClient } from "@libsql/client";
import { LibsqlDialect } from "@libsql/kysely-libsql";
import { betterAuth } from "better-auth";
import { getMigrations } from "better-auth/db/migration";

/**
 * The app's Better Auth: email and password, API keys (read by default, read+write on request)
 * and personal tokens, on an embedded SQLite database that is migrated on start.
 */
export async function createAuth(options: { databaseUrl: string; baseURL: string }) {
  const auth = betterAuth({
    baseURL: options.baseURL,
    // A demo secret so `pnpm dev` works from a clean clone; a real app reads BETTER_AUTH_SECRET.
    secret: process.env.BETTER_AUTH_SECRET ?? "example-app-demo-secret-change-me-0123456789",
    database: { dialect: new LibsqlDialect({ client: createClient({ url: options.databaseUrl }) }), type: "sqlite" },
    emailAndPassword: { enabled: true },
    telemetry: { enabled: false },
    plugins: [
      apiKey({ defaultPermissions: ["read"], allowedPermissions: ["read", "write"], maxKeysPerUser: 10 }),
      bearer({ maxTokensPerUser: 10 }),
    ],
  });
  const { runMigrations } = await getMigrations(auth.options);
  await runMigrations();
  return auth;
}

export type AppAuth = Awaited<ReturnType<typeof createAuth>>;
