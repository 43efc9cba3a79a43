/** Request and response schemas of /webhooks: they validate and they document. */
import { z } from "@hono/zod-openapi";
import { createAndUpdate } from "../http/create-update";
import { EVENT_TYPES, type EventType } from "../db/schema";
import { pageQuery, pageSchema } from "../http/paging";
import { MESSAGES } from "../http/errors";
import { withTextRule } from "../http/text-field";
import { acceptableWebhookUrl } from "./url";

export const EVENTS_MESSAGE = `events must name at least one of ${EVENT_TYPES.join(", ")}`;
const MAX_DESCRIPTION = 1000;

/**
 * Refused here unless acceptable at least with local URLs allowed; the route then applies the
 * ALLOW_LOCAL_WEBHOOKS setting itself (the schema cannot see settings).
 */
/**
 * The text rule comes first (its message wins): the WHATWG parser would drop a tab or line feed
 * and rewrite a lone surrogate, so such a url would be checked as one string and stored as another.
 */
const url = withTextRule(
  z
    .string({ error: (issue) => (issue.input === undefined || issue.input === null ? "url is required" : MESSAGES.webhookUrlNotPublic) })
    .min(1, { error: "url is required" }),
  "url",
)
  .refine((value) => acceptableWebhookUrl(value, true), { error: MESSAGES.webhookUrlNotPublic })
  .openapi({ example: "https://lms.example.com/hooks/registrar", description: "https on a public host." });

const events = z
  .array(z.enum(EVENT_TYPES, { error: EVENTS_MESSAGE }), { error: EVENTS_MESSAGE })
  .min(1, { error: EVENTS_MESSAGE })
  .transform((list): EventType[] => [...new Set(list)])
  .openapi({ type: "array", items: { type: "string", enum: [...EVENT_TYPES] }, example: ["registration.created"] });

const description = withTextRule(
  z.string({ error: "description must be a string" }).max(MAX_DESCRIPTION, { error: `description must be at most ${MAX_DESCRIPTION} characters` }),
  "description",
  { multiline: true },
)
  // A body's `""` arrives as null (src/http/json-body.ts): it clears the description.
  .nullable()
  .optional()
  .openapi({ type: "string", example: "LMS sync" });

const enabled = z.boolean({ error: "enabled must be true or false" }).optional().openapi({ example: true });

export const { create: WebhookCreateSchema, update: WebhookUpdateSchema } = createAndUpdate(
  "Webhook",
  { url, events, description, enabled },
  ["url", "events"],
);
export type WebhookCreate = z.infer<typeof WebhookCreateSchema>;
export type WebhookUpdate = z.infer<typeof WebhookUpdateSchema>;

export const WebhookCreatedSchema = z
  .object({
    id: z.string(),
    secret: z.string().openapi({ description: "The signing secret. Shown in this response only.", example: "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw" }),
  })
  .openapi("WebhookCreated");

export const WebhookSchema = z
  .object({
    id: z.string(),
    url: z.string(),
    events: z.array(z.string()),
    description: z.string().optional(),
    enabled: z.boolean(),
    createdDate: z.string(),
  })
  .openapi("Webhook");

export const DeliverySchema = z
  .object({
    id: z.string(),
    eventId: z.string().openapi({ description: "The `webhook-id` header of every attempt." }),
    type: z.string(),
    status: z.enum(["pending", "delivered", "failed"]),
    attempts: z.number().int(),
    lastStatusCode: z.number().int().optional(),
    lastAttemptDate: z.string().optional(),
    nextAttemptDate: z.string().optional(),
  })
  .openapi("WebhookDelivery");

export const WebhookPageSchema = pageSchema(WebhookSchema, "WebhookPage");
export const DeliveryPageSchema = pageSchema(DeliverySchema, "WebhookDeliveryPage");
export const WebhookListQuerySchema = z.object({ ...pageQuery });

export const deliveryParams = z.object({
  id: z.string().openapi({ param: { name: "id", in: "path" }, example: "65ade781cc98d136543678191005431a" }),
  deliveryId: z.string().openapi({ param: { name: "deliveryId", in: "path" }, example: "0c5f3e1f1a2b4c5d8e9f00112233aabb" }),
});
