/** The /offerings routes (API.md §5). */
import { collection } from "../http/collection";
import { jsonBody } from "../http/route";
import { getOffering, listOfferings } from "./read";
import { toOffering } from "./representation";
import { OfferingCreateSchema, OfferingListQuerySchema, OfferingPageSchema, OfferingSchema, OfferingUpdateSchema } from "./schemas";
import { createOfferingPlan, deleteOffering, updateOffering } from "./write";

export function offeringRoutes() {
  return collection({
    path: "/offerings",
    noun: { a: "an offering", many: "offerings" },
    represent: toOffering,
    list: {
      summary: "List offerings by orderIndex, createdDate, id",
      query: OfferingListQuerySchema,
      page: OfferingPageSchema,
      // studentId: DigitalChalk's older name of userId (API.md §10).
      read: (db, organizationId, { studentId, ...filters }, page, now) =>
        listOfferings(db, organizationId, { ...filters, userId: filters.userId ?? studentId }, page, now),
    },
    getOne: { item: OfferingSchema, read: getOffering },
    create: { body: jsonBody(OfferingCreateSchema), plan: createOfferingPlan },
    update: { body: jsonBody(OfferingUpdateSchema), write: updateOffering },
    remove: { summary: "Delete an offering; its registrations stay readable", write: deleteOffering },
  });
}
