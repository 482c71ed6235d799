import { afterEach, describe, expect, it } from "vitest";
import { clearSink, leakedSecrets, observeResponse, recordSaid, registerCredential } from "./secret-sink";

afterEach(() => clearSink());

describe("the secret sink", () => {
  const key = "ba_0123456789abcdefghijABCDEFGHIJ0123456789";

  it("reports a key, or any 16-character slice of it, said anywhere, without repeating it", () => {
    registerCredential(key);
    recordSaid("auth log", `verifying ${key.slice(5, 25)}`);
    const leaks = leakedSecrets();
    expect(leaks).toHaveLength(1);
    expect(leaks[0]).not.toContain(key.slice(4));
  });

  it("registers credentials from create responses and keeps error bodies", async () => {
    await observeResponse(Response.json({ id: "1", key }));
    await observeResponse(Response.json({ code: "INVALID_CREDENTIAL", message: `bad ${key}` }, { status: 401 }));
    expect(leakedSecrets()).toHaveLength(1);
  });

  it("stays quiet when nothing leaked", async () => {
    await observeResponse(Response.json({ id: "1", key }));
    recordSaid("auth log", "created key 1");
    expect(leakedSecrets()).toEqual([]);
  });
});
