import type { CredentialConfig } from "./credential-config";
import type { CredentialFormat } from "./credential-format";
import type { CredentialRow } from "./credential-table";

/** Characters of the random part kept in `start` after the prefix, so people can tell keys apart. */
const START_RANDOM_CHARACTERS = 4;

/** The `start` we write for `secret`, on create and on roll: the prefix and 4 random characters. */
export function startOf(secret: string, format: CredentialFormat): string {
  return secret.slice(0, format.prefix.length + START_RANDOM_CHARACTERS);
}

/**
 * Whether `row` was written by `@better-auth/api-key` rather than by us: its `start` is not what
 * our format writes (`startOf`). Such a row carries upstream's limiter columns (on, 10 a day, by
 * default) that our verification never reads for it (`ownFormat` in `request-limits.ts`).
 *
 * A heuristic, as the table records no author: it misses an upstream key made with our prefix
 * and a `start` of exactly the prefix and 4 characters (`startingCharactersConfig`), which it
 * takes for ours. A row of ours made under an earlier `prefix` counts as upstream's, which is
 * how verification treats its value too.
 */
export function madeByUpstream(row: Pick<CredentialRow, "start">, format: CredentialFormat): boolean {
  const { start } = row;
  return typeof start !== "string" || start.length !== format.prefix.length + START_RANDOM_CHARACTERS || !start.startsWith(format.prefix);
}

/** A row of an API-key configuration that upstream made; personal tokens are only ever ours. */
export function upstreamApiKeyRow(kind: Pick<CredentialConfig, "authMethod" | "format">, row: Pick<CredentialRow, "start">): boolean {
  return kind.authMethod === "api-key" && madeByUpstream(row, kind.format);
}
