import { summarizeAdapterCalls, testAdapterName } from "@better-auth-tokens/test-utils";
import { describe, expect, it } from "vitest";
import { createCredentialFormat } from "../src/core/credential-format";
import { setupApiKeys } from "./support/api-keys";

const adapter = testAdapterName();

describe(`the same work for a right and a wrong key [${adapter}]`, () => {
  it("hashes once and makes one indexed read for both, with the cache off", async () => {
    let hashes = 0;
    const t = setupApiKeys({
      cache: false,
      hashing: {
        hash: (key) => {
          hashes++;
          return `h:${key.length}:${[...key].reduce((a, c) => (a * 31 + c.charCodeAt(0)) >>> 0, 7)}`;
        },
      },
    });
    const alice = await t.signUp();
    const right = (await t.createKey(alice)).key;
    // A forged key: right prefix, length and checksum (the checksum algorithm is public), unknown to the database.
    const wrong = createCredentialFormat({ prefix: "ba_", length: 32, prefixOptionName: "prefix" }).generate();

    const work = async (key: string) => {
      const [callsBefore, hashesBefore] = [t.adapterCalls.length, hashes];
      const status = (await t.protectedRoute({ "x-api-key": key })).status;
      const calls = t.adapterCalls.slice(callsBefore).filter((call) => call.method !== "update");
      return { status, hashes: hashes - hashesBefore, ...summarizeAdapterCalls(calls) };
    };
    await work(right); // first use writes lastUsedAt; compare steady state
    const [rightWork, wrongWork] = [await work(right), await work(wrong)];
    expect(rightWork.status).toBe(200);
    expect(wrongWork.status).toBe(401);
    expect({ hashes: wrongWork.hashes, reads: wrongWork.reads }).toEqual({ hashes: rightWork.hashes, reads: rightWork.reads });
    expect(rightWork).toMatchObject({ hashes: 1, reads: 1 });
  });
});
