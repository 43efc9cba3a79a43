/** Which slice of a list a read returns: the query's side of paging (the links are http/paging.ts). */

/** A row's position in a list ordered by creation: its creation time (epoch ms) and id. */
export interface Cursor {
  createdAt: number;
  id: string;
}

export interface Page {
  limit: number;
  offset: number;
  /** Keyset lists only: the page starts `offset` rows after this position. */
  after?: Cursor | undefined;
}

/** A query that can still be limited and offset (a select builder before its `.limit()`). */
interface Pageable<Rows> {
  limit(limit: number): { offset(offset: number): Rows };
}

/**
 * The page of an offset list: up to `limit + 1` rows from `offset` on (the extra row tells the
 * caller that `next` exists). The keyset lists page with creation-order.ts instead.
 */
export function offsetPage<Rows>(query: Pageable<Rows>, page: Page): Rows {
  return query.limit(page.limit + 1).offset(page.offset);
}
