// The API reference page: Swagger UI (swagger-ui-dist, served by the API itself, no CDN) over /openapi.json.
/* global SwaggerUIBundle */
window.ui = SwaggerUIBundle({
  url: '/openapi.json',
  dom_id: '#swagger-ui',
  deepLinking: true,
  // Trying requests out needs a bearer token: Authorize with an API key, as the command line does.
  persistAuthorization: false,
});
