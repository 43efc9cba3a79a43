/** The userfield types of API.md §7a: their aliases, and which of them take options or bounds. */
import { USERFIELD_TYPES, type UserfieldType } from "../db/schema";

/** Accepted on input and stored as the canonical name, which is what reads return. */
export const TYPE_ALIASES: Readonly<Record<string, UserfieldType>> = {
  string: "text",
  float: "decimal",
  radios: "radiobuttons",
};

export function canonicalType(name: string): UserfieldType | undefined {
  if ((USERFIELD_TYPES as readonly string[]).includes(name)) return name as UserfieldType;
  return Object.hasOwn(TYPE_ALIASES, name) ? TYPE_ALIASES[name] : undefined;
}

export const OPTION_TYPES: readonly UserfieldType[] = ["dropdown", "radiobuttons", "checkboxes"];
/** `constraints` bound the value of integer and decimal, the length of text. */
export const BOUNDED_TYPES: readonly UserfieldType[] = ["text", "integer", "decimal"];

export const TYPE_MESSAGE = `type must be one of ${USERFIELD_TYPES.join(", ")}`;
export const OPTIONS_REQUIRED = "options are required for this type";
