/**
 * DigitalChalk's predefined contact fields (API.md §7a), which every organization starts with:
 * all `text`, in no category, ordered as listed. The migration that introduced userfields
 * (migrations/0004_userfields.sql) gave them to the organizations that existed then.
 */
import type { Db } from "./client";
import { newId } from "../lib/crypto";
import { userfields } from "./schema";

export const PREDEFINED_USERFIELDS = [
  "Phone Number",
  "Street 1",
  "Street 2",
  "City",
  "State/Province",
  "Postal Code",
  "Country",
] as const;

/** The insert of an organization's predefined fields, for the batch that creates it. */
export function insertPredefinedUserfields(db: Db, organizationId: string, now: number) {
  return db.insert(userfields).values(
    PREDEFINED_USERFIELDS.map((name, orderIndex) => ({
      id: newId(),
      organizationId,
      name,
      nameKey: name.toLowerCase(),
      type: "text" as const,
      orderIndex,
      createdAt: now,
    })),
  );
}
