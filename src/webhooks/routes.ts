/** The /webhooks routes (issue 15; README "Webhooks"): HTTP in, one domain operation, HTTP out. */
import { createRoute } from "@hono/zod-openapi";
import { isId } from "../lib/crypto";
import { doneById } from "../http/answers";
import { collection, collectionTexts } from "../http/collection";
import { createTarget, runCreate } from "../http/create";
import { errorResponse, fieldErrors, MESSAGES, resourceNotFound, type ApiError } from "../http/errors";
import { pageBody } from "../http/paging";
import { authErrors, BEARER, createdDoc, errorDoc, getRoute, idParam, jsonBody, jsonDoc } from "../http/route";
import { createdSecret, getWebhook, listDeliveries, listWebhooks } from "./read";
import { toDelivery, toWebhook } from "./representation";
import { deliveryParams, DeliveryPageSchema, WebhookCreatedSchema, WebhookCreateSchema, WebhookListQuerySchema, WebhookPageSchema, WebhookSchema, WebhookUpdateSchema } from "./schemas";
import { acceptableWebhookUrl } from "./url";
import { createWebhookPlan, deleteWebhook, retryDelivery, updateWebhook } from "./write";

const webhook = { a: "a webhook", many: "webhooks" };
// The routes written out below the collection's say its tag and 404 too.
const { tags, notFound } = collectionTexts(webhook);

const deliveries = getRoute({
  tags,
  path: "/webhooks/{id}/deliveries",
  summary: "The webhook's deliveries, oldest first",
  request: { params: idParam, query: WebhookListQuerySchema },
  ok: jsonDoc(DeliveryPageSchema, "A page of deliveries"),
  errors: { 400: errorDoc("Invalid paging"), 404: errorDoc(notFound) },
});

const retry = createRoute({
  method: "post",
  path: "/webhooks/{id}/deliveries/{deliveryId}/retry",
  tags,
  security: BEARER,
  summary: "Send a delivery again (the same webhook-id), with a fresh 24-hour schedule",
  request: { params: deliveryParams },
  responses: {
    202: { description: "Accepted: the delivery is pending again. Empty body." },
    404: errorDoc("No such delivery"),
    ...authErrors,
  },
});

/** The id at the end of a Location. */
const idOf = (location: string) => location.slice(location.lastIndexOf("/") + 1);

/** The setting's verdict on a URL the schema let through (it cannot see settings). */
function urlRefusal(url: string | undefined, allowLocal: boolean): ApiError | undefined {
  return url === undefined || acceptableWebhookUrl(url, allowLocal) ? undefined : fieldErrors({ url: MESSAGES.webhookUrlNotPublic });
}

export function webhookRoutes() {
  return collection({
    path: "/webhooks",
    noun: webhook,
    represent: toWebhook,
    list: {
      summary: "List the organization's webhooks, oldest first",
      query: WebhookListQuerySchema,
      page: WebhookPageSchema,
      invalid: "Invalid paging",
      read: (db, organizationId, _filters, page) => listWebhooks(db, organizationId, page),
    },
    getOne: { summary: "Read a webhook (never its secret)", item: WebhookSchema, read: getWebhook },
    create: {
      summary: "Subscribe a URL to events; the answer holds the signing secret, once",
      body: jsonBody(WebhookCreateSchema),
      created: {
        ...createdDoc,
        description: "Created; `Location` names the webhook. The body holds its id and signing secret (again on a replay).",
        content: { "application/json": { schema: WebhookCreatedSchema } },
      },
      invalid: "Invalid fields, or a malformed Idempotency-Key",
      handler: async (c) => {
        const input = c.req.valid("json");
        const refused = urlRefusal(input.url, c.var.settings.allowLocalWebhooks);
        if (refused) return errorResponse(refused);
        const target = await createTarget(c, "webhooks");
        if (!target.ok) return errorResponse(target.error);
        const plan = await createWebhookPlan(c.var.db, c.var.organizationId, input, target.now, target, c.var.settings.webhookSecretsKeys);
        const run = await runCreate(c.var.db, target, plan);
        if (run.answer) {
          // The same request again (same organization, key and body): the same id and secret, at
          // the cost of one more read. Otherwise the key's 422.
          const { replayed } = run;
          const original = replayed === undefined ? undefined : await createdSecret(c.var.db, c.var.organizationId, idOf(replayed), c.var.settings.webhookSecretsKeys);
          if (replayed !== undefined && original !== undefined) return c.json(original, 201, { Location: replayed });
          return run.answer;
        }
        return c.json({ id: target.id, secret: plan.secret }, 201, { Location: target.location });
      },
    },
    update: {
      body: jsonBody(WebhookUpdateSchema),
      handler: (c) => {
        const input = c.req.valid("json");
        const refused = urlRefusal(input.url, c.var.settings.allowLocalWebhooks);
        if (refused) return Promise.resolve(errorResponse(refused));
        return doneById(c.req.valid("param").id, (id) => updateWebhook(c.var.db, c.var.organizationId, id, input));
      },
    },
    remove: { summary: "Delete a webhook; its pending deliveries end as failed", write: deleteWebhook },
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
