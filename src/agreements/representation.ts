/** Agreement rows as the API's agreement objects (API.md §7). */
import { formatDate } from "../lib/iso-date";
import { dateOrNull, present } from "../http/representation";
import type { AgreementRow, UserAgreementRow } from "./read";

export type { AgreementRow, UserAgreementRow };

export function toAgreement(row: AgreementRow) {
  return {
    type: row.type,
    title: row.title,
    text: row.text,
    createdDate: formatDate(row.createdAt),
    updatedDate: formatDate(row.updatedAt),
    required: row.required,
  };
}

/** A user who never answered has not agreed; `agreedDate` exists only while agreed. */
export function toUserAgreement(row: UserAgreementRow) {
  const agreed = row.agreed ?? false;
  return present({ ...toAgreement(row), agreed, agreedDate: agreed ? dateOrNull(row.agreedAt) : null });
}

export type Agreement = ReturnType<typeof toAgreement>;
export type UserAgreement = ReturnType<typeof toUserAgreement>;
