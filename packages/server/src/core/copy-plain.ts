/**
 * A deep copy of plain data: objects, arrays and dates are copied, anything else is shared.
 * What the credential cache holds is plain data read from the database, and this copy is what
 * keeps a caller from holding a reference into it. Verified requests make them (of a key's
 * metadata; of the user, through `plainCopies`), so it is built for speed: a spread copies an
 * object's fields in one step, and only the fields that are objects are visited again.
 * `structuredClone` does the same through V8's serializer and cost about 40% of a warm
 * verification; copying through `Object.entries` still cost about a third.
 */
export function copyPlain<T>(value: T): T {
  if (value === null || typeof value !== "object") return value;
  // `new Date(date)` reads the time value directly: cheaper than through `getTime()`.
  if (value instanceof Date) return new Date(value) as T;
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

/**
 * Deep copies of one object that is copied often and never changed in place, such as a cached
 * user: which of its fields hold objects is found once, here, rather than on every copy. A warm
 * verification runs about 5% fewer instructions than with `copyPlain` (callgrind).
 */
export function plainCopies<T extends object>(original: T): () => T {
  // Arrays, dates and an own "__proto__" need `copyPlain`'s care: not worth a faster path.
  if (Array.isArray(original) || original instanceof Date) return () => copyPlain(original);
  const dates: string[] = [];
  const nested: string[] = [];
  for (const key of Object.keys(original)) {
    const field = (original as Record<string, unknown>)[key];
    if (field === null || typeof field !== "object") continue;
    if (key === "__proto__") return () => copyPlain(original);
    (field instanceof Date ? dates : nested).push(key);
  }
  const fields = original as Record<string, unknown>;
  return () => {
    const copy = { ...fields };
    for (const key of dates) copy[key] = new Date(fields[key] as Date);
    for (const key of nested) copy[key] = copyPlain(fields[key]);
    return copy as T;
  };
}
