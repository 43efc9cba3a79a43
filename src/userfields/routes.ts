/** The /userfields routes (API.md §7a): HTTP in, one domain operation, HTTP out. */
import { collection } from "../http/collection";
import { jsonBody, jsonDoc } from "../http/route";
import { getUserfield, listUserfields } from "./read";
import { toUserfield } from "./representation";
import { UserfieldCreateSchema, UserfieldListQuerySchema, UserfieldPageSchema, UserfieldSchema, UserfieldUpdateSchema } from "./schemas";
import { createUserfieldPlan, deleteUserfield, updateUserfield } from "./write";

export function userfieldRoutes() {
  return collection({
    tags: ["Userfields"],
    path: "/userfields",
    notFound: "No such userfield",
    represent: toUserfield,
    list: {
      summary: "List userfields by category orderIndex, then orderIndex, then creation",
      query: UserfieldListQuerySchema,
      page: jsonDoc(UserfieldPageSchema, "A page of userfields"),
      read: listUserfields,
    },
    getOne: { summary: "Read a userfield", item: jsonDoc(UserfieldSchema, "The userfield"), read: getUserfield },
    create: { summary: "Create a userfield", body: jsonBody(UserfieldCreateSchema), plan: createUserfieldPlan },
    update: { summary: "Update a userfield (partial)", body: jsonBody(UserfieldUpdateSchema), write: updateUserfield },
    remove: { summary: "Delete a userfield and every value of it", write: deleteUserfield },
  });
}
