/** The /userfieldcategories routes (API.md §7a): HTTP in, one domain operation, HTTP out. */
import { collection } from "../http/collection";
import { jsonBody, jsonDoc } from "../http/route";
import { getUserfieldCategory, listUserfieldCategories } from "./read";
import { toUserfieldCategory } from "./representation";
import { UserfieldCategoryCreateSchema, UserfieldCategoryListQuerySchema, UserfieldCategoryPageSchema, UserfieldCategorySchema, UserfieldCategoryUpdateSchema } from "./schemas";
import { createUserfieldCategoryPlan, deleteUserfieldCategory, updateUserfieldCategory } from "./write";

export function userfieldCategoryRoutes() {
  return collection({
    tags: ["Userfield categories"],
    path: "/userfieldcategories",
    notFound: "No such userfield category",
    represent: toUserfieldCategory,
    list: {
      summary: "List userfield categories by orderIndex, then creation",
      query: UserfieldCategoryListQuerySchema,
      page: jsonDoc(UserfieldCategoryPageSchema, "A page of userfield categories"),
      read: listUserfieldCategories,
    },
    getOne: { summary: "Read a userfield category", item: jsonDoc(UserfieldCategorySchema, "The userfield category"), read: getUserfieldCategory },
    create: { summary: "Create a userfield category", body: jsonBody(UserfieldCategoryCreateSchema), plan: createUserfieldCategoryPlan },
    update: { summary: "Update a userfield category (partial)", body: jsonBody(UserfieldCategoryUpdateSchema), write: updateUserfieldCategory },
    remove: { summary: "Delete a userfield category; its fields stay, without a category", write: deleteUserfieldCategory },
  });
}
