/** The agreements routes (API.md §7): the organization's agreements and each user's answers. */
import { createRoute, OpenAPIHono } from "@hono/zod-openapi";
import { isId } from "../db/ids";
import type { AppEnv } from "../http/app-env";
import { resourceNotFound, validationHook } from "../http/errors";
import { bodyRules } from "../http/json-body";
import { AgreementTypeParams, authErrors, BEARER, bodyErrors, errorDoc, noContentDoc } from "../http/route";
import { noContent } from "../http/responses";
import { isAgreementType } from "../db/agreement-type";
import { answerAgreement } from "./answer";
import { getAgreement, getUserAgreement, listAgreements, listUserAgreements } from "./read";
import { toAgreement, toUserAgreement } from "./representation";
import {
  AgreementListSchema,
  AgreementSchema,
  UserAgreementAnswerSchema,
  UserAgreementListSchema,
  UserAgreementParams,
  UserAgreementSchema,
} from "./schemas";

const tags = ["Agreements"];
const security = BEARER;

const list = createRoute({
  method: "get",
  path: "/agreements",
  tags,
  security,
  summary: "The agreements the organization has enabled",
  responses: {
    200: { description: "The enabled agreements", content: { "application/json": { schema: AgreementListSchema } } },
    ...authErrors,
  },
});

const getOne = createRoute({
  method: "get",
  path: "/agreements/{type}",
  tags,
  security,
  summary: "Read an enabled agreement",
  request: { params: AgreementTypeParams },
  responses: {
    200: { description: "The agreement", content: { "application/json": { schema: AgreementSchema } } },
    404: errorDoc("Unknown type, or not enabled for the organization"),
    ...authErrors,
  },
});

const listOfUser = createRoute({
  method: "get",
  path: "/users/{userId}/agreements",
  tags,
  security,
  summary: "The enabled agreements with the user's answers",
  request: { params: UserAgreementParams.pick({ userId: true }) },
  responses: {
    200: {
      description: "The enabled agreements with the user's answers",
      content: { "application/json": { schema: UserAgreementListSchema } },
    },
    404: errorDoc("No such user"),
    ...authErrors,
  },
});

const getOfUser = createRoute({
  method: "get",
  path: "/users/{userId}/agreements/{type}",
  tags,
  security,
  summary: "An enabled agreement with the user's answer",
  request: { params: UserAgreementParams },
  responses: {
    200: { description: "The agreement and the answer", content: { "application/json": { schema: UserAgreementSchema } } },
    404: errorDoc("No such user, unknown type, or not enabled for the organization"),
    ...authErrors,
  },
});

const answer = createRoute({
  method: "put",
  path: "/users/{userId}/agreements/{type}",
  tags,
  security,
  summary: "Record whether the user agrees",
  middleware: [bodyRules()] as const,
  request: {
    params: UserAgreementParams,
    body: { required: true, content: { "application/json": { schema: UserAgreementAnswerSchema } } },
  },
  responses: {
    204: noContentDoc,
    400: errorDoc("Invalid body"),
    404: errorDoc("No such user, unknown type, or not enabled for the organization"),
    ...bodyErrors,
    ...authErrors,
  },
});

export function agreementRoutes() {
  return new OpenAPIHono<AppEnv>({ defaultHook: validationHook })
    .openapi(list, async (c) => {
      const rows = await listAgreements(c.var.db, c.var.organizationId);
      return c.json({ results: rows.map(toAgreement) }, 200);
    })
    .openapi(getOne, async (c) => {
      const { type } = c.req.valid("param");
      const row = isAgreementType(type) ? await getAgreement(c.var.db, c.var.organizationId, type) : undefined;
      if (row === undefined) return resourceNotFound();
      return c.json(toAgreement(row), 200);
    })
    .openapi(listOfUser, async (c) => {
      const { userId } = c.req.valid("param");
      const rows = isId(userId) ? await listUserAgreements(c.var.db, c.var.organizationId, userId) : null;
      if (rows === null) return resourceNotFound();
      return c.json({ results: rows.map(toUserAgreement) }, 200);
    })
    .openapi(getOfUser, async (c) => {
      const { userId, type } = c.req.valid("param");
      const row =
        isId(userId) && isAgreementType(type)
          ? await getUserAgreement(c.var.db, c.var.organizationId, userId, type)
          : undefined;
      if (row === undefined) return resourceNotFound();
      return c.json(toUserAgreement(row), 200);
    })
    .openapi(answer, async (c) => {
      const { userId, type } = c.req.valid("param");
      const { agreed } = c.req.valid("json");
      const found =
        isId(userId) &&
        isAgreementType(type) &&
        (await answerAgreement(c.var.db, c.var.organizationId, userId, type, agreed, Date.now()));
      if (!found) return resourceNotFound();
      return noContent();
    });
}
