import type { HashCredential } from "./hashing";

/**
 * Checks a hash function before any credential depends on it. A hash that returns nothing, a
 * constant or its input would make every forged key with a valid checksum match the first
 * stored row: the plugin must refuse to start instead.
 */
export async function probeHasher(hash: HashCredential, optionName: string): Promise<void> {
  const a = `probe_${crypto.randomUUID()}`;
  const b = `probe_${crypto.randomUUID()}`;
  const [a1, a2, b1] = [checkedHashOutput(await hash(a), a, optionName), await hash(a), await hash(b)];
  if (a1 !== a2) throw new TypeError(`"${optionName}" must return the same hash for the same credential`);
  if (a1 === b1) throw new TypeError(`"${optionName}" must return different hashes for different credentials`);
}

/** A hash output is a non-empty string that is not the credential itself. */
export function checkedHashOutput(output: unknown, credential: string, optionName: string): string {
  if (typeof output !== "string" || output.length === 0 || output === credential) {
    throw new TypeError(`"${optionName}" must return a non-empty string that differs from the credential`);
  }
  return output;
}
