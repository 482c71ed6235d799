// A config for `npx auth@1.7 migrate --config`: our plugins on PostgreSQL (DATABASE_URL), in
// the empty schema SMOKE_PG_SCHEMA, which search_path makes the one tables are created in.
import { apiKey, bearer } from "@better-auth-tokens/server";
import { betterAuth } from "better-auth";
import pg from "pg";

export const auth = betterAuth({
  database: new pg.Pool({ connectionString: process.env.DATABASE_URL, options: `-c search_path=${process.env.SMOKE_PG_SCHEMA}` }),
  emailAndPassword: { enabled: true },
  plugins: [apiKey(), bearer()],
});
