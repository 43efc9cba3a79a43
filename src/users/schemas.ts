/** Request and response schemas of /users: they validate (with the contract's messages) and document. */
import { z } from "@hono/zod-openapi";
import { createAndUpdate } from "../http/create-update";
import { dateFilterParam } from "../http/date-filter";
import { requiredString } from "../http/route";
import { keysetPageQuery, pageSchema } from "../http/paging";
import { substringFilter } from "../http/substring-filter";
import { tagsField } from "../http/tags";
import { isEmailAddress } from "../lib/email";

const PASSWORD_MESSAGE =
  "The new password must be at least 6 characters in length, contain only letters and numbers, and contain at least one letter and one number";


const MAX_NAME = 255;

function text(field: string) {
  return requiredString(field).max(MAX_NAME, { error: `${field} must be at most ${MAX_NAME} characters` });
}

const email = requiredString("email").refine(isEmailAddress, {
  error: "Invalid email address",
});

/**
 * "No password" (API.md §4): DigitalChalk's WooCommerce plugin has sent this for every account it
 * creates since 2013 (those users sign in elsewhere). It is read as null: no usable password, and
 * no hash of it is stored.
 */
export const NO_PASSWORD = "***1UNPARSEABLE2***";

const PASSWORD = /^(?=.*[A-Za-z])(?=.*\d)[A-Za-z0-9]{6,64}$/;

const password = z
  .string({ error: PASSWORD_MESSAGE })
  .refine((value) => value === NO_PASSWORD || PASSWORD.test(value), { error: PASSWORD_MESSAGE })
  .transform((value): string | null => (value === NO_PASSWORD ? null : value))
  .openapi({ writeOnly: true, example: "secret123", description: `\`${NO_PASSWORD}\` means no password.` });

const locale = z
  .string({ error: "locale must be an ISO 639-1 language code" })
  .regex(/^[a-z]{2}$/, { error: "locale must be an ISO 639-1 language code" })
  .openapi({ example: "en" });

const fields = {
  firstName: text("firstName").openapi({ example: "Ada" }),
  lastName: text("lastName").openapi({ example: "Lovelace" }),
  email: email.openapi({ example: "ada@example.com" }),
  username: text("username").optional().openapi({ description: "Defaults to the email." }),
  password: password.optional(),
  locale: locale.optional(),
  tags: tagsField.optional(),
};

export const { create: UserCreateSchema, update: UserUpdateSchema } = createAndUpdate("User", fields, ["firstName", "lastName", "email"]);

export type UserCreate = z.infer<typeof UserCreateSchema>;
export type UserUpdate = z.infer<typeof UserUpdateSchema>;

export const UserSchema = z
  .object({
    id: z.string(),
    firstName: z.string(),
    lastName: z.string(),
    username: z.string(),
    email: z.string(),
    locale: z.string(),
    tags: z.array(z.string()).optional().openapi({ description: "Omitted when there are none." }),
    createdDate: z.string(),
    lastLoginDate: z.string().optional(),
  })
  .openapi("User");

export const UserPageSchema = pageSchema(UserSchema, "UserPage");

export const UserListQuerySchema = z.object({
  ...keysetPageQuery,
  firstName: substringFilter("firstName"),
  lastName: substringFilter("lastName"),
  username: substringFilter("username"),
  email: substringFilter("email"),
  createdDate: dateFilterParam("createdDate"),
  lastLoginDate: dateFilterParam("lastLoginDate"),
});
