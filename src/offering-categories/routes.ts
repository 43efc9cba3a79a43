/** The /offeringcategories routes (API.md §5): HTTP in, one domain operation, HTTP out. */
import { collection } from "../http/collection";
import { jsonBody } from "../http/route";
import { getOfferingCategory, listOfferingCategories } from "./read";
import { toOfferingCategory } from "./representation";
import { OfferingCategoryCreateSchema, OfferingCategoryListQuerySchema, OfferingCategoryPageSchema, OfferingCategorySchema, OfferingCategoryUpdateSchema } from "./schemas";
import { createOfferingCategoryPlan, deleteOfferingCategory, updateOfferingCategory } from "./write";

export function offeringCategoryRoutes() {
  return collection({
    path: "/offeringcategories",
    noun: { a: "an offering category", many: "offering categories" },
    represent: toOfferingCategory,
    list: {
      summary: "List offering categories by orderIndex, then creation",
      query: OfferingCategoryListQuerySchema,
      page: OfferingCategoryPageSchema,
      read: listOfferingCategories,
    },
    getOne: { item: OfferingCategorySchema, read: getOfferingCategory },
    create: { body: jsonBody(OfferingCategoryCreateSchema), plan: createOfferingCategoryPlan },
    update: { body: jsonBody(OfferingCategoryUpdateSchema), write: updateOfferingCategory },
    remove: { summary: "Delete an offering category; offerings no longer list it", write: deleteOfferingCategory },
  });
}
