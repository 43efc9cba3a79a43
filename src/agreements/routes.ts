/** The agreements routes (API.md §7): the organization's agreements and each user's answers. */
import { isId } from "../lib/crypto";
import { resourceNotFound } from "../http/errors";
import { AgreementTypeParams, errorDoc, jsonBody, jsonDoc, routeBuilders, routeGroup } from "../http/route";
import { noContent } from "../http/answers";
import { isAgreementType } from "../db/agreement-type";
import { answerAgreement } from "./answer";
import { getAgreement, getUserAgreement, listAgreements, listUserAgreements } from "./read";
import { toAgreement, toUserAgreement } from "./representation";
import { AgreementListSchema, AgreementSchema, UserAgreementAnswerSchema, UserAgreementListSchema, UserAgreementParams, UserAgreementSchema } from "./schemas";

const route = routeBuilders({ tags: ["Agreements"] });
const notEnabled = "No such user, unknown type, or not enabled for the organization";

const list = route.get({
  path: "/agreements",
  summary: "The agreements the organization has enabled",
  ok: jsonDoc(AgreementListSchema, "The enabled agreements"),
});

const getOne = route.item({
  path: "/agreements/{type}",
  summary: "Read an enabled agreement",
  params: AgreementTypeParams,
  item: jsonDoc(AgreementSchema, "The agreement"),
  notFound: "Unknown type, or not enabled for the organization",
});

const listOfUser = route.item({
  path: "/users/{userId}/agreements",
  summary: "The enabled agreements with the user's answers",
  params: UserAgreementParams.pick({ userId: true }),
  item: jsonDoc(UserAgreementListSchema, "The enabled agreements with the user's answers"),
  notFound: "No such user",
});

const getOfUser = route.item({
  path: "/users/{userId}/agreements/{type}",
  summary: "An enabled agreement with the user's answer",
  params: UserAgreementParams,
  item: jsonDoc(UserAgreementSchema, "The agreement and the answer"),
  notFound: notEnabled,
});

const answer = route.put({
  path: "/users/{userId}/agreements/{type}",
  summary: "Record whether the user agrees",
  request: { params: UserAgreementParams, body: jsonBody(UserAgreementAnswerSchema) },
  errors: { 400: errorDoc("Invalid body"), 404: errorDoc(notEnabled) },
});

export function agreementRoutes() {
  return routeGroup()
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
