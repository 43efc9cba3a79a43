/** The /webhooks routes (issue 15; README "Webhooks"): HTTP in, one domain operation, HTTP out. */
import { createRoute, OpenAPIHono } from "@hono/zod-openapi";
import { isId } from "../db/ids";
import type { AppEnv } from "../http/app-env";
import { fieldError, resourceNotFound } from "../http/errors";
import { jsonBody } from "../http/json-body";
import { createdResponse, errorResponse, idParam, noContentResponse } from "../http/openapi-schemas";
import { pageBody } from "../http/paging";
import { apiPrefix, noContent } from "../http/responses";
import { fieldErrorsHook } from "../http/validation";
import { getWebhook, listDeliveries, listWebhooks } from "./read";
import { toDelivery, toWebhook } from "./representation";
import {
  deliveryParams,
  DeliveryPageSchema,
  WebhookCreatedSchema,
  WebhookCreateSchema,
  WebhookListQuerySchema,
  WebhookPageSchema,
  WebhookSchema,
  WebhookUpdateSchema,
} from "./schemas";
import { acceptableWebhookUrl, URL_MESSAGE } from "./url";
import { createWebhook, deleteWebhook, retryDelivery, updateWebhook } from "./write";

const tags = ["Webhooks"];
const security = [{ Bearer: [] }];

const list = createRoute({
  method: "get",
  path: "/webhooks",
  tags,
  security,
  summary: "List the organization's webhooks, oldest first",
  request: { query: WebhookListQuerySchema },
  responses: {
    200: { description: "A page of webhooks", content: { "application/json": { schema: WebhookPageSchema } } },
    400: errorResponse("Invalid paging"),
  },
});

const getOne = createRoute({
  method: "get",
  path: "/webhooks/{id}",
  tags,
  security,
  summary: "Read a webhook (never its secret)",
  request: { params: idParam },
  responses: {
    200: { description: "The webhook", content: { "application/json": { schema: WebhookSchema } } },
    404: errorResponse("No such webhook"),
  },
});

const create = createRoute({
  method: "post",
  path: "/webhooks",
  tags,
  security,
  summary: "Subscribe a URL to events; the answer holds the signing secret, once",
  middleware: [jsonBody()] as const,
  request: { body: { required: true, content: { "application/json": { schema: WebhookCreateSchema } } } },
  responses: {
    201: { ...createdResponse, content: { "application/json": { schema: WebhookCreatedSchema } } },
    400: errorResponse("Invalid fields"),
  },
});

const update = createRoute({
  method: "put",
  path: "/webhooks/{id}",
  tags,
  security,
  summary: "Update a webhook (partial)",
  middleware: [jsonBody()] as const,
  request: { params: idParam, body: { required: true, content: { "application/json": { schema: WebhookUpdateSchema } } } },
  responses: { 204: noContentResponse, 400: errorResponse("Invalid fields"), 404: errorResponse("No such webhook") },
});

const remove = createRoute({
  method: "delete",
  path: "/webhooks/{id}",
  tags,
  security,
  summary: "Delete a webhook; its pending deliveries end as failed",
  request: { params: idParam },
  responses: { 204: noContentResponse, 404: errorResponse("No such webhook") },
});

const deliveries = createRoute({
  method: "get",
  path: "/webhooks/{id}/deliveries",
  tags,
  security,
  summary: "The webhook's deliveries, oldest first",
  request: { params: idParam, query: WebhookListQuerySchema },
  responses: {
    200: { description: "A page of deliveries", content: { "application/json": { schema: DeliveryPageSchema } } },
    400: errorResponse("Invalid paging"),
    404: errorResponse("No such webhook"),
  },
});

const retry = createRoute({
  method: "post",
  path: "/webhooks/{id}/deliveries/{deliveryId}/retry",
  tags,
  security,
  summary: "Send a delivery again (the same webhook-id), with a fresh 24-hour schedule",
  request: { params: deliveryParams },
  responses: { 202: { description: "Accepted: the delivery is pending again. Empty body." }, 404: errorResponse("No such delivery") },
});

function checkUrl(url: string | undefined, allowLocal: boolean): void {
  if (url !== undefined && !acceptableWebhookUrl(url, allowLocal)) throw fieldError({ url: URL_MESSAGE });
}

export function webhookRoutes() {
  return new OpenAPIHono<AppEnv>({ defaultHook: fieldErrorsHook })
    .openapi(list, async (c) => {
      const page = c.req.valid("query");
      const rows = await listWebhooks(c.var.db, c.var.organizationId, page);
      return c.json(pageBody(c.req.url, page, rows.map(toWebhook)), 200);
    })
    .openapi(getOne, async (c) => {
      const { id } = c.req.valid("param");
      const row = isId(id) ? await getWebhook(c.var.db, c.var.organizationId, id) : undefined;
      if (row === undefined) throw resourceNotFound();
      return c.json(toWebhook(row), 200);
    })
    .openapi(create, async (c) => {
      const input = c.req.valid("json");
      checkUrl(input.url, c.var.settings.allowLocalWebhooks);
      const { id, secret } = await createWebhook(c.var.db, c.var.organizationId, input, Date.now());
      return c.json({ id, secret }, 201, { Location: `${apiPrefix(c)}/webhooks/${id}` });
    })
    .openapi(update, async (c) => {
      const { id } = c.req.valid("param");
      const input = c.req.valid("json");
      checkUrl(input.url, c.var.settings.allowLocalWebhooks);
      if (!isId(id) || !(await updateWebhook(c.var.db, c.var.organizationId, id, input))) throw resourceNotFound();
      return noContent();
    })
    .openapi(remove, async (c) => {
      const { id } = c.req.valid("param");
      if (!isId(id) || !(await deleteWebhook(c.var.db, c.var.organizationId, id, Date.now()))) throw resourceNotFound();
      return noContent();
    })
    .openapi(deliveries, async (c) => {
      const { id } = c.req.valid("param");
      const page = c.req.valid("query");
      if (!isId(id)) throw resourceNotFound();
      const { found, rows } = await listDeliveries(c.var.db, c.var.organizationId, id, page);
      if (!found) throw resourceNotFound();
      return c.json(pageBody(c.req.url, page, rows.map(toDelivery)), 200);
    })
    .openapi(retry, async (c) => {
      const { id, deliveryId } = c.req.valid("param");
      const done = isId(id) && isId(deliveryId) && (await retryDelivery(c.var.db, c.var.organizationId, id, deliveryId, Date.now()));
      if (!done) throw resourceNotFound();
      return c.body(null, 202);
    });
}
