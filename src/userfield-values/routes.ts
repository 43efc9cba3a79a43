/** The /users/<id>/userfieldvalues routes (API.md §7a). */
import { isId } from "../lib/crypto";
import { writtenById } from "../http/answers";
import { resourceNotFound } from "../http/errors";
import { errorDoc, jsonBody, jsonDoc, routeBuilders, routeGroup } from "../http/route";
import { getUserfieldValues } from "./read";
import { UserfieldValuesParams, UserfieldValuesSchema, UserfieldValuesUpdateSchema } from "./schemas";
import { putUserfieldValues } from "./write";

const route = routeBuilders({ tags: ["Userfield values"] });
const noSuchUser = "No such user";

const getAll = route.item({
  path: "/users/{userId}/userfieldvalues",
  summary: "The user's userfield values (only the fields that have one)",
  params: UserfieldValuesParams,
  item: jsonDoc(UserfieldValuesSchema, "The values by userfield id"),
  notFound: noSuchUser,
});

/** A `null` entry clears that value (API.md §7a): this body's nulls are data, never "absent". */
const put = route.put({
  path: "/users/{userId}/userfieldvalues",
  summary: "Set or clear some of the user's userfield values (all or nothing)",
  bodyRules: { nulls: "keep" },
  request: { params: UserfieldValuesParams, body: jsonBody(UserfieldValuesUpdateSchema) },
  errors: { 400: errorDoc("Unknown userfields or invalid values, by userfield id"), 404: errorDoc(noSuchUser) },
});

export function userfieldValueRoutes() {
  return routeGroup()
    .openapi(getAll, async (c) => {
      const { userId } = c.req.valid("param");
      const values = isId(userId) ? await getUserfieldValues(c.var.db, c.var.organizationId, userId) : undefined;
      if (values === undefined) return resourceNotFound();
      const body: Record<string, unknown> = {};
      for (const { userfieldId, value } of values) body[userfieldId] = JSON.parse(value);
      return c.json(body, 200);
    })
    .openapi(put, (c) => {
      const values = c.req.valid("json");
      return writtenById(c.req.valid("param").userId, (userId) => putUserfieldValues(c.var.db, c.var.organizationId, userId, values, Date.now()));
    });
}
