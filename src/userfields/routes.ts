/** The /userfields routes (API.md §7a): HTTP in, one domain operation, HTTP out. */
import { collection } from "../http/collection";
import { jsonBody } from "../http/route";
import { getUserfield, listUserfields } from "./read";
import { toUserfield } from "./representation";
import { UserfieldCreateSchema, UserfieldListQuerySchema, UserfieldPageSchema, UserfieldSchema, UserfieldUpdateSchema } from "./schemas";
import { createUserfieldPlan, deleteUserfield, updateUserfield } from "./write";

export function userfieldRoutes() {
  return collection({
    path: "/userfields",
    noun: { a: "a userfield", many: "userfields" },
    represent: toUserfield,
    list: {
      summary: "List userfields by category orderIndex, then orderIndex, then creation",
      query: UserfieldListQuerySchema,
      page: UserfieldPageSchema,
      read: listUserfields,
    },
    getOne: { item: UserfieldSchema, read: getUserfield },
    create: { body: jsonBody(UserfieldCreateSchema), plan: createUserfieldPlan },
    update: { body: jsonBody(UserfieldUpdateSchema), write: updateUserfield },
    remove: { summary: "Delete a userfield and every value of it", write: deleteUserfield },
  });
}
