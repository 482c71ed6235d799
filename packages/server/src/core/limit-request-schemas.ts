import * as z from "zod";

/** The `apikey` table's number columns are 32-bit integers on PostgreSQL and MySQL: larger values would fail there. */
export const MAX_STORED_INTEGER = 2_147_483_647;

/** A usage quota, as create and update take it (upstream's names). Who may send what is `credential-limits.ts`'s rule. */
export const quotaRequestFields = {
  remaining: z
    .number()
    .int()
    .min(0)
    .max(MAX_STORED_INTEGER)
    .nullable()
    .optional()
    .meta({ description: "Uses left: each request the credential authenticates spends one; at 0 it answers 429 `USAGE_EXCEEDED`. `null` removes the quota." }),
  refillAmount: z
    .number()
    .int()
    .min(1)
    .max(MAX_STORED_INTEGER)
    .nullable()
    .optional()
    .meta({ description: "What `remaining` is reset to every `refillInterval`; needs `refillInterval`. `null` removes the refill." }),
  refillInterval: z
    .number()
    .int()
    .min(1)
    .max(MAX_STORED_INTEGER)
    .nullable()
    .optional()
    .meta({ description: "Milliseconds between two refills (at most 2147483647, about 24.8 days); needs `refillAmount`." }),
};

/** A credential's own rate limit (upstream's names): server-side calls only. */
export const rateLimitRequestFields = {
  rateLimitEnabled: z
    .boolean()
    .optional()
    .meta({ description: "Server-side calls only. `true`: the credential's own limit below; `false`: the plugin's `rateLimit`." }),
  rateLimitTimeWindow: z
    .number()
    .int()
    .min(1)
    .max(MAX_STORED_INTEGER)
    .optional()
    .meta({ description: "Server-side calls only: the window of the credential's own limit, in milliseconds." }),
  rateLimitMax: z
    .number()
    .int()
    .min(1)
    .max(MAX_STORED_INTEGER)
    .optional()
    .meta({ description: "Server-side calls only: requests allowed per window by the credential's own limit." }),
};

/** What a create or update asked for of the quota and the rate limit; absent fields stay as they are. */
export interface LimitsInput {
  remaining?: number | null | undefined;
  refillAmount?: number | null | undefined;
  refillInterval?: number | null | undefined;
  rateLimitEnabled?: boolean | undefined;
  rateLimitTimeWindow?: number | undefined;
  rateLimitMax?: number | undefined;
}

/** The limit fields of a parsed body, and nothing else. */
export function pickLimits(body: LimitsInput): LimitsInput {
  const { remaining, refillAmount, refillInterval, rateLimitEnabled, rateLimitTimeWindow, rateLimitMax } = body;
  return { remaining, refillAmount, refillInterval, rateLimitEnabled, rateLimitTimeWindow, rateLimitMax };
}
