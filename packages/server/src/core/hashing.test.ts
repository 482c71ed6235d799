import { createHash, createHmac } from "node:crypto";
import { defaultKeyHasher } from "@better-auth/api-key";
import { afterEach, describe, expect, it, vi } from "vitest";
import { resolveHasher } from "./hashing";

const PEPPER = "pepper-kept-outside-the-database-0123456789";
const INPUTS = ["ba_abc", "x".repeat(300), "clé-ÿ"];

afterEach(() => {
  vi.doUnmock("node:crypto");
  vi.resetModules();
});

describe("resolveHasher", () => {
  it("matches upstream's defaultKeyHasher byte for byte, so keys verify through either plugin", async () => {
    const hash = resolveHasher("sha256", "hashing");
    for (const key of INPUTS) expect(await hash(key)).toBe(await defaultKeyHasher(key));
  });

  it("computes HMAC-SHA256 keyed with the pepper, in unpadded base64url", async () => {
    const hash = resolveHasher({ algorithm: "hmac-sha256", pepper: PEPPER }, "hashing");
    for (const key of INPUTS) {
      expect(await hash(key)).toBe(createHmac("sha256", PEPPER).update(key, "utf8").digest("base64url"));
    }
    expect(await hash("a")).not.toBe(await resolveHasher("sha256", "hashing")("a"));
  });

  it("gives the same hashes through Web Crypto on a runtime without node:crypto", async () => {
    // A runtime without Node's crypto (an edge worker): the module loads, and the hashes agree.
    vi.doMock("node:crypto", () => ({ createHash: undefined, createHmac: undefined }));
    const { resolveHasher: resolveWebHasher } = await import("./hashing");
    const sha = resolveWebHasher("sha256", "hashing");
    const hmac = resolveWebHasher({ algorithm: "hmac-sha256", pepper: PEPPER }, "hashing");
    await Promise.all([sha("load"), hmac("load")]);
    for (const key of INPUTS) {
      const viaSha = sha(key);
      // Node's branch answers synchronously once loaded; only Web Crypto's answers with a promise.
      expect(viaSha).toBeInstanceOf(Promise);
      expect(await viaSha).toBe(createHash("sha256").update(key, "utf8").digest("base64url"));
      expect(await hmac(key)).toBe(createHmac("sha256", PEPPER).update(key, "utf8").digest("base64url"));
    }
  });
});
