import { credentialError } from "./credential-errors";
import { UNSHOWABLE_CHARACTERS } from "./unshowable-text";

/** Names are shown in UIs and logs: trimmed, 1–64 UTF-16 code units (as HTML's `maxlength` counts), nothing unshowable. */
export function normalizeName(raw: string): string {
  const name = raw.trim();
  if (name.length < 1 || name.length > 64 || UNSHOWABLE_CHARACTERS.test(name)) {
    throw credentialError("INVALID_NAME");
  }
  return name;
}
