const ALPHABET = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz";

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

/**
 * The integer that `text[start..end)` spells in base62, read in place; NaN if a character is
 * not base62. The inverse of `encodeBase62` for that width: exact while 62^width < 2^53.
 */
export function decodeBase62(text: string, start: number, end: number): number {
  let value = 0;
  for (let i = start; i < end; i++) value = value * 62 + digitOf(text.charCodeAt(i));
  return value;
}

function digitOf(code: number): number {
  if (code >= 48 && code <= 57) return code - 48; // 0-9
  if (code >= 65 && code <= 90) return code - 55; // A-Z: 10-35
  if (code >= 97 && code <= 122) return code - 61; // a-z: 36-61
  return Number.NaN;
}
