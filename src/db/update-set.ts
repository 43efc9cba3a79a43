/**
 * What a partial update sets: the changes that were sent (undefined: not sent), or, when none
 * was, the id to itself. That no-op write still has to find the row, so an update of nothing
 * still tells whether the row is there (one statement either way).
 */
export function updateSet<T extends Record<string, unknown>>(changes: T, id: string): Partial<T> | { id: string } {
  const set = Object.fromEntries(Object.entries(changes).filter(([, value]) => value !== undefined)) as Partial<T>;
  return Object.keys(set).length > 0 ? set : { id };
}
