/** The /offerings routes (API.md §5). */
import { createRoute, OpenAPIHono } from "@hono/zod-openapi";
import { isId } from "../db/ids";
import type { AppEnv } from "../http/app-env";
import { fieldError, resourceNotFound } from "../http/errors";
import { jsonBody } from "../http/json-body";
import { createdResponse, errorResponse, idParam, noContentResponse } from "../http/openapi-schemas";
import { pageBody } from "../http/paging";
import { noContent } from "../http/responses";
import { createdOnce } from "../idempotency/created-once";
import { idempotencyKeyParameter, keyReusedResponse } from "../idempotency/openapi";
import { fieldErrorsHook } from "../http/validation";
import { getOffering, listOfferings } from "./read";
import { toOffering } from "./representation";
import {
  OfferingCreateSchema,
  OfferingListQuerySchema,
  OfferingPageSchema,
  OfferingSchema,
  OfferingUpdateSchema,
} from "./schemas";
import { createOffering, deleteOffering, updateOffering } from "./write";

const tags = ["Offerings"];
const security = [{ Bearer: [] }];

const list = createRoute({
  method: "get",
  path: "/offerings",
  tags,
  security,
  summary: "List offerings by orderIndex, createdDate, id",
  request: { query: OfferingListQuerySchema },
  responses: {
    200: { description: "A page of offerings", content: { "application/json": { schema: OfferingPageSchema } } },
    400: errorResponse("Invalid paging or filter"),
  },
});

const getOne = createRoute({
  method: "get",
  path: "/offerings/{id}",
  tags,
  security,
  summary: "Read an offering",
  request: { params: idParam },
  responses: {
    200: { description: "The offering", content: { "application/json": { schema: OfferingSchema } } },
    404: errorResponse("No such offering"),
  },
});

const create = createRoute({
  method: "post",
  path: "/offerings",
  tags,
  security,
  summary: "Create an offering",
  parameters: [idempotencyKeyParameter],
  middleware: [jsonBody()] as const,
  request: { body: { required: true, content: { "application/json": { schema: OfferingCreateSchema } } } },
  responses: { 201: createdResponse, 400: errorResponse("Invalid fields"), 422: keyReusedResponse },
});

const update = createRoute({
  method: "put",
  path: "/offerings/{id}",
  tags,
  security,
  summary: "Update an offering (partial)",
  middleware: [jsonBody()] as const,
  request: {
    params: idParam,
    body: { required: true, content: { "application/json": { schema: OfferingUpdateSchema } } },
  },
  responses: { 204: noContentResponse, 400: errorResponse("Invalid fields"), 404: errorResponse("No such offering") },
});

const remove = createRoute({
  method: "delete",
  path: "/offerings/{id}",
  tags,
  security,
  summary: "Delete an offering; its registrations stay readable",
  request: { params: idParam },
  responses: { 204: noContentResponse, 404: errorResponse("No such offering") },
});

export function offeringRoutes() {
  return new OpenAPIHono<AppEnv>({ defaultHook: fieldErrorsHook })
    .openapi(list, async (c) => {
      const { limit, offset, ...filters } = c.req.valid("query");
      const page = { limit, offset };
      const rows = await listOfferings(c.var.db, c.var.organizationId, filters, page, Date.now());
      return c.json(pageBody(c.req.url, page, rows.map(toOffering)), 200);
    })
    .openapi(getOne, async (c) => {
      const { id } = c.req.valid("param");
      const row = isId(id) ? await getOffering(c.var.db, c.var.organizationId, id) : undefined;
      if (row === undefined) throw resourceNotFound();
      return c.json(toOffering(row), 200);
    })
    .openapi(create, (c) =>
      createdOnce(c, "offerings", async (options) => {
        const result = await createOffering(c.var.db, c.var.organizationId, c.req.valid("json"), Date.now(), options);
        if (!result.ok) throw fieldError(result.fieldErrors);
      }),
    )
    .openapi(update, async (c) => {
      const { id } = c.req.valid("param");
      const input = c.req.valid("json");
      if (!isId(id)) throw resourceNotFound();
      const result = await updateOffering(c.var.db, c.var.organizationId, id, input, Date.now());
      if (result.ok) return noContent();
      if (result.notFound) throw resourceNotFound();
      throw fieldError(result.fieldErrors);
    })
    .openapi(remove, async (c) => {
      const { id } = c.req.valid("param");
      if (!isId(id) || !(await deleteOffering(c.var.db, c.var.organizationId, id, Date.now()))) throw resourceNotFound();
      return noContent();
    });
}
