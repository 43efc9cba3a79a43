/**
 * `GET /docs`: the interactive API reference (Swagger UI) over the public OpenAPI document.
 * The page is served here; Swagger UI's script and stylesheet are static assets of the Worker
 * (`public/docs/vendor/`, copied from node_modules by `npm run build:docs`), never from a CDN.
 */
import type { Context } from "hono";
import { type AppEnv, API_PREFIXES } from "../http/app-env";
import { OPENAPI_PATH } from "./routes";

export const DOCS_PATH = "/docs";

const DOCUMENT_URL = `${API_PREFIXES[0]}${OPENAPI_PATH}`;

const PAGE = `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>registrar API reference</title>
<link rel="stylesheet" href="/docs/vendor/swagger-ui.css">
<link rel="icon" type="image/png" href="/docs/vendor/favicon-32x32.png">
</head>
<body>
<div id="swagger-ui" data-openapi-url="${DOCUMENT_URL}">
<p style="font-family: sans-serif; margin: 2rem">Loading the API reference of <a href="${DOCUMENT_URL}">${DOCUMENT_URL}</a>…</p>
</div>
<script src="/docs/vendor/swagger-ui-bundle.js"></script>
<script src="/docs/init.js"></script>
</body>
</html>
`;

/**
 * Only this origin's scripts; Swagger UI sets inline styles and shows data: images; "Try it out"
 * calls this origin's API.
 */
const CONTENT_SECURITY_POLICY = [
  "default-src 'none'",
  "script-src 'self'",
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data:",
  "font-src 'self' data:",
  "connect-src 'self'",
  "base-uri 'none'",
  "form-action 'none'",
  "frame-ancestors 'none'",
].join("; ");

export function docsPage(c: Context<AppEnv>): Response {
  return c.html(PAGE, 200, { "Content-Security-Policy": CONTENT_SECURITY_POLICY });
}
