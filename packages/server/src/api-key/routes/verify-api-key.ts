import { createAuthEndpoint } from "better-auth/api";
import * as z from "zod";
import { isSubset, toStatements } from "../../core/permissions";
import { permissionsSchema } from "../../core/request-schemas";
import { verifyCredential } from "../../core/verify-credential";
import type { PublicCredential } from "../../core/credential-table";
import { TOKEN_ERROR_CODES, type TokenErrorCode } from "../../error-codes";
import type { ResolvedApiKeyOptions } from "../resolve-options";
import { kindFor } from "../../core/instance-kinds";

export type VerifyApiKeyResult =
  | { valid: true; error: null; key: PublicCredential }
  | { valid: false; error: { code: TokenErrorCode; message: string }; key: null };

/**
 * `auth.api.verifyApiKey({ body: { key, permissions? } })`: server only (404 over HTTP).
 * Answers `{ valid, error, key }`, discriminated on `valid`; `key` holds public fields only,
 * never the key or its hash.
 */
export function verifyApiKeyRoute(options: ResolvedApiKeyOptions) {
  return createAuthEndpoint.serverOnly(
    { method: "POST", body: z.object({ key: z.string().max(4096), permissions: permissionsSchema.optional() }) },
    async (ctx): Promise<VerifyApiKeyResult> => {
      const outcome = await verifyCredential(ctx.context, kindFor(ctx.context, options.config), ctx.body.key);
      if (!outcome.ok) return ctx.json({ valid: false, error: { ...TOKEN_ERROR_CODES[outcome.code] }, key: null });
      const key = outcome.view;
      if (ctx.body.permissions && !isSubset(toStatements(ctx.body.permissions), key.permissions)) {
        return ctx.json({ valid: false, error: { ...TOKEN_ERROR_CODES.INSUFFICIENT_PERMISSIONS }, key: null });
      }
      return ctx.json({ valid: true, error: null, key });
    },
  );
}
