import { apiKey, bearer } from "@better-auth-tokens/server";
import { createClient } from "@libsql/client";
import { LibsqlDialect } from "@libsql/kysely-libsql";
import { betterAuth } from "better-auth";
import { getMigrations } from "better-auth/db/migration";
import { organization } from "better-auth/plugins";
import { createAccessControl } from "better-auth/plugins/access";
import { adminAc, defaultStatements, memberAc, ownerAc } from "better-auth/plugins/organization/access";

// Organizations with upstream's `apiKey` statement: owners and admins manage the team's keys, members read them.
const ac = createAccessControl({ ...defaultStatements, apiKey: ["create", "read", "update", "delete"] });
const roles = {
  owner: ac.newRole({ ...ownerAc.statements }),
  admin: ac.newRole({ ...adminAc.statements, apiKey: ["create", "read", "update", "delete"] }),
  member: ac.newRole({ ...memberAc.statements, apiKey: ["read"] }),
};
const keyPolicy = { defaultPermissions: ["read"], allowedPermissions: ["read", "write"] };

/**
 * The app's Better Auth: email and password, API keys (read by default, read+write on request)
 * for users and for organizations, and personal tokens, on an embedded SQLite database that is
 * migrated on start. `bearer()` comes before `apiKey()`: with organization keys, `apiKey()`
 * declares the key table's owner column without a foreign key to users.
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
      organization({ ac, roles }),
      bearer({ maxTokensPerUser: 10 }),
      apiKey([
        { configId: "default", ...keyPolicy, maxKeysPerUser: 10 },
        { configId: "organization", references: "organization", ...keyPolicy, maxKeysPerOrganization: 10 },
      ]),
    ],
  });
  const { runMigrations } = await getMigrations(auth.options);
  await runMigrations();
  return auth;
}

export type AppAuth = Awaited<ReturnType<typeof createAuth>>;
