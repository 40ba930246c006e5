import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Hono } from 'hono';
import { generateSpecs } from 'hono-openapi';
import { completeDocument, errorResponse, ERROR_SCHEMA, type SuccessSchemas } from './openapi.js';

// The docs page is served from the swagger-ui-dist package itself: the product must work on
// a network without access to public CDNs.
const require = createRequire(import.meta.url);
const swaggerDir = dirname(require.resolve('swagger-ui-dist/package.json'));
// A Map, not an object: a request naming `constructor` or `__proto__` must find nothing.
const assets: ReadonlyMap<string, { file: string; type: string }> = new Map([
  ['swagger-ui.css', { file: 'swagger-ui.css', type: 'text/css; charset=utf-8' }],
  [
    'swagger-ui-bundle.js',
    { file: 'swagger-ui-bundle.js', type: 'text/javascript; charset=utf-8' },
  ],
]);

const page = `<!doctype html>
<html lang="zh-CN">
<head>
<meta charset="utf-8" />
<title>教育信息宣传工作平台 API</title>
<link rel="stylesheet" href="/api/docs/assets/swagger-ui.css" />
</head>
<body>
<div id="swagger-ui"></div>
<script src="/api/docs/assets/swagger-ui-bundle.js"></script>
<script src="/api/docs/assets/init.js"></script>
</body>
</html>`;

// Inline scripts are blocked by the security headers' CSP; the initialiser is a file too.
const init = `window.ui = SwaggerUIBundle({ url: '/api/openapi.json', dom_id: '#swagger-ui', deepLinking: true });`;

/** The routes' success schemas, generated from their types (scripts/response-schemas.ts). */
function readSuccessSchemas(): SuccessSchemas {
  const file = fileURLToPath(new URL('./openapi-responses.json', import.meta.url));
  return JSON.parse(readFileSync(file, 'utf8')) as SuccessSchemas;
}

/**
 * `/openapi.json` (OpenAPI 3.1, generated from the routes' validators and descriptions) and
 * `/docs`, the interactive page. `app` is the API whose routes are documented.
 */
export function docsRoutes(app: Hono) {
  // Generated once, on first request: the routes do not change while the process runs.
  let document: Promise<unknown> | undefined;
  const describe = () =>
    generateSpecs(app, {
      documentation: {
        openapi: '3.1.0',
        info: {
          title: '教育信息宣传工作平台 API',
          version: '0.1.0',
          description:
            'Every use case of the console and the bot. Errors use one body: { "error": { "code", "message", "details", "requestId" } } (components.schemas.Error).',
        },
        servers: [{ url: '/api' }],
        components: {
          schemas: { Error: ERROR_SCHEMA },
          securitySchemes: {
            session: { type: 'apiKey', in: 'cookie', name: 'jyxc_session' },
            botToken: { type: 'http', scheme: 'bearer' },
          },
        },
        security: [{ session: [] }],
      },
      defaultValidationErrorResponse: errorResponse(
        '请求无法读取或字段不合要求（VALIDATION，details.issues 列出每个字段）',
      ),
    }).then((doc) => completeDocument(doc, readSuccessSchemas()));
  return new Hono()
    .get('/openapi.json', async (c) => c.json(await (document ??= describe()), 200))
    .get('/docs', (c) => c.html(page))
    .get('/docs/assets/init.js', (c) =>
      c.body(init, 200, { 'content-type': 'text/javascript; charset=utf-8' }),
    )
    .get('/docs/assets/:name', (c) => {
      const asset = assets.get(c.req.param('name'));
      if (!asset) return c.notFound();
      return c.body(readFileSync(join(swaggerDir, asset.file)), 200, {
        'content-type': asset.type,
        'cache-control': 'public, max-age=86400',
      });
    });
}
