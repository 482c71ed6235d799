import { createTestAuth } from "@better-auth-tokens/test-utils";
import { describe, expect, it } from "vitest";
import { apiKey } from "../api-key";
import { bearer } from "../bearer";
import type { HashingOption } from "./hashing";

let counter = 0;
const BROKEN: [string, HashingOption][] = [
  ["returns undefined", { hash: () => undefined as unknown as string }],
  ["returns an empty string", { hash: () => "" }],
  ["returns a constant", { hash: () => "constant" }],
  ["returns its input", { hash: (value) => value }],
  ["answers differently for the same input", { hash: async (value) => `${value}:${(counter += 1)}` }],
];

describe("a custom hashing: { hash } is checked before any credential depends on it", () => {
  it.each(BROKEN)("refuses at startup a hash that %s, naming the option", async (_, hashing) => {
    for (const plugin of [apiKey({ hashing }), bearer({ hashing })]) {
      const t = createTestAuth({ plugins: [plugin] });
      await expect(t.auth.$context).rejects.toThrow(/"hashing\.hash"/);
    }
  });

  it("accepts a sound custom hash and stores its output, never the key", async () => {
    const hashing: HashingOption = { hash: async (value) => `h:${Buffer.from(value).toString("base64url").split("").reverse().join("")}` };
    const t = createTestAuth({ plugins: [apiKey({ hashing })] });
    const alice = await t.signUp();
    const { data } = await t.client(alice).$fetch<{ key: string }>("/api-key/create", { method: "POST", body: { name: "k" } });
    const verified = await t.auth.api.verifyApiKey({ body: { key: data!.key } });
    expect(verified.valid).toBe(true);
    const row = (await t.rows("apikey"))[0]!;
    expect(row.key).not.toBe(data!.key);
  });
});
