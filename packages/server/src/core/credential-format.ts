import { decodeBase62, encodeBase62, randomBase62 } from "./base62";
import { crc32 } from "./crc32";

/** Base62 characters of CRC-32 appended to every credential (62^6 > 2^32). */
export const CHECKSUM_LENGTH = 6;
/** 22 base62 characters carry 131 bits: below that a credential is guessable in principle. */
export const MIN_RANDOM_LENGTH = 22;
/** The random part is capped so a credential fits comfortably in any header or log redaction rule. */
export const MAX_RANDOM_LENGTH = 128;
const PREFIX_PATTERN = /^[A-Za-z][A-Za-z0-9]{0,15}_$/;

export interface CredentialFormat {
  readonly prefix: string;
  /** A fresh credential: `${prefix}${random}${checksum}`. */
  generate(): string;
  /** True when `value` has this prefix, the exact length, base62 body and a matching checksum. No I/O. */
  isWellFormed(value: string): boolean;
}

/**
 * The GitHub-style credential format: a readable prefix (so scanners and people can tell what a
 * leaked string is), a random body, and a CRC-32 checksum so typos and garbage are refused
 * before any database read.
 */
export function createCredentialFormat(options: {
  prefix: string;
  length: number;
  /** How the user spelled the prefix option (`prefix`, `tokenPrefix`), for startup errors. */
  prefixOptionName: string;
}): CredentialFormat {
  const { prefix, length, prefixOptionName } = options;
  if (!PREFIX_PATTERN.test(prefix)) {
    throw new TypeError(
      `"${prefixOptionName}" must be a letter, up to 15 letters or digits, then "_" (e.g. "ba_"); got ${JSON.stringify(prefix)}`,
    );
  }
  if (!Number.isInteger(length) || length < MIN_RANDOM_LENGTH || length > MAX_RANDOM_LENGTH) {
    throw new RangeError(
      `"length" must be an integer from ${MIN_RANDOM_LENGTH} (128 bits) to ${MAX_RANDOM_LENGTH}; got ${length}`,
    );
  }
  const totalLength = prefix.length + length + CHECKSUM_LENGTH;
  const bodyLength = totalLength - CHECKSUM_LENGTH;
  // The prefix is letters, digits and "_" (checked above), so it needs no escaping.
  const shape = new RegExp(`^${prefix}[0-9A-Za-z]{${length + CHECKSUM_LENGTH}}$`);

  return {
    prefix,
    generate() {
      const body = prefix + randomBase62(length);
      return body + encodeBase62(crc32(body), CHECKSUM_LENGTH);
    },
    // Runs on every request: compared as numbers, in place, so it builds no string.
    isWellFormed(value) {
      if (value.length !== totalLength || !shape.test(value)) return false;
      return crc32(value, bodyLength) === decodeBase62(value, bodyLength, totalLength);
    },
  };
}
