/**
 * Characters that change how the text around them is shown or logged: control characters (NUL,
 * which PostgreSQL text refuses; line breaks and escapes, which forge log lines) and the
 * bidirectional embeddings, overrides and isolates (U+202A–U+202E, U+2066–U+2069), which make a
 * name read as something else ("‮txt.exe" shows as "exe.txt"). Joiners and marks that scripts
 * and emoji need are not among them.
 */
export const UNSHOWABLE_CHARACTERS = /[\p{Cc}\u202A-\u202E\u2066-\u2069]/u;
