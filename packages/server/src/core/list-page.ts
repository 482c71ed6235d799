import * as z from "zod";

/** The most rows one page may hold; a larger `limit` is refused rather than silently cut. */
export const MAX_PAGE_SIZE = 100;

/** Public sort names, and the column each reads (`lastUsedAt` is upstream's `lastRequest`). */
const SORT_COLUMNS = { createdAt: "createdAt", name: "name", lastUsedAt: "lastRequest", expiresAt: "expiresAt" } as const;
type SortBy = keyof typeof SORT_COLUMNS;

/**
 * The paging query of `list` endpoints, in upstream's names. Query strings are text, so numbers
 * are coerced; anything that is not a whole number in range is a 400, never a 500.
 */
export const listPageQuery = {
  limit: z.coerce
    .number()
    .int()
    .min(1)
    .max(MAX_PAGE_SIZE)
    .optional()
    .meta({ description: `Rows in this page, 1 to ${MAX_PAGE_SIZE}; absent for all.` }),
  offset: z.coerce
    .number()
    .int()
    .min(0)
    .max(1_000_000)
    .optional()
    .meta({ description: "Rows to skip before this page." }),
  sortBy: z
    .enum(Object.keys(SORT_COLUMNS) as [SortBy, ...SortBy[]])
    .optional()
    .meta({ description: "The field to sort by; `createdAt` by default." }),
  sortDirection: z.enum(["asc", "desc"]).optional().meta({ description: "`desc` (newest first) by default." }),
};

/** One page of an owner's credentials, as the store reads it. */
export interface ListPage {
  limit: number | undefined;
  offset: number;
  sortBy: { field: (typeof SORT_COLUMNS)[SortBy]; direction: "asc" | "desc" };
}

export function readListPage(query: { limit?: number | undefined; offset?: number | undefined; sortBy?: SortBy | undefined; sortDirection?: "asc" | "desc" | undefined }): ListPage {
  return {
    limit: query.limit,
    offset: query.offset ?? 0,
    sortBy: { field: SORT_COLUMNS[query.sortBy ?? "createdAt"], direction: query.sortDirection ?? "desc" },
  };
}

/** The answer's paging fields, in upstream's shape: `limit` is `null` when every row was asked for. */
export const pageFieldsSchema = {
  total: z.number().int().meta({ description: "How many the owner holds in all, whatever the page." }),
  limit: z.number().int().nullable().meta({ description: "The `limit` asked for; `null` for all." }),
  offset: z.number().int().meta({ description: "The `offset` asked for." }),
};
