/**
 * A deep copy of plain data: objects, arrays and dates are copied, anything else is shared.
 * What the credential cache holds is plain data read from the database, and this copy is what
 * keeps a caller from holding a reference into it. Every verified request makes one, so it is
 * built for speed: a spread copies an object's fields in one step, and only the fields that are
 * objects are visited again. `structuredClone` does the same through V8's serializer and cost
 * about 40% of a warm verification; copying through `Object.entries` still cost about a third.
 */
export function copyPlain<T>(value: T): T {
  if (value === null || typeof value !== "object") return value;
  if (value instanceof Date) return new Date(value.getTime()) as T;
  if (Array.isArray(value)) return value.map(copyPlain) as T;
  // A spread defines each field, so an own "__proto__" (from JSON.parse) stays a field.
  const copy = { ...value } as Record<string, unknown>;
  for (const key of Object.keys(copy)) {
    const field = copy[key];
    if (field === null || typeof field !== "object") continue;
    // Assigning "__proto__" would swap the copy's prototype: it is defined instead.
    if (key === "__proto__") Object.defineProperty(copy, key, { value: copyPlain(field), enumerable: true, writable: true, configurable: true });
    else copy[key] = copyPlain(field);
  }
  return copy as T;
}
