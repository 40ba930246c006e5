import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { serveStatic } from '@hono/node-server/serve-static';
import { checkConnection } from '@jyxc/db';
import { Hono } from 'hono';
import { describeRoute, resolver } from 'hono-openapi';
import { z } from 'zod';
import { requestId } from 'hono/request-id';
import { secureHeaders } from 'hono/secure-headers';
import type { AppDeps, AppEnv } from './context.js';
import { limitBody } from './http/body-limit.js';
import { docsRoutes } from './http/docs.js';
import { refuseUncleanInput } from './http/clean-input.js';
import { handleError, notFound } from './http/errors.js';
import { createLogger, requestLogger, type EdgeEnv } from './http/logger.js';
import { logLevel } from './env.js';
import { ServiceError } from './shared/errors.js';
import { botTokenMiddleware, csrfExceptBearer } from './http/bot-token.js';
import { requireSession, sessionMiddleware } from './http/session-middleware.js';
import { SetupGate, setupGateMiddleware } from './http/setup-gate.js';
import { setup } from './modules/setup/routes.js';
import { adjustments, adoptions, penalties } from './modules/adoptions/routes.js';
import { auditLog } from './modules/audit/routes.js';
import { auth } from './modules/auth/routes.js';
import { bulletins } from './modules/bulletins/routes.js';
import { campaigns } from './modules/campaigns/routes.js';
import { incidents } from './modules/incidents/routes.js';
import { bot } from './modules/bot/routes.js';
import { dashboard } from './modules/dashboard/routes.js';
import { evaluation } from './modules/evaluation/routes.js';
import { chatLinks } from './modules/chat-links/routes.js';
import { linkCodes } from './modules/link-codes/routes.js';
import { notifications, outbox } from './modules/outbox/routes.js';
import { outlets } from './modules/outlets/routes.js';
import { people } from './modules/people/routes.js';
import { imports } from './modules/imports/routes.js';
import { schemes } from './modules/schemes/routes.js';
import { submissions } from './modules/submissions/routes.js';
import { years } from './modules/years/routes.js';
import { gaps, units } from './modules/organisation/routes.js';

export type { AppDeps } from './context.js';

/** The routes of the API, relative to `/api`. */
function apiRoutes(deps: AppDeps) {
  const gate = new SetupGate(deps.db, deps.setupToken);
  return (
    new Hono<AppEnv>()
      // Answers about a person's data must not be kept by browsers or proxies; an answer that
      // says otherwise (the docs' assets, images) keeps its own rule.
      .use(async (c, next) => {
        await next();
        const type = c.res.headers.get('content-type') ?? '';
        if (type.startsWith('application/json') && !c.res.headers.has('cache-control'))
          c.res.headers.set('cache-control', 'no-store');
      })
      // Cookie-authenticated form posts from other sites are refused (JSON bodies already
      // need a CORS preflight, which this API never grants); the bot's bearer requests are exempt.
      .use(csrfExceptBearer())
      .use(refuseUncleanInput())
      // DESIGN §7: until the first administrator exists, only the setup answers.
      .use(
        setupGateMiddleware(gate, [
          '/api/setup',
          '/api/health',
          '/api/openapi.json',
          '/api/docs',
          '/api/bot',
        ]),
      )
      .use(sessionMiddleware(deps))
      // After the session: a bot request acts for its linked Telegram user instead (DESIGN §5).
      .use(botTokenMiddleware(deps))
      // Signing in and out and the health probe work without a session (logging out clears a
      // stale cookie), as does the API's description (it holds no data); the bot's routes answer
      // for their own token.
      .use(
        requireSession(
          [
            '/api/health',
            '/api/auth/login',
            '/api/auth/logout',
            '/api/openapi.json',
            '/api/docs',
            '/api/setup',
          ],
          ['/api/bot/', '/api/docs/'],
        ),
      )
      .get(
        '/health',
        describeRoute({
          tags: ['运行'],
          summary: '健康检查：服务与数据库可用',
          security: [],
          responses: {
            200: {
              description: '可用',
              content: {
                'application/json': { schema: resolver(z.object({ status: z.literal('ok') })) },
              },
            },
            503: { description: '数据库无法连接（DB.UNREACHABLE）' },
          },
        }),
        async (c) => {
          const reachable = await checkConnection(deps.db).then(
            () => true,
            () => false,
          );
          if (!reachable) throw new ServiceError('unavailable', 'DB.UNREACHABLE', '数据库无法连接');
          return c.json({ status: 'ok' as const }, 200);
        },
      )
      .route('/setup', setup)
      .route('/schemes', schemes)
      .route('/years', years)
      .route('/evaluation', evaluation)
      .route('/bulletins', bulletins)
      .route('/dashboard', dashboard)
      .route('/auth', auth)
      .route('/units', units)
      .route('/gaps', gaps)
      .route('/people', people)
      .route('/imports', imports)
      .route('/link-codes', linkCodes)
      .route('/chat-links', chatLinks)
      .route('/incidents', incidents)
      .route('/campaigns', campaigns)
      .route('/audit', auditLog)
      .route('/submissions', submissions)
      .route('/adoptions', adoptions)
      .route('/outlets', outlets)
      .route('/adjustments', adjustments)
      .route('/penalties', penalties)
      .route('/notifications', notifications)
      .route('/outbox', outbox)
      .route('/bot', bot)
  );
}

/**
 * Routes of another part of the product served on the API's port (the bot's webhook, DESIGN
 * §5). They sit outside `/api`, so the session, CSRF and bot-token checks do not apply to them:
 * they answer for their own authentication.
 */
export interface MountedRoutes {
  readonly path: string;
  readonly routes: Hono;
}

/** The API under `/api`, its docs, and the console's single-page app everywhere else. */
export function createApp(
  deps: AppDeps,
  options: { readonly routes?: readonly MountedRoutes[] } = {},
) {
  const api = apiRoutes(deps);
  const app = new Hono<EdgeEnv>()
    // First, so that every answer and every log line carries the request's id.
    .use(requestId())
    .use(requestLogger(deps.logger ?? createLogger(logLevel())))
    // Before anything reads a body: no request makes the process hold more than its limit.
    .use(limitBody())
    .use(
      secureHeaders({
        // The built console and the API docs load scripts and styles from this origin only;
        // Element Plus and Swagger UI set inline style attributes, and uploaded photos are
        // previewed from blob: URLs. Only the console itself may frame its pages (clickjacking).
        contentSecurityPolicy: {
          defaultSrc: ["'self'"],
          scriptSrc: ["'self'"],
          styleSrc: ["'self'", "'unsafe-inline'"],
          imgSrc: ["'self'", 'data:', 'blob:'],
          fontSrc: ["'self'", 'data:'],
          connectSrc: ["'self'"],
          objectSrc: ["'none'"],
          baseUri: ["'self'"],
          formAction: ["'self'"],
          frameAncestors: ["'self'"],
        },
      }),
    )
    .route('/api', api)
    .route('/api', docsRoutes(api as unknown as Hono))
    .onError(handleError);
  // Before the console's fallback, which would otherwise answer for every path.
  for (const mounted of options.routes ?? []) {
    if (mounted.path === '/api' || mounted.path.startsWith('/api/'))
      throw new Error(`${mounted.path} belongs to the API; mount other routes outside /api`);
    app.route(mounted.path, mounted.routes);
  }

  // The phone app (DESIGN §7) at /m/: its files, and its page for every route of its own.
  const mobile = deps.mobileDist;
  if (mobile !== undefined && existsSync(join(mobile, 'index.html'))) {
    const mobileHtml = readFileSync(join(mobile, 'index.html'), 'utf8');
    app.get('/m', (c) => c.redirect('/m/', 301));
    // Hashed assets never change; the page, the manifest and the service worker must be asked
    // for again, or a phone would keep an old app.
    app.use('/m/*', async (c, next) => {
      await next();
      const asset = c.req.path.startsWith('/m/assets/') && c.res.status === 200;
      c.header('Cache-Control', asset ? 'public, max-age=31536000, immutable' : 'no-cache');
    });
    app.use(
      '/m/*',
      serveStatic({ root: mobile, rewriteRequestPath: (path) => path.slice('/m'.length) }),
    );
    // An asset of an older build is gone: a 404, never the page in its place.
    app.get('/m/assets/*', (c) => notFound(c));
    app.get('/m/*', (c) => c.html(mobileHtml));
  }

  const dist = deps.adminDist;
  if (dist !== undefined && existsSync(join(dist, 'index.html'))) {
    const indexHtml = readFileSync(join(dist, 'index.html'), 'utf8');
    app.use('*', serveStatic({ root: dist }));
    // History-mode routes of the console (/submissions/42) all load the same page.
    app.get('*', (c) => (c.req.path.startsWith('/api/') ? notFound(c) : c.html(indexHtml)));
  }
  app.notFound(notFound);
  return app;
}

export type AppType = ReturnType<typeof createApp>;
