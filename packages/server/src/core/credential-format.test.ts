import { describe, expect, it } from "vitest";
import { createCredentialFormat } from "./credential-format";
import { crc32 } from "./crc32";
import { decodeBase62, encodeBase62 } from "./base62";

describe("credential format", () => {
  const format = createCredentialFormat({ prefix: "ba_", length: 32, prefixOptionName: "prefix" });

  it("generates prefix + 32 base62 + 6 checksum characters, all distinct", () => {
    const keys = Array.from({ length: 200 }, () => format.generate());
    for (const key of keys) {
      expect(key).toMatch(/^ba_[0-9A-Za-z]{38}$/);
      expect(format.isWellFormed(key)).toBe(true);
    }
    expect(new Set(keys).size).toBe(keys.length);
  });

  it("computes the standard CRC-32 (check value of '123456789' is 0xCBF43926)", () => {
    expect(crc32("123456789")).toBe(0xcbf43926);
  });

  it("reads a checksum back as the number it spells, in place", () => {
    for (const value of [0, 1, 61, 62, 0xcbf43926, 0xffffffff]) {
      expect(decodeBase62(`ba_${encodeBase62(value, 6)}!`, 3, 9)).toBe(value);
    }
    expect(decodeBase62("00-000", 0, 6)).toBeNaN();
  });

  it("rejects a checksum that spells the CRC plus 2^32: equal in its low 32 bits is not equal", () => {
    const key = format.generate();
    const body = key.slice(0, -6);
    expect(format.isWellFormed(body + encodeBase62(crc32(body) + 2 ** 32, 6))).toBe(false);
    expect(format.isWellFormed(body + encodeBase62(crc32(body), 6))).toBe(true);
  });

  it("rejects every single-character substitution in the body or checksum", () => {
    const key = format.generate();
    for (let i = 3; i < key.length; i++) {
      const replacement = key[i] === "a" ? "b" : "a";
      expect(format.isWellFormed(key.slice(0, i) + replacement + key.slice(i + 1))).toBe(false);
    }
  });

  it.each([
    ["another prefix", (key: string) => `zz_${key.slice(3)}`],
    ["truncated", (key: string) => key.slice(0, -1)],
    ["extended", (key: string) => `${key}0`],
    ["non-base62", (key: string) => `${key.slice(0, 10)}-${key.slice(11)}`],
    ["empty", () => ""],
  ])("rejects a %s value", (_label, mutate) => {
    expect(format.isWellFormed(mutate(format.generate()))).toBe(false);
  });

  it("draws characters without modulo bias (each of 62 within 20% of its share, 8 standard deviations)", () => {
    const counts = new Map<string, number>();
    const sample = Array.from({ length: 3000 }, () => format.generate().slice(3, 35)).join("");
    for (const char of sample) counts.set(char, (counts.get(char) ?? 0) + 1);
    const expected = sample.length / 62;
    expect(counts.size).toBe(62);
    for (const count of counts.values()) expect(Math.abs(count - expected) / expected).toBeLessThan(0.2);
  });
});
