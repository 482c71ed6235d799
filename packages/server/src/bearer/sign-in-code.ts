import type { GenericEndpointContext } from "better-auth";
import { generateRandomString } from "better-auth/crypto";
import { credentialError } from "../core/credential-errors";

/**
 * The query parameter of a sign-in's callback URL that asks for a code (`bearer_code=request`)
 * and, on the redirect after sign-in, carries it (`bearer_code=<code>`).
 */
export const SIGN_IN_CODE_PARAM = "bearer_code";
/** The value a client puts in `bearer_code` to ask for a code. */
export const SIGN_IN_CODE_REQUEST = "request";

const CODE_LENGTH = 32; // base62: about 190 bits, unguessable within its lifetime
const CODE_FORMAT = /^[A-Za-z0-9]{32}$/;
const IDENTIFIER_PREFIX = "bearer-sign-in-code:";

/**
 * Issues a one-time code for a session token that a redirect cannot carry in a header. The code
 * is stored hashed in Better Auth's verification store (the database, or `secondaryStorage` when
 * Better Auth keeps verifications there), so any server instance can redeem it.
 */
export async function issueSignInCode(ctx: GenericEndpointContext, sessionToken: string, expiresIn: number) {
  const code = generateRandomString(CODE_LENGTH, "a-z", "A-Z", "0-9");
  await ctx.context.internalAdapter.createVerificationValue({
    identifier: await identifierOf(code),
    value: JSON.stringify({ sessionToken }),
    expiresAt: new Date(Date.now() + expiresIn * 1000),
  });
  return code;
}

/**
 * Redeems a code once: Better Auth's `consumeVerificationValue` deletes the entry and hands it to
 * one caller only (the adapter's `consumeOne`, or `getAndDelete` in secondary storage), so two
 * instances cannot both redeem it. Malformed, unknown, reused and expired codes are refused
 * alike, and so is a code whose session has ended since.
 */
export async function redeemSignInCode(ctx: GenericEndpointContext, code: string) {
  if (!CODE_FORMAT.test(code)) throw credentialError("INVALID_SIGN_IN_CODE");
  const entry = await ctx.context.internalAdapter.consumeVerificationValue(await identifierOf(code));
  const sessionToken = entry ? readSessionToken(entry.value) : null;
  if (!sessionToken) throw credentialError("INVALID_SIGN_IN_CODE");
  const session = await ctx.context.internalAdapter.findSession(bareToken(sessionToken));
  if (!session || session.session.expiresAt.getTime() <= Date.now()) throw credentialError("INVALID_SIGN_IN_CODE");
  return sessionToken;
}

// Hashed at rest: whoever reads the verification store cannot redeem a code found there.
async function identifierOf(code: string) {
  const digest = await crypto.subtle.digest("SHA-256", new TextEncoder().encode(code));
  const base64 = btoa(String.fromCharCode(...new Uint8Array(digest)));
  return IDENTIFIER_PREFIX + base64.replace(/\+/g, "-").replace(/\//g, "_").replace(/=+$/, "");
}

function readSessionToken(value: string): string | null {
  try {
    const parsed: unknown = JSON.parse(value);
    const token = (parsed as { sessionToken?: unknown } | null)?.sessionToken;
    return typeof token === "string" && token ? token : null;
  } catch {
    return null;
  }
}

/** The session token under its signature, as the session store keys it. */
function bareToken(signedToken: string) {
  let decoded = signedToken;
  try {
    decoded = decodeURIComponent(signedToken);
  } catch {
    // Not URL-encoded: used as it is.
  }
  return decoded.split(".")[0] ?? decoded;
}
