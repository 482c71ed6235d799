import { CREDENTIAL_KINDS } from "../core/credential-kinds";
import { resolveCredentialConfig } from "../core/resolve-kind";
import type { BearerOptions } from "./options";

export function resolveBearerOptions(options: BearerOptions) {
  const { tokenPrefix, maxTokensPerUser, requireSignature, signInCode, ...shared } = options;
  return {
    config: resolveCredentialConfig(CREDENTIAL_KINDS.personalToken, { ...shared, prefix: tokenPrefix, maxPerUser: maxTokensPerUser }),
    requireSignature: requireSignature ?? false,
    signInCode: resolveSignInCode(signInCode),
  };
}

/** Seconds a sign-in code lives, or `false` when codes are off. */
function resolveSignInCode(option: BearerOptions["signInCode"]): { expiresIn: number } | false {
  if (option === false) return false;
  const expiresIn = option?.expiresIn ?? 60;
  // Long enough for a slow app to launch, short enough that a code seen in a log is already dead.
  if (!Number.isInteger(expiresIn) || expiresIn < 10 || expiresIn > 600) {
    throw new RangeError(`"signInCode.expiresIn" must be a whole number of seconds from 10 to 600; got ${expiresIn}`);
  }
  return { expiresIn };
}

export type ResolvedBearerOptions = ReturnType<typeof resolveBearerOptions>;
