import * as z from "zod";
import type { CredentialOwner } from "../core/verified-cache";
import type { Statements } from "../core/credential-table";
import type { TokenErrorCode } from "../error-codes";

/** The answer of the remote verification endpoint, discriminated on `valid`. */
export type RemoteVerification =
  | {
      valid: true;
      code: null;
      owner: CredentialOwner;
      /** What an API key was granted; a personal token has none of its own (it acts as its owner). */
      permissions: Statements;
      authMethod: "api-key" | "personal-token";
      /** The credential's id, for the service's logs: never the credential. */
      credentialId: string;
    }
  | {
      valid: false;
      code: TokenErrorCode;
      /**
       * Seconds until a retry can succeed, for a refusal that says "later" (a rate limit, a used-up
       * quota with a refill due, the server busy): what `createVerifier` sends as `Retry-After`.
       */
      retryAfterSeconds: number | null;
      owner: null;
      permissions: null;
      authMethod: null;
      credentialId: null;
    };

export const remoteVerificationSchema = z.union([
  z.strictObject({
    valid: z.literal(true),
    code: z.null(),
    owner: z.strictObject({ type: z.enum(["user", "organization"]), id: z.string() }),
    permissions: z.record(z.string(), z.array(z.string())),
    authMethod: z.enum(["api-key", "personal-token"]),
    credentialId: z.string(),
  }),
  z.strictObject({
    valid: z.literal(false),
    code: z.string().meta({ description: "Why not: the stable code `createVerifier` answers with (e.g. `KEY_EXPIRED`)." }),
    retryAfterSeconds: z
      .number()
      .int()
      .positive()
      .nullable()
      .meta({ description: "For a refusal that says \"later\" (`RATE_LIMITED`, `USAGE_EXCEEDED` with a refill due, …): the seconds `createVerifier` sends as `Retry-After`; otherwise null." }),
    owner: z.null(),
    permissions: z.null(),
    authMethod: z.null(),
    credentialId: z.null(),
  }),
]);
