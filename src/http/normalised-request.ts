/**
 * The request as the router sees it (API.md §10), so that DigitalChalk's own clients work
 * unchanged. One rewrite before routing, not a case per route:
 *
 * - one trailing `/` is dropped: `<prefix>/users/` is `<prefix>/users` (and so every `Location`
 *   and paging link, built from the request, stays without it);
 * - a `?` inside the query string separates parameters like `&`: the WooCommerce plugin sends
 *   `<prefix>/offerings?limit=100?userId=<id>`, which means `limit=100&userId=<id>`.
 *
 * Everything else of the request (method, headers, body stream) is passed on untouched; a
 * request that needs neither rewrite is the same object.
 */

/** The normalised form of `url`, or null when it is already normal. */
export function normalisedUrl(url: string): string | null {
  const parsed = new URL(url);
  let changed = false;
  if (parsed.pathname.length > 1 && parsed.pathname.endsWith("/")) {
    parsed.pathname = parsed.pathname.slice(0, -1);
    changed = true;
  }
  if (parsed.search.indexOf("?", 1) !== -1) {
    parsed.search = parsed.search.slice(1).replaceAll("?", "&");
    changed = true;
  }
  return changed ? parsed.href : null;
}

export function normalisedRequest(request: Request): Request {
  const url = normalisedUrl(request.url);
  return url === null ? request : new Request(url, request);
}
