import type { AuthContext } from "better-auth";
import { createAuthEndpoint } from "better-auth/api";
import * as z from "zod";
import { credentialError } from "../../core/credential-errors";
import { instanceKinds } from "../../core/instance-kinds";
import { OPENAPI_TAGS, withOpenAPI } from "../../core/openapi";
import { readBearerValue } from "../../core/read-credential";
import type { RateLimitDecision } from "../../core/rate-limiter";
import { clientIpSchema, permissionsSchema } from "../../core/request-schemas";
import { authenticateHeaders } from "../../verifier/create-verifier";
import type { ServiceTokens } from "../service-tokens";
import { credentialAsHeaders } from "../credential-as-headers";
import { MAX_CREDENTIAL_LENGTH } from "../credential-length";
import { remoteVerificationSchema, type RemoteVerification } from "../remote-verification-result";

export const REMOTE_VERIFY_PATH = "/service/verify-credential";


/**
 * `POST /service/verify-credential`: another service of the app, which does not run Better Auth,
 * asks whether a credential its caller sent is valid. Authenticated by the service's own token
 * (never by a user's session or key), rate limited per service, and answered with the same
 * checks, cache and codes as `createVerifier`: one round trip for the service.
 */
export function verifyForServiceRoute(
  tokens: ServiceTokens,
  consume: (context: AuthContext, service: string) => RateLimitDecision | Promise<RateLimitDecision>,
) {
  return createAuthEndpoint(
    REMOTE_VERIFY_PATH,
    withOpenAPI(
      {
        method: "POST",
        body: z.object({
          credential: z.string().max(MAX_CREDENTIAL_LENGTH).meta({ description: "The API key or personal token the service's caller sent." }),
          permissions: permissionsSchema.optional(),
          personalTokens: z.enum(["refuse", "owner"]).optional(),
          organizationKeys: z.enum(["refuse", "accept"]).optional(),
          clientIp: clientIpSchema.optional(),
        }),
      },
      {
        operationId: "verifyCredentialForService",
        tag: OPENAPI_TAGS.apiKey,
        summary: "Verify a credential for another service",
        description:
          "For the app's other services: `Authorization: Bearer <service token>`, configured in `remoteVerification({ services })`. " +
          "Answers 200 with `valid` and, when not valid, the code `createVerifier` would give; never the credential or its hash. " +
          "A credential with an IP allowlist is checked against `clientIp`, the address of the service's own caller: " +
          "the service's address says nothing about where the credential came from, so without `clientIp` such a credential is refused (`IP_NOT_ALLOWED`).",
        response: { description: "Whether the credential is valid, and for whom.", schema: remoteVerificationSchema },
        errors: ["SERVICE_UNAUTHORIZED", "SERVICE_RATE_LIMITED"],
      },
    ),
    async (ctx): Promise<RemoteVerification> => {
      // Only the service token authenticates this call: a user's session or key never does.
      const token = readBearerValue(ctx.headers);
      const service = token ? await tokens.serviceFor(token) : null;
      if (!service) throw credentialError("SERVICE_UNAUTHORIZED");
      const decision = await consume(ctx.context, service);
      if (!decision.allowed) throw credentialError("SERVICE_RATE_LIMITED", { retryAfterSeconds: decision.retryAfterSeconds });

      const { credential, clientIp, ...requirement } = ctx.body;
      const kinds = instanceKinds(ctx.context);
      // Events name the service's request: it is the one that presented the credential here. An
      // IP allowlist is about the service's caller, which only the service knows: never its own address.
      const source = ctx.request ?? ctx.headers;
      let result!: Awaited<ReturnType<typeof authenticateHeaders<typeof requirement>>>;
      for (const headers of credentialAsHeaders(credential, kinds)) {
        result = await authenticateHeaders(ctx.context, kinds, headers, requirement, source, clientIp ?? null);
        // No kind read a credential there (nothing counted, nothing reported): the next place a request could carry it.
        if (result.ok || result.code !== "UNAUTHORIZED") break;
      }
      if (!result.ok) {
        // The refusal's own Retry-After, so the service can pass "later" on as the server would.
        const retryAfter = result.headers["Retry-After"];
        return ctx.json({
          valid: false,
          code: result.code,
          retryAfterSeconds: retryAfter === undefined ? null : Number(retryAfter),
          owner: null,
          permissions: null,
          authMethod: null,
          credentialId: null,
        });
      }
      return ctx.json({
        valid: true,
        code: null,
        owner: result.owner,
        permissions: result.permissions,
        authMethod: result.authMethod,
        credentialId: result.key.id,
      });
    },
  );
}
