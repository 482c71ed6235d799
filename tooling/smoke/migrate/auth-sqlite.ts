// A config for `npx auth@1.7 migrate --config`: our plugins on a SQLite file (libSQL, as the
// example app uses), named by SMOKE_SQLITE_URL.
import { apiKey, bearer } from "@better-auth-tokens/server";
import { createClient } from "@libsql/client";
import { LibsqlDialect } from "@libsql/kysely-libsql";
import { betterAuth } from "better-auth";

export const auth = betterAuth({
  database: { dialect: new LibsqlDialect({ client: createClient({ url: process.env.SMOKE_SQLITE_URL! }) }), type: "sqlite" },
  emailAndPassword: { enabled: true },
  plugins: [apiKey(), bearer()],
});
