/** An exact-match filter of a list (`?status=passed`): no condition when the filter is not given. */
import { eq, type Column, type GetColumnData, type SQL } from "drizzle-orm";

export function equalIfGiven<C extends Column>(column: C, value: GetColumnData<C, "raw"> | undefined): SQL | undefined {
  return value === undefined ? undefined : eq(column, value);
}
