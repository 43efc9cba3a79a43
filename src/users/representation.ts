/** A user row as the API's user object (API.md §4); the password hash never leaves. */
import { formatDate } from "../lib/iso-date";
import { dateOrNull, present } from "../http/representation";
import { parseStoredList } from "../http/tags";
import type { UserRow } from "./read";

export type { UserRow };

export function toUser(row: UserRow) {
  return present({
    id: row.id,
    firstName: row.firstName,
    lastName: row.lastName,
    username: row.username,
    email: row.email,
    locale: row.locale,
    tags: parseStoredList(row.tags),
    createdDate: formatDate(row.createdAt),
    lastLoginDate: dateOrNull(row.lastLoginAt),
  });
}
