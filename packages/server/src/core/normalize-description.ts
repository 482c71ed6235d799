import { credentialError } from "./credential-errors";

const CONTROL_CHARACTERS = /\p{Cc}/u;
const MAX_DESCRIPTION_LENGTH = 512;

/**
 * Descriptions are shown in UIs and logs: trimmed, at most 512 characters, no control characters
 * (NUL is also refused by PostgreSQL text columns; line breaks and escapes forge log lines).
 */
export function normalizeDescription(raw: string | null): string | null {
  if (raw === null) return null;
  const description = raw.trim();
  if (description.length > MAX_DESCRIPTION_LENGTH || CONTROL_CHARACTERS.test(description)) {
    throw credentialError("INVALID_DESCRIPTION");
  }
  return description;
}
