import { apiKey as upstreamApiKey } from "@better-auth/api-key";
import { describe, expect, it } from "vitest";
import { copyPublicCredential, credentialSchema, credentialSchemaWithoutUserForeignKey, CREDENTIAL_MODEL, toPublicCredential, type CredentialRow } from "./credential-table";

/** A field as a migration sees it: type, nullability, default, index. */
function columns(fields: Record<string, { type: unknown; required?: unknown; defaultValue?: unknown; index?: unknown }>) {
  return Object.fromEntries(
    Object.entries(fields).map(([name, field]) => [
      name,
      { type: field.type, required: field.required ?? false, defaultValue: field.defaultValue, index: field.index ?? false },
    ]),
  );
}

describe("the credential table", () => {
  // Our definition is written out (no runtime import of upstream); this keeps it upstream's.
  it("has every column of @better-auth/api-key's table, typed alike, plus optional description, createdBy, a roll's previous hash and an IP allowlist", () => {
    const upstream = upstreamApiKey({ rateLimit: { enabled: false } }).schema.apikey.fields;
    for (const schema of [credentialSchema, credentialSchemaWithoutUserForeignKey]) {
      const { description, createdBy, previousKey, previousKeyExpiresAt, lastUsedIp, lastUsedUserAgent, allowedIps, ...shared } = columns(
        schema[CREDENTIAL_MODEL].fields,
      );
      expect(shared).toEqual(columns(upstream));
      expect(description).toMatchObject({ type: "string", required: false });
      expect(createdBy).toMatchObject({ type: "string", required: false });
      // Indexed: verification looks a secret up by its current or its previous hash.
      expect(previousKey).toMatchObject({ type: "string", required: false, index: true });
      expect(previousKeyExpiresAt).toMatchObject({ type: "date", required: false });
      expect(lastUsedIp).toMatchObject({ type: "string", required: false });
      expect(lastUsedUserAgent).toMatchObject({ type: "string", required: false });
      // JSON text, as upstream stores permissions: nullable, so upstream's rows and writes need no value.
      expect(allowedIps).toMatchObject({ type: "string", required: false });
    }
  });

  it("drops the foreign key to user.id only in the table organization keys need, as upstream has none", () => {
    const upstream = upstreamApiKey().schema.apikey.fields.referenceId as { references?: unknown };
    expect(upstream.references).toBeUndefined();
    expect(credentialSchemaWithoutUserForeignKey[CREDENTIAL_MODEL].fields.referenceId).not.toHaveProperty("references");
    expect(credentialSchema[CREDENTIAL_MODEL].fields.referenceId.references).toEqual({ model: "user", field: "id", onDelete: "cascade" });
  });

  it("stores metadata as upstream does: JSON text", () => {
    const { transform } = credentialSchema[CREDENTIAL_MODEL].fields.metadata;
    const upstream = upstreamApiKey().schema.apikey.fields.metadata.transform!;
    const value = { team: "ops", tags: ["a", "b"] };
    expect(transform.input(value)).toBe(upstream.input!(value as never));
    expect(transform.output(transform.input(value))).toEqual(value);
  });
});

describe("copyPublicCredential", () => {
  it("copies every field of a view, sharing no object with it, __proto__ resources included", () => {
    const view = toPublicCredential({
      id: "k1",
      name: "ci",
      description: "deploys",
      start: "ba_abc",
      prefix: "ba_",
      key: "hash",
      referenceId: "u1",
      enabled: true,
      permissions: '{"projects":["read"],"__proto__":["write"]}',
      metadata: { team: { id: "t1" } },
      allowedIps: '["10.0.0.0/8"]',
      createdBy: "u1",
      createdAt: new Date(1),
      updatedAt: new Date(2),
      lastRequest: new Date(3),
      expiresAt: new Date(4),
      remaining: 5,
      refillAmount: 10,
      refillInterval: 60_000,
      lastRefillAt: new Date(6),
    } as unknown as CredentialRow);
    const copy = copyPublicCredential(view);
    expect(copy).toEqual(view);
    expect(Object.keys(copy)).toEqual(Object.keys(view));
    expect(Object.getPrototypeOf(copy.permissions)).toBe(Object.prototype);
    expect(Object.keys(copy.permissions)).toEqual(["projects", "__proto__"]);

    copy.permissions.projects!.push("write");
    copy.permissions["__proto__"]!.push("admin");
    (copy.metadata!.team as { id: string }).id = "t2";
    copy.allowedIps!.push("0.0.0.0/0");
    for (const date of [copy.createdAt, copy.updatedAt, copy.lastUsedAt, copy.expiresAt, copy.lastRefillAt]) date!.setTime(0);
    expect(view.permissions).toEqual(Object.defineProperty({ projects: ["read"] }, "__proto__", { value: ["write"], enumerable: true }));
    expect(view.metadata).toEqual({ team: { id: "t1" } });
    expect(view.allowedIps).toEqual(["10.0.0.0/8"]);
    expect([view.createdAt, view.updatedAt, view.lastUsedAt, view.expiresAt, view.lastRefillAt].map((date) => date!.getTime())).toEqual([1, 2, 3, 4, 6]);
  });
});
