/**
 * A deep copy of plain data: objects, arrays and dates are copied, anything else is shared.
 * What the credential cache holds is plain data read from the database, and this copy is what
 * keeps a caller from holding a reference into it. `structuredClone` does the same through V8's
 * serializer and cost about 40% of a warm verification.
 */
export function copyPlain<T>(value: T): T {
  if (value === null || typeof value !== "object") return value;
  if (value instanceof Date) return new Date(value.getTime()) as T;
  if (Array.isArray(value)) return value.map(copyPlain) as T;
  const copy: Record<string, unknown> = {};
  for (const [key, field] of Object.entries(value)) {
    // An own "__proto__" (from JSON.parse) stays a field; assigning it would swap the prototype.
    if (key === "__proto__") Object.defineProperty(copy, key, { value: copyPlain(field), enumerable: true, writable: true, configurable: true });
    else copy[key] = copyPlain(field);
  }
  return copy as T;
}
