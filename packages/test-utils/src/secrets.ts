
/** Length of the slices searched for: long enough that a match is a leak, not a coincidence. */
const SLICE_LENGTH = 16;

/**
 * Every place in `haystack` where `secret`, or any 16-character slice of it, appears.
 * Used over database rows and captured logs: key material must be in neither.
 */
export function findSecret(haystack: string, secret: string): string[] {
  const found: string[] = [];
  for (let start = 0; start + SLICE_LENGTH <= secret.length; start++) {
    const slice = secret.slice(start, start + SLICE_LENGTH);
    if (haystack.includes(slice)) found.push(slice);
  }
  return found;
}

/** Scans every row of every table (from `t.readAllRows()`) for a secret or a slice of it. */
export function findSecretAtRest(
  db: Record<string, Record<string, unknown>[]>,
  secret: string,
): { table: string; row: number }[] {
  const hits: { table: string; row: number }[] = [];
  for (const [table, rows] of Object.entries(db)) {
    rows.forEach((row, index) => {
      if (findSecret(JSON.stringify(row), secret).length > 0) hits.push({ table, row: index });
    });
  }
  return hits;
}
