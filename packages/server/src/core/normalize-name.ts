import { credentialError } from "./credential-errors";

const CONTROL_CHARACTERS = /\p{Cc}/u;

/** Names are shown in UIs and logs: trimmed, 1–64 characters, no control characters. */
export function normalizeName(raw: string): string {
  const name = raw.trim();
  if (name.length < 1 || name.length > 64 || CONTROL_CHARACTERS.test(name)) {
    throw credentialError("INVALID_NAME");
  }
  return name;
}
