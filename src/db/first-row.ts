/** A read of one row by its key: the first row of the query, or undefined when there is none. */

/** A query that can still be limited (a select builder before its `.limit()`). */
interface Limitable<Row> {
  limit(limit: number): PromiseLike<Row[]>;
}

export async function firstRow<Row>(query: Limitable<Row>): Promise<Row | undefined> {
  const [row] = await query.limit(1);
  return row;
}
