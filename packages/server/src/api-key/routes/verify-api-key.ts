import { createAuthEndpoint } from "better-auth/api";
import * as z from "zod";
import { isSubset, toStatements } from "../../core/permissions";
import { clientIpSchema, permissionsSchema } from "../../core/request-schemas";
import { verifyCredential } from "../../core/verify-credential";
import { emitWithSource } from "../../core/credential-events";
import type { PublicCredential } from "../../core/credential-table";
import type { CredentialOwner } from "../../core/verified-cache";
import { TOKEN_ERROR_CODES, type TokenErrorCode } from "../../error-codes";
import { configurationForKey } from "../configuration-for";
import type { ResolvedApiKeyOptions } from "../resolve-options";
import { kindFor } from "../../core/instance-kinds";

export type VerifyApiKeyResult =
  | { valid: true; error: null; key: PublicCredential; owner: CredentialOwner }
  | { valid: false; error: { code: TokenErrorCode; message: string }; key: null; owner: null };

/**
 * `auth.api.verifyApiKey({ body: { key, permissions?, clientIp? }, headers? })`: server only (404
 * over HTTP). Answers `{ valid, error, key, owner }`, discriminated on `valid`; `key` holds public
 * fields only, never the key or its hash; `owner` says whom the key acts for, a user or an
 * organization. A key with an IP allowlist is checked against `clientIp` when given, else the
 * address Better Auth resolves from `headers`; with neither, it is refused (`IP_NOT_ALLOWED`).
 */
export function verifyApiKeyRoute(options: ResolvedApiKeyOptions) {
  return createAuthEndpoint.serverOnly(
    {
      method: "POST",
      body: z.object({ key: z.string().max(4096), permissions: permissionsSchema.optional(), clientIp: clientIpSchema.optional() }),
    },
    async (ctx): Promise<VerifyApiKeyResult> => {
      const refuse = (code: TokenErrorCode) => ctx.json({ valid: false as const, error: { ...TOKEN_ERROR_CODES[code] }, key: null, owner: null });
      const configuration = configurationForKey(options, ctx.body.key);
      const kind = kindFor(ctx.context, configuration.config);
      const source = ctx.request ?? ctx.headers;
      const outcome = await verifyCredential(ctx.context, kind, ctx.body.key, source, ctx.body.clientIp);
      if (!outcome.ok) return refuse(outcome.code);
      const key = outcome.view;
      if (ctx.body.permissions && !isSubset(toStatements(ctx.body.permissions), key.permissions)) {
        emitWithSource(ctx.context, kind, { type: "rejected", credentialId: key.id, owner: outcome.owner, reason: "insufficient-permissions" }, source);
        return refuse("INSUFFICIENT_PERMISSIONS");
      }
      return ctx.json({ valid: true as const, error: null, key, owner: outcome.owner });
    },
  );
}
