import { describe, expect, it } from "vitest";
import { copyPlain, plainCopies } from "./copy-plain";

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

describe("plainCopies", () => {
  it("makes copies as deep as copyPlain's, of a user with dates and a nested field", () => {
    const user = { id: "u1", name: "Alice", banExpires: null, createdAt: new Date(0), prefs: { theme: ["dark"] } };
    const copy = plainCopies(user);
    const first = copy();
    expect(first).toEqual(copyPlain(user));
    first.createdAt.setTime(1);
    first.prefs.theme.push("light");
    first.name = "Mallory";
    expect(copy()).toEqual({ id: "u1", name: "Alice", banExpires: null, createdAt: new Date(0), prefs: { theme: ["dark"] } });
    expect(copy()).not.toBe(copy());
  });

  it("keeps an own __proto__ key as a field, as copyPlain does", () => {
    const parsed = JSON.parse('{"__proto__": {"polluted": true}, "name": "x"}') as Record<string, unknown>;
    const copy = plainCopies(parsed)();
    expect(Object.getPrototypeOf(copy)).toBe(Object.prototype);
    expect(Object.keys(copy)).toEqual(["__proto__", "name"]);
  });

  it("copies an array or a date as copyPlain does", () => {
    const list = [{ a: 1 }, new Date(0)];
    const copied = plainCopies(list)();
    expect(copied).toEqual(list);
    expect(copied[0]).not.toBe(list[0]);
    const date = new Date(5);
    expect(plainCopies(date)()).toEqual(date);
    expect(plainCopies(date)()).not.toBe(date);
  });
});
