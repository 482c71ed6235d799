const ALPHABET = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz";

/** Matches a whole string of base62 characters. */
export const BASE62_PATTERN = /^[0-9A-Za-z]+$/;

/**
 * Random base62 string from the Web Crypto RNG. Bytes ≥ 248 are discarded so every
 * character is equally likely (248 = 4 × 62): a modulo over 256 would bias the first 8.
 */
export function randomBase62(length: number): string {
  let out = "";
  while (out.length < length) {
    const bytes = crypto.getRandomValues(new Uint8Array(length * 2));
    for (const byte of bytes) {
      if (byte >= 248) continue;
      out += ALPHABET[byte % 62];
      if (out.length === length) break;
    }
  }
  return out;
}

/** Fixed-width base62 of a non-negative integer, left-padded with "0". */
export function encodeBase62(value: number, width: number): string {
  let out = "";
  let rest = value;
  while (rest > 0) {
    out = ALPHABET[rest % 62] + out;
    rest = Math.floor(rest / 62);
  }
  return out.padStart(width, "0");
}
