import { defaultKeyHasher } from "@better-auth/api-key";

/** A pepper shorter than this is refused: it would be brute-forced before the keys are. */
export const MIN_PEPPER_LENGTH = 32;

/** How credentials are hashed before they touch the database. There is no plaintext option. */
export type HashingOption =
  | "sha256"
  | { algorithm: "hmac-sha256"; pepper: string }
  | { hash: (credential: string) => string | Promise<string> };

export type HashCredential = (credential: string) => Promise<string>;

/**
 * Resolves the `hashing` option once, at plugin construction, so a bad pepper fails at startup
 * rather than on the first request.
 */
export function resolveHasher(option: HashingOption | undefined, optionName: string): HashCredential {
  if (option === undefined || option === "sha256") {
    // Upstream's own hasher: keys stay verifiable by plain @better-auth/api-key and back.
    return defaultKeyHasher;
  }
  if ("hash" in option) {
    if (typeof option.hash !== "function") {
      throw new TypeError(`"${optionName}.hash" must be a function (credential) => string`);
    }
    return async (credential) => option.hash(credential);
  }
  if (option.algorithm === "hmac-sha256") {
    // Never defaulted to the auth secret: rotating that secret would lock every key out.
    if (typeof option.pepper !== "string" || option.pepper.length < MIN_PEPPER_LENGTH) {
      throw new TypeError(
        `"${optionName}.pepper" is required for "hmac-sha256" and must be at least ${MIN_PEPPER_LENGTH} characters; keep it outside the database (e.g. an environment variable)`,
      );
    }
    const key = crypto.subtle.importKey(
      "raw",
      new TextEncoder().encode(option.pepper),
      { name: "HMAC", hash: "SHA-256" },
      false,
      ["sign"],
    );
    return async (credential) => {
      const mac = await crypto.subtle.sign("HMAC", await key, new TextEncoder().encode(credential));
      return toBase64Url(new Uint8Array(mac));
    };
  }
  throw new TypeError(`"${optionName}" must be "sha256", { algorithm: "hmac-sha256", pepper } or { hash }`);
}

/** Unpadded base64url, the encoding upstream uses for its SHA-256 hashes. */
function toBase64Url(bytes: Uint8Array): string {
  let binary = "";
  for (const byte of bytes) binary += String.fromCharCode(byte);
  return btoa(binary).replace(/\+/g, "-").replace(/\//g, "_").replace(/=+$/, "");
}
