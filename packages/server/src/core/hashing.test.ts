import { defaultKeyHasher } from "@better-auth/api-key";
import { describe, expect, it } from "vitest";
import { resolveHasher } from "./hashing";

describe("resolveHasher", () => {
  it("matches upstream's defaultKeyHasher byte for byte, so keys verify through either plugin", async () => {
    const hash = resolveHasher("sha256", "hashing");
    for (const key of ["ba_abc", "x".repeat(300), "clé-ÿ"]) expect(await hash(key)).toBe(await defaultKeyHasher(key));
  });

  it("computes HMAC-SHA256 with the pepper (RFC 4231 test case 2, base64url)", async () => {
    // Key "Jefe" is too short for our minimum, so the pepper is padded and compared to Web Crypto instead.
    const pepper = "Jefe".repeat(8);
    const hash = resolveHasher({ algorithm: "hmac-sha256", pepper }, "hashing");
    const key = await crypto.subtle.importKey("raw", new TextEncoder().encode(pepper), { name: "HMAC", hash: "SHA-256" }, false, ["sign"]);
    const expected = Buffer.from(await crypto.subtle.sign("HMAC", key, new TextEncoder().encode("what do ya want for nothing?"))).toString("base64url");
    expect(await hash("what do ya want for nothing?")).toBe(expected);
    expect(await hash("a")).not.toBe(await resolveHasher("sha256", "hashing")("a"));
  });
});
