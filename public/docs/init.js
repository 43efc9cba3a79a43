// Starts Swagger UI (public/docs/vendor/, copied from node_modules by `npm run build:docs`)
// on the document named by the page. No request leaves this origin: no validator badge.
/* global SwaggerUIBundle */
window.addEventListener("DOMContentLoaded", function () {
  var root = document.getElementById("swagger-ui");
  if (typeof SwaggerUIBundle !== "function") {
    root.textContent = "Swagger UI is missing from this deployment: run `npm run build:docs` and deploy again.";
    return;
  }
  window.ui = SwaggerUIBundle({
    url: root.getAttribute("data-openapi-url"),
    dom_id: "#swagger-ui",
    deepLinking: true,
    validatorUrl: null,
    tryItOutEnabled: false,
    persistAuthorization: false,
    displayRequestDuration: true,
    defaultModelsExpandDepth: 0,
  });
});
