import { describe, expect, it } from "vitest";
import { copyPlain } from "./copy-plain";

describe("copyPlain", () => {
  it("copies nested objects, arrays and dates, so changing the copy leaves the original as it was", () => {
    const original = { id: "k1", permissions: { projects: ["read"] }, createdAt: new Date(0), meta: { tags: [{ a: 1 }] }, none: null };
    const copy = copyPlain(original);
    expect(copy).toEqual(original);
    copy.permissions.projects.push("write");
    copy.createdAt.setTime(1);
    copy.meta.tags[0]!.a = 2;
    expect(original).toEqual({ id: "k1", permissions: { projects: ["read"] }, createdAt: new Date(0), meta: { tags: [{ a: 1 }] }, none: null });
  });

  it("keeps an own __proto__ key as a field and never changes the copy's prototype", () => {
    const parsed = JSON.parse('{"__proto__": {"polluted": true}, "name": "x"}') as Record<string, unknown>;
    const copy = copyPlain(parsed);
    expect(Object.getPrototypeOf(copy)).toBe(Object.prototype);
    expect((copy as { polluted?: unknown }).polluted).toBeUndefined();
    expect(Object.keys(copy)).toEqual(["__proto__", "name"]);
  });
});
