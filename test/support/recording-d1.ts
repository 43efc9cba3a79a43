/**
 * A D1 binding that runs nothing: it records every statement it is asked to run (SQL and
 * parameters, batches statement by statement) and answers "no rows". Drizzle over it yields the
 * exact statements a domain operation sends. Used by test/platform/query-plans.test.ts and by the
 * benchmark's floor Worker (bench/workers/floor.js).
 */
export interface RecordedStatement {
  sql: string;
  params: unknown[];
}

export function recordingD1(): { binding: D1Database; statements: RecordedStatement[] } {
  const statements: RecordedStatement[] = [];
  const noRows = { results: [], success: true, meta: {} };
  const record = <T>(sql: string, params: unknown[], answer: T) => {
    statements.push({ sql, params });
    return Promise.resolve(answer);
  };
  const prepared = (sql: string, params: unknown[] = []) => ({
    sql,
    params,
    bind: (...values: unknown[]) => prepared(sql, values),
    all: () => record(sql, params, noRows),
    raw: () => record(sql, params, []),
    run: () => record(sql, params, noRows),
    first: () => record(sql, params, null),
  });
  const binding = {
    prepare: (sql: string) => prepared(sql),
    batch: (batch: RecordedStatement[]) => {
      for (const { sql, params } of batch) statements.push({ sql, params });
      return Promise.resolve(batch.map(() => noRows));
    },
  };
  return { binding: binding as unknown as D1Database, statements };
}
