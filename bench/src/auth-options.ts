import type { BetterAuthOptions } from "better-auth";

/** What every auth instance of the benchmark shares: only the database and plugins differ. */
export const BASE_AUTH_OPTIONS = {
  baseURL: "http://localhost:3000",
  secret: "bench-secret-not-for-production-0123456789",
  emailAndPassword: { enabled: true },
  telemetry: { enabled: false },
  logger: { disabled: true },
  advanced: { database: { joins: true } },
} satisfies BetterAuthOptions;
