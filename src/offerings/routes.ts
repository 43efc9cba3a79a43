/** The /offerings routes (API.md §5). */
import { collection } from "../http/collection";
import { jsonBody, jsonDoc } from "../http/route";
import { getOffering, listOfferings } from "./read";
import { toOffering } from "./representation";
import { OfferingCreateSchema, OfferingListQuerySchema, OfferingPageSchema, OfferingSchema, OfferingUpdateSchema } from "./schemas";
import { createOfferingPlan, deleteOffering, updateOffering } from "./write";

export function offeringRoutes() {
  return collection({
    tags: ["Offerings"],
    path: "/offerings",
    notFound: "No such offering",
    represent: toOffering,
    list: {
      summary: "List offerings by orderIndex, createdDate, id",
      query: OfferingListQuerySchema,
      page: jsonDoc(OfferingPageSchema, "A page of offerings"),
      // studentId: DigitalChalk's older name of userId (API.md §10).
      read: (db, organizationId, { studentId, ...filters }, page, now) =>
        listOfferings(db, organizationId, { ...filters, userId: filters.userId ?? studentId }, page, now),
    },
    getOne: { summary: "Read an offering", item: jsonDoc(OfferingSchema, "The offering"), read: getOffering },
    create: { summary: "Create an offering", body: jsonBody(OfferingCreateSchema), plan: createOfferingPlan },
    update: { summary: "Update an offering (partial)", body: jsonBody(OfferingUpdateSchema), write: updateOffering },
    remove: { summary: "Delete an offering; its registrations stay readable", write: deleteOffering },
  });
}
