// The interactive API docs at /docs: Swagger UI (from the npm package swagger-ui-dist,
// shipped with newsgraph: no CDN) over this server's own spec.
/* global SwaggerUIBundle */
window.addEventListener('DOMContentLoaded', () => {
  SwaggerUIBundle({
    url: '/openapi.json',
    dom_id: '#swagger-ui',
    deepLinking: true,
    validatorUrl: null, // never send the spec to an outside validator
    presets: [SwaggerUIBundle.presets.apis],
    layout: 'BaseLayout',
  });
});
