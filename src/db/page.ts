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
