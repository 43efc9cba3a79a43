/**
 * Typecheck-only (never run; `npm run typecheck` compiles it): a TypeScript consumer gets a typed
 * `hono/client` from `AppType`. Paths, methods, path parameters, query strings, JSON bodies and
 * the JSON of each documented status are checked by the compiler.
 */
import { hc, type InferResponseType } from "hono/client";
import type { AppType } from "../src/app";

type Registration = InferResponseType<ReturnType<typeof hc<AppType>>["dc"]["api"]["v5"]["registrations"][":id"]["$get"], 200>;

export async function typedClientExample(baseUrl: string, token: string): Promise<Registration | undefined> {
  const client = hc<AppType>(baseUrl, { headers: { Authorization: `Bearer ${token}` } });
  const api = client.dc.api.v5;

  const created = await api.registrations.$post({
    json: { userId: "6629aeada89133acedfad6d7d110123d", offeringId: "89cd2eada89133acedfad6d766a2d931" },
  });
  const location = created.headers.get("Location");
  if (created.status !== 201 || location === null) return undefined;

  const response = await api.registrations[":id"].$get({ param: { id: location.split("/").pop() ?? "" } });
  if (response.status === 404) {
    const error = await response.json();
    error.errors satisfies string[] | undefined;
    return undefined;
  }
  const registration = await response.json();
  registration.status satisfies "active" | "passed" | "failed" | "ejected";
  registration.createdDate satisfies string;

  const page = await client.api.v5.users.$get({ query: { limit: "10", offset: "0", email: "acme" } });
  if (page.status === 200) {
    const { results, next } = await page.json();
    results[0]?.email satisfies string | undefined;
    next satisfies string | undefined;
  }

  await api.registrations[":id"].$put({ param: { id: registration.id }, json: { grade: 95, graderId: "t-1" } });

  // @ts-expect-error offeringId is required
  await api.registrations.$post({ json: { userId: "6629aeada89133acedfad6d7d110123d" } });
  // @ts-expect-error there is no PATCH
  await api.registrations[":id"].$patch({ param: { id: registration.id } });
  // @ts-expect-error the path parameter is required
  await api.users[":id"].$get({});
  return registration;
}
