import { TOKEN_ERROR_CODES } from "@better-auth-tokens/client";
import type { Localization } from "./localization";
import type { ClientError } from "./types";

/** Codes the components give themselves (no server answer to read), with their localized text. */
const OWN_CODES: Record<string, "networkError" | "organizationClientMissing"> = {
  NETWORK_ERROR: "networkError",
  ORGANIZATION_CLIENT_MISSING: "organizationClientMissing",
};

/**
 * The text shown for an error: the app's own text for its code, else our table's message for the
 * code (the same words the server sends) or the components' own line for their codes, else what
 * the server said, else a generic line.
 */
export function errorMessage(error: ClientError, localization: Localization): string {
  const code = error.code;
  if (code) {
    const own = localization.errors[code];
    if (own) return own;
    const known = (TOKEN_ERROR_CODES as Record<string, { message: string } | undefined>)[code];
    if (known) return known.message;
    const ours = OWN_CODES[code];
    if (ours) return localization[ours];
  }
  return error.message || localization.genericError;
}
