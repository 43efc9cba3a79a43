/** A user row as the API's user object (API.md §4); the password hash never leaves. */
import { formatDate } from "../lib/iso-date";
import { dateOrNull, present } from "../http/representation";
import { parseStoredList } from "../http/tags";

export interface UserRow {
  id: string;
  firstName: string;
  lastName: string;
  username: string;
  email: string;
  locale: string;
  tags: string;
  createdAt: number;
  lastLoginAt: number | null;
}

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
