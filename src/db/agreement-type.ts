/** The agreement types of a path (`standard`, `custom`): any other text names no agreement (404). */
import { AGREEMENT_TYPES, type AgreementType } from "./schema";

const types: readonly string[] = AGREEMENT_TYPES;

export function isAgreementType(value: string): value is AgreementType {
  return types.includes(value);
}
