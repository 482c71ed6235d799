import { credentialError } from "./credential-errors";
import { UNSHOWABLE_CHARACTERS } from "./unshowable-text";

const MAX_DESCRIPTION_LENGTH = 512;

/**
 * Descriptions are shown in UIs and logs: trimmed, at most 512 UTF-16 code units, nothing unshowable.
 */
export function normalizeDescription(raw: string | null): string | null {
  if (raw === null) return null;
  const description = raw.trim();
  if (description.length > MAX_DESCRIPTION_LENGTH || UNSHOWABLE_CHARACTERS.test(description)) {
    throw credentialError("INVALID_DESCRIPTION");
  }
  return description;
}
