import { createAuthEndpoint } from "better-auth/api";
import * as z from "zod";
import { OPENAPI_TAGS, withOpenAPI } from "../../core/openapi";
import { signInCodeSchema } from "../../core/request-schemas";
import { exchangedSignInCodeSchema } from "../../core/response-schemas";
import { redeemSignInCode } from "../sign-in-code";

const exchangeCodeBody = z.object({ code: signInCodeSchema });

/**
 * `POST /bearer/exchange-code` (`authClient.bearer.exchangeCode`, `auth.api.exchangeSignInCode`):
 * swaps the one-time code of a redirect sign-in (`bearer_code=…`) for the session token, once.
 * Needs no session: the code is the proof, and it is single use and short-lived.
 */
export function exchangeCodeRoute() {
  return createAuthEndpoint(
    "/bearer/exchange-code",
    withOpenAPI(
      // The answer holds a session token: no cache may keep it.
      { method: "POST", body: exchangeCodeBody, metadata: { noStore: true } },
      {
        operationId: "exchangeSignInCode",
        tag: OPENAPI_TAGS.bearer,
        summary: "Exchange a sign-in code for a session token",
        description:
          "Swaps the one-time code that a redirect sign-in (social, magic link) put in the callback URL as `bearer_code`, " +
          "when the sign-in asked for one with `bearer_code=request`, for that sign-in's session token. " +
          "Each code works once, within its short lifetime, and only while its session lasts.",
        response: { description: "The session token, for `Authorization: Bearer`.", schema: exchangedSignInCodeSchema },
        errors: ["INVALID_SIGN_IN_CODE"],
      },
    ),
    async (ctx) => ctx.json({ token: await redeemSignInCode(ctx, ctx.body.code) }),
  );
}
