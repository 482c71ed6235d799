import { describe, expect, it } from "vitest";
import { createCredentialFormat } from "./credential-format";
import { madeByUpstream, startOf, upstreamApiKeyRow } from "./credential-start";

describe("madeByUpstream: whether a row's start is what our format writes", () => {
  const format = createCredentialFormat({ prefix: "ba_", length: 32, prefixOptionName: "prefix" });

  it("is false for the start we write, on create and on roll", () => {
    const start = startOf(format.generate(), format);
    expect(start).toMatch(/^ba_[0-9A-Za-z]{4}$/);
    expect(madeByUpstream({ start }, format)).toBe(false);
  });

  it("is true for upstream's default start (6 characters), none, another prefix, or another length", () => {
    for (const start of ["AbCdEf", null, "sk_abcd", "ba_abc", "ba_abcde"]) expect(madeByUpstream({ start }, format)).toBe(true);
  });

  it("misses an upstream key with our prefix and a start of exactly its length, as documented", () => {
    expect(madeByUpstream({ start: "ba_xyzw" }, format)).toBe(false);
  });

  it("is never true for personal tokens", () => {
    expect(upstreamApiKeyRow({ authMethod: "personal-token", format }, { start: null })).toBe(false);
    expect(upstreamApiKeyRow({ authMethod: "api-key", format }, { start: null })).toBe(true);
  });
});
