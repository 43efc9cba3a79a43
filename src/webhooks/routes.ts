/** The /webhooks routes (issue 15; README "Webhooks"): HTTP in, one domain operation, HTTP out. */
import { createRoute, OpenAPIHono } from "@hono/zod-openapi";
import type { TypedResponse } from "hono";
import { isId } from "../db/ids";
import type { AppEnv } from "../http/app-env";
import { createTarget, runCreate } from "../http/create";
import {
  errorResponse,
  fieldErrors,
  MESSAGES,
  resourceNotFound,
  validationHook,
  type ApiError,
  type ErrorBody,
} from "../http/errors";
import { bodyRules } from "../http/json-body";
import { pageBody } from "../http/paging";
import { noContent } from "../http/responses";
import {
  authErrors,
  BEARER,
  bodyErrors,
  createdDoc,
  errorDoc,
  idempotencyKeyParameter,
  idParam,
  jsonBody,
  jsonDoc,
  keyReusedDoc,
  noContentDoc,
} from "../http/route";
import { createdSecret, getWebhook, listDeliveries, listWebhooks } from "./read";
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
import { acceptableWebhookUrl } from "./url";
import { createWebhookPlan, deleteWebhook, retryDelivery, updateWebhook } from "./write";

const tags = ["Webhooks"];
const security = BEARER;

const list = createRoute({
  method: "get",
  path: "/webhooks",
  tags,
  security,
  summary: "List the organization's webhooks, oldest first",
  request: { query: WebhookListQuerySchema },
  responses: {
    200: jsonDoc(WebhookPageSchema, "A page of webhooks"),
    400: errorDoc("Invalid paging"),
    ...authErrors,
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
    200: jsonDoc(WebhookSchema, "The webhook"),
    404: errorDoc("No such webhook"),
    ...authErrors,
  },
});

const create = createRoute({
  method: "post",
  path: "/webhooks",
  tags,
  security,
  summary: "Subscribe a URL to events; the answer holds the signing secret, once",
  parameters: [idempotencyKeyParameter],
  middleware: [bodyRules()] as const,
  request: { body: jsonBody(WebhookCreateSchema) },
  responses: {
    201: {
      ...createdDoc,
      description: "Created; `Location` names the webhook. The body holds its id and signing secret (again on a replay).",
      content: { "application/json": { schema: WebhookCreatedSchema } },
    },
    400: errorDoc("Invalid fields, or a malformed Idempotency-Key"),
    422: keyReusedDoc,
    ...bodyErrors,
    ...authErrors,
  },
});

const update = createRoute({
  method: "put",
  path: "/webhooks/{id}",
  tags,
  security,
  summary: "Update a webhook (partial)",
  middleware: [bodyRules()] as const,
  request: { params: idParam, body: jsonBody(WebhookUpdateSchema) },
  responses: { 204: noContentDoc, 400: errorDoc("Invalid fields"), 404: errorDoc("No such webhook"), ...bodyErrors, ...authErrors },
});

const remove = createRoute({
  method: "delete",
  path: "/webhooks/{id}",
  tags,
  security,
  summary: "Delete a webhook; its pending deliveries end as failed",
  request: { params: idParam },
  responses: { 204: noContentDoc, 404: errorDoc("No such webhook"), ...authErrors },
});

const deliveries = createRoute({
  method: "get",
  path: "/webhooks/{id}/deliveries",
  tags,
  security,
  summary: "The webhook's deliveries, oldest first",
  request: { params: idParam, query: WebhookListQuerySchema },
  responses: {
    200: jsonDoc(DeliveryPageSchema, "A page of deliveries"),
    400: errorDoc("Invalid paging"),
    404: errorDoc("No such webhook"),
    ...authErrors,
  },
});

const retry = createRoute({
  method: "post",
  path: "/webhooks/{id}/deliveries/{deliveryId}/retry",
  tags,
  security,
  summary: "Send a delivery again (the same webhook-id), with a fresh 24-hour schedule",
  request: { params: deliveryParams },
  responses: {
    202: { description: "Accepted: the delivery is pending again. Empty body." },
    404: errorDoc("No such delivery"),
    ...authErrors,
  },
});

/**
 * An error answer typed as the JSON error body the route documents (its 201 has a body too, so a
 * bare Response would not fit the route's type).
 */
type ErrorAnswer = Response & TypedResponse<ErrorBody, 400 | 422, "json">;
const refusal = (error: ApiError) => errorResponse(error) as ErrorAnswer;

/** The id at the end of a Location. */
const idOf = (location: string) => location.slice(location.lastIndexOf("/") + 1);

/** The setting's verdict on a URL the schema let through (it cannot see settings). */
function urlRefusal(url: string | undefined, allowLocal: boolean): ApiError | undefined {
  return url === undefined || acceptableWebhookUrl(url, allowLocal) ? undefined : fieldErrors({ url: MESSAGES.webhookUrlNotPublic });
}

export function webhookRoutes() {
  return new OpenAPIHono<AppEnv>({ defaultHook: validationHook })
    .openapi(list, async (c) => {
      const page = c.req.valid("query");
      const rows = await listWebhooks(c.var.db, c.var.organizationId, page);
      return c.json(pageBody(c.req.url, page, rows.map(toWebhook)), 200);
    })
    .openapi(getOne, async (c) => {
      const { id } = c.req.valid("param");
      const row = isId(id) ? await getWebhook(c.var.db, c.var.organizationId, id) : undefined;
      if (row === undefined) return resourceNotFound();
      return c.json(toWebhook(row), 200);
    })
    .openapi(create, async (c) => {
      const input = c.req.valid("json");
      const refused = urlRefusal(input.url, c.var.settings.allowLocalWebhooks);
      if (refused) return refusal(refused);
      const target = await createTarget(c, "webhooks");
      if (!target.ok) return refusal(target.error);
      const plan = createWebhookPlan(c.var.db, c.var.organizationId, input, target.now, target);
      const run = await runCreate(c.var.db, target, plan);
      if (run.answer) {
        // The same request again (same organization, key and body): the same id and secret, at
        // the cost of one more read. Otherwise the key's 422.
        const { replayed } = run;
        const original = replayed === undefined ? undefined : await createdSecret(c.var.db, c.var.organizationId, idOf(replayed));
        if (replayed !== undefined && original !== undefined) return c.json(original, 201, { Location: replayed });
        return run.answer as ErrorAnswer;
      }
      return c.json({ id: target.id, secret: plan.secret }, 201, { Location: target.location });
    })
    .openapi(update, async (c) => {
      const { id } = c.req.valid("param");
      const input = c.req.valid("json");
      const refused = urlRefusal(input.url, c.var.settings.allowLocalWebhooks);
      if (refused) return refusal(refused);
      if (!isId(id) || !(await updateWebhook(c.var.db, c.var.organizationId, id, input))) return resourceNotFound();
      return noContent();
    })
    .openapi(remove, async (c) => {
      const { id } = c.req.valid("param");
      if (!isId(id) || !(await deleteWebhook(c.var.db, c.var.organizationId, id, Date.now()))) return resourceNotFound();
      return noContent();
    })
    .openapi(deliveries, async (c) => {
      const { id } = c.req.valid("param");
      const page = c.req.valid("query");
      if (!isId(id)) return resourceNotFound();
      const { found, rows } = await listDeliveries(c.var.db, c.var.organizationId, id, page);
      if (!found) return resourceNotFound();
      return c.json(pageBody(c.req.url, page, rows.map(toDelivery)), 200);
    })
    .openapi(retry, async (c) => {
      const { id, deliveryId } = c.req.valid("param");
      const done = isId(id) && isId(deliveryId) && (await retryDelivery(c.var.db, c.var.organizationId, id, deliveryId, Date.now()));
      if (!done) return resourceNotFound();
      return c.body(null, 202);
    });
}
