import { createAuthEndpoint } from "better-auth/api";
import * as z from "zod";
import { credentialError } from "../../core/credential-errors";
import { kindFor } from "../../core/instance-kinds";
import { revokeAllOwned } from "../../core/revoke-all-owned";
import type { ResolvedApiKeyOptions } from "../resolve-options";
import { hidingStoredValues } from "../../core/store-failure";

const ownerId = z.string().min(1).max(255);

/**
 * `auth.api.revokeApiKeys({ body: { userId } | { organizationId } })`: server only (404 over
 * HTTP). Revokes every key the user (or organization) holds, in every configuration of that
 * owner type, and answers `{ revoked }`, the count. For offboarding and an admin's "revoke all".
 */
export function revokeOwnerApiKeysRoute(options: ResolvedApiKeyOptions) {
  return createAuthEndpoint.serverOnly(
    { method: "POST", body: z.union([z.strictObject({ userId: ownerId }), z.strictObject({ organizationId: ownerId })]) },
    async (ctx) =>
      // A database failure is 503 STORAGE_UNAVAILABLE, logged without the query's values.
      hidingStoredValues(ctx.context, "revoke an owner's API keys", async () => {
        const body = ctx.body;
        const references = "userId" in body ? "user" : "organization";
        const owner = "userId" in body ? body.userId : body.organizationId;
        const kinds = options.configurations
          .filter((configuration) => configuration.config.references === references)
          .map((configuration) => kindFor(ctx.context, configuration.config));
        if (kinds.length === 0) throw credentialError("UNKNOWN_CONFIGURATION");
        return ctx.json(await revokeAllOwned(ctx, kinds, owner));
      }),
  );
}
