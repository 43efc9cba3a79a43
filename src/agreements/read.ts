/** Reading an organization's enabled agreements, alone or with one user's answers. */
import { and, desc, eq } from "drizzle-orm";
import type { Db } from "../db/client";
import { columnsOf, type RowOf } from "../db/columns";
import { agreements, userAgreements, users, type AgreementType } from "../db/schema";
import { firstRow } from "../db/first-row";
import { liveUser } from "../db/live";

const columns = columnsOf(agreements, "type", "title", "text", "required", "createdAt", "updatedAt");

export type AgreementRow = RowOf<typeof columns>;

/** An enabled agreement with one user's answer; both answer fields are null when never answered. */
export interface UserAgreementRow extends AgreementRow {
  agreed: boolean | null;
  agreedAt: number | null;
}

// `standard` before `custom`, the order AGREEMENT_TYPES names them; descending text order
// gives exactly that and walks the primary key backwards instead of sorting.
const listOrder = desc(agreements.type);

export function listAgreements(db: Db, organizationId: string): Promise<AgreementRow[]> {
  return db.select(columns).from(agreements).where(eq(agreements.organizationId, organizationId)).orderBy(listOrder);
}

export function getAgreement(db: Db, organizationId: string, type: AgreementType): Promise<AgreementRow | undefined> {
  return firstRow(db.select(columns).from(agreements).where(and(eq(agreements.organizationId, organizationId), eq(agreements.type, type))));
}

const answerOfUser = and(eq(userAgreements.userId, users.id), eq(userAgreements.type, agreements.type));

/**
 * The enabled agreements with the user's answers; null when the user is unknown, deleted or of
 * another organization. The user is the driving row of a LEFT JOIN, so a live user without any
 * enabled agreement still yields one row and "no such user" needs no second query.
 */
export async function listUserAgreements(db: Db, organizationId: string, userId: string): Promise<UserAgreementRow[] | null> {
  const rows = await db
    .select({ ...columns, agreed: userAgreements.agreed, agreedAt: userAgreements.agreedAt })
    .from(users)
    .leftJoin(agreements, eq(agreements.organizationId, users.organizationId))
    .leftJoin(userAgreements, answerOfUser)
    .where(liveUser(organizationId, userId))
    .orderBy(listOrder);
  if (rows.length === 0) return null;
  const enabled: UserAgreementRow[] = [];
  for (const row of rows) {
    const { type, title, text, required, createdAt, updatedAt } = row;
    if (type === null || title === null || text === null || required === null || createdAt === null || updatedAt === null) {
      continue;
    }
    enabled.push({ type, title, text, required, createdAt, updatedAt, agreed: row.agreed, agreedAt: row.agreedAt });
  }
  return enabled;
}

/** One enabled agreement with the user's answer; undefined when the user or the agreement is missing. */
export function getUserAgreement(db: Db, organizationId: string, userId: string, type: AgreementType): Promise<UserAgreementRow | undefined> {
  return firstRow(
    db
      .select({ ...columns, agreed: userAgreements.agreed, agreedAt: userAgreements.agreedAt })
      .from(users)
      .innerJoin(agreements, and(eq(agreements.organizationId, users.organizationId), eq(agreements.type, type)))
      .leftJoin(userAgreements, answerOfUser)
      .where(liveUser(organizationId, userId)),
  );
}
