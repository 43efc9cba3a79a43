/**
 * A standard collection: `GET <path>` (a page), `GET <path>/{id}`, `POST <path>` (a create),
 * `PUT <path>/{id}` (a partial update) and `DELETE <path>/{id}`, in that order, declared once
 * from what is the resource's own: path, noun, schemas, the summaries of its list and delete, its
 * domain operations and its representation. What every collection answers the same way (the id
 * parameter, 404 of an unknown id, "Invalid fields", 201 + Location, 204) and its standard texts
 * (`collectionTexts`: tag, 404, the other summaries, the answers' descriptions) are written here.
 *
 *   collection({
 *     path: "/offerings", noun: { a: "an offering", many: "offerings" }, represent: toOffering,
 *     list: { summary, query: OfferingListQuerySchema, page: OfferingPageSchema, read: listOfferings },
 *     getOne: { item: OfferingSchema, read: getOffering },
 *     create: { body: jsonBody(OfferingCreateSchema), plan: createOfferingPlan },
 *     update: { body: jsonBody(OfferingUpdateSchema), write: updateOffering },
 *     remove: { summary, write: deleteOffering },
 *   })
 *
 * A summary that says more than the standard one is given (`summary`). A create or update whose
 * answer is not the standard one gives its own `handler` (its route is still declared here).
 * Routes that are no collection's stay written out, chained after.
 */
import type { RouteConfig, z } from "@hono/zod-openapi";
import type { Context } from "hono";
import type { Db } from "../db/client";
import type { Cursor, Page } from "../db/page";
import { cursorList, doneById, listPage, readOne, writtenById, type WriteResult } from "./answers";
import type { AppEnv } from "./app-env";
import type { ListFilters } from "./list-filters";
import { answerCreate, type PlanOf } from "./create";
import { createdDoc, errorDoc, idParam, jsonDoc, routeBuilders, routeGroup } from "./route";

type Answer = RouteConfig["responses"][string];
type Body = NonNullable<NonNullable<RouteConfig["request"]>["body"]>;
type Query = z.ZodObject;

/** What a JSON body documented by its schema holds once validated. */
type BodyOf<B> = B extends { content: { "application/json": { schema: infer S extends z.ZodType } } } ? z.output<S> : never;

/** The context of a collection's own handler: its validated body and id. */
export type CollectionContext<B> = Context<AppEnv, string, { out: { json: BodyOf<B>; param: { id: string } } }>;

type OwnHandler<B> = (c: CollectionContext<B>) => Promise<Response>;

/** A collection's noun as its texts say it: with its article ("an offering category") and plural. */
export interface Noun {
  a: string;
  many: string;
}

/** The standard texts of a collection, all said with its noun (also for its routes written out). */
export function collectionTexts({ a, many }: Noun) {
  const one = a.replace(/^an? /, "");
  return {
    tags: [many.charAt(0).toUpperCase() + many.slice(1)],
    notFound: `No such ${one}`,
    page: `A page of ${many}`,
    item: `The ${one}`,
    read: `Read ${a}`,
    create: `Create ${a}`,
    update: `Update ${a} (partial)`,
  };
}

export interface CollectionSpec<P extends string, Q extends Query, L extends z.ZodType, G extends z.ZodType, CB extends Body, C extends Answer, UB extends Body, Row, Item> {
  path: P;
  noun: Noun;
  represent: (row: Row) => Item;
  list: {
    summary: string;
    query: Q;
    /** The schema of a page (its answer says "A page of <many>"). */
    page: L;
    /** A keyset list (`after`, the `Link` header; its rows are Cursors); an offset list otherwise. */
    cursor?: Row extends Cursor ? true : never;
    /** The 400's description; "Invalid paging or filter" unless said. */
    invalid?: string;
    read: (db: Db, organizationId: string, filters: ListFilters<Q>, page: Page, now: number) => Promise<Row[]>;
  };
  /** `item`: the schema of one (its answer says "The <one>"). */
  getOne: { summary?: string; item: G; read: (db: Db, organizationId: string, id: string) => Promise<Row | undefined> };
  /** `body`: as documented (jsonBody, or a reference to the schema its own handler parses). */
  create: { summary?: string; body: CB; created?: C; invalid?: string } & (
    | { plan: PlanOf<BodyOf<CB>, Record<string, string>>; handler?: undefined }
    | { handler: OwnHandler<CB>; plan?: undefined }
  );
  update: { summary?: string; body: UB } & (
    | { write: (db: Db, organizationId: string, id: string, input: BodyOf<UB>, now: number) => Promise<boolean | WriteResult>; handler?: undefined }
    | { handler: OwnHandler<UB>; write?: undefined }
  );
  remove: { summary: string; write: (db: Db, organizationId: string, id: string, now: number) => Promise<boolean> };
  /** Schemas registered as components right before the create (bodies a handler parses itself). */
  components?: Record<string, z.ZodType>;
}

const found = (done: boolean): WriteResult => (done ? { ok: true } : { ok: false, notFound: true });

/** The routes of a standard collection, chained so that the result's type describes each of them. */
export function collection<
  P extends string,
  Q extends Query,
  L extends z.ZodType,
  G extends z.ZodType,
  CB extends Body,
  UB extends Body,
  Row,
  Item,
  C extends Answer = typeof createdDoc,
>(spec: CollectionSpec<P, Q, L, G, CB, C, UB, Row, Item>) {
  const { path, represent, list, getOne, create, update, remove } = spec;
  const texts = collectionTexts(spec.noun);
  const route = routeBuilders({ tags: texts.tags });
  const byId = `${path}/{id}` as const;
  const notFound = { 404: errorDoc(texts.notFound) };
  const invalidFields = { 400: errorDoc("Invalid fields") };
  const routes = {
    list: route.page({ path, summary: list.summary, query: list.query, page: jsonDoc(list.page, texts.page), cursor: list.cursor, invalid: list.invalid }),
    getOne: route.item({ path: byId, summary: getOne.summary ?? texts.read, item: jsonDoc(getOne.item, texts.item), notFound: texts.notFound }),
    create: route.create({
      path,
      summary: create.summary ?? texts.create,
      body: create.body,
      created: (create.created ?? createdDoc) as C,
      errors: create.invalid === undefined ? invalidFields : { 400: errorDoc(create.invalid) },
    }),
    update: route.put({
      path: byId,
      summary: update.summary ?? texts.update,
      request: { params: idParam, body: update.body },
      errors: { ...invalidFields, ...notFound },
    }),
    remove: route.delete({ path: byId, summary: remove.summary, request: { params: idParam }, errors: notFound }),
  };

  // The handlers, on the validated input of their route. They are typed against the route's input
  // here rather than by the router (whose types of a generic route stay unresolved in this
  // function); the router's type, and so AppType, comes from the routes alone.
  type Valid = Context<AppEnv, string, { out: { query: z.output<Q> & Page; param: { id: string }; json: unknown } }>;
  const onList = (c: Valid) => {
    const now = Date.now();
    // The query less its paging is the list's filters (ListFilters<Q>).
    const read = (db: Db, organizationId: string, filters: object, page: Page) => list.read(db, organizationId, filters as ListFilters<Q>, page, now);
    if (!list.cursor) return listPage(c, c.req.valid("query"), read, represent);
    return cursorList(c, c.req.valid("query"), read as (...args: Parameters<typeof read>) => Promise<(Row & Cursor)[]>, represent);
  };
  const onGetOne = (c: Valid) => readOne(c, c.req.valid("param").id, getOne.read, represent);
  const onCreate =
    create.handler ??
    ((c: Valid) => answerCreate(c, path.slice(1), c.req.valid("json") as BodyOf<CB>, create.plan as PlanOf<BodyOf<CB>, Record<string, string>>));
  const onUpdate =
    update.handler ??
    ((c: Valid) => {
      const input = c.req.valid("json") as BodyOf<UB>;
      const write = update.write as NonNullable<typeof update.write>;
      return writtenById(c.req.valid("param").id, async (id) => {
        const result = await write(c.var.db, c.var.organizationId, id, input, Date.now());
        return typeof result === "boolean" ? found(result) : result;
      });
    });
  const onRemove = (c: Valid) => doneById(c.req.valid("param").id, (id) => remove.write(c.var.db, c.var.organizationId, id, Date.now()));

  const router = routeGroup()
    .openapi(routes.list, onList as never)
    .openapi(routes.getOne, onGetOne as never);
  for (const [name, schema] of Object.entries(spec.components ?? {})) router.openAPIRegistry.register(name, schema);
  return router
    .openapi(routes.create, onCreate as never)
    .openapi(routes.update, onUpdate as never)
    .openapi(routes.remove, onRemove as never);
}
