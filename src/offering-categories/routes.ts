/** The /offeringcategories routes (API.md §5): HTTP in, one domain operation, HTTP out. */
import { collection } from "../http/collection";
import { jsonBody, jsonDoc } from "../http/route";
import { getOfferingCategory, listOfferingCategories } from "./read";
import { toOfferingCategory } from "./representation";
import { OfferingCategoryCreateSchema, OfferingCategoryListQuerySchema, OfferingCategoryPageSchema, OfferingCategorySchema, OfferingCategoryUpdateSchema } from "./schemas";
import { createOfferingCategoryPlan, deleteOfferingCategory, updateOfferingCategory } from "./write";

export function offeringCategoryRoutes() {
  return collection({
    tags: ["Offering categories"],
    path: "/offeringcategories",
    notFound: "No such offering category",
    represent: toOfferingCategory,
    list: {
      summary: "List offering categories by orderIndex, then creation",
      query: OfferingCategoryListQuerySchema,
      page: jsonDoc(OfferingCategoryPageSchema, "A page of offering categories"),
      read: listOfferingCategories,
    },
    getOne: { summary: "Read an offering category", item: jsonDoc(OfferingCategorySchema, "The offering category"), read: getOfferingCategory },
    create: { summary: "Create an offering category", body: jsonBody(OfferingCategoryCreateSchema), plan: createOfferingCategoryPlan },
    update: { summary: "Update an offering category (partial)", body: jsonBody(OfferingCategoryUpdateSchema), write: updateOfferingCategory },
    remove: { summary: "Delete an offering category; offerings no longer list it", write: deleteOfferingCategory },
  });
}
