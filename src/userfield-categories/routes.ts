/** The /userfieldcategories routes (API.md §7a): HTTP in, one domain operation, HTTP out. */
import { collection } from "../http/collection";
import { jsonBody } from "../http/route";
import { getUserfieldCategory, listUserfieldCategories } from "./read";
import { toUserfieldCategory } from "./representation";
import { UserfieldCategoryCreateSchema, UserfieldCategoryListQuerySchema, UserfieldCategoryPageSchema, UserfieldCategorySchema, UserfieldCategoryUpdateSchema } from "./schemas";
import { createUserfieldCategoryPlan, deleteUserfieldCategory, updateUserfieldCategory } from "./write";

export function userfieldCategoryRoutes() {
  return collection({
    path: "/userfieldcategories",
    noun: { a: "a userfield category", many: "userfield categories" },
    represent: toUserfieldCategory,
    list: {
      summary: "List userfield categories by orderIndex, then creation",
      query: UserfieldCategoryListQuerySchema,
      page: UserfieldCategoryPageSchema,
      read: listUserfieldCategories,
    },
    getOne: { item: UserfieldCategorySchema, read: getUserfieldCategory },
    create: { body: jsonBody(UserfieldCategoryCreateSchema), plan: createUserfieldCategoryPlan },
    update: { body: jsonBody(UserfieldCategoryUpdateSchema), write: updateUserfieldCategory },
    remove: { summary: "Delete a userfield category; its fields stay, without a category", write: deleteUserfieldCategory },
  });
}
