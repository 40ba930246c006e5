/**
 * The anchor of the HTTP benchmark: Hono on @hono/node-server, no middleware, no database,
 * answering one JSON page held in memory. It is serialised on every request, as the API's
 * pages are, so the two differ only by what the API does to build the page.
 *
 *   node --import tsx bench/bare-server.ts <file with the JSON page>
 */
import { readFileSync } from 'node:fs';
import { serve } from '@hono/node-server';
import { Hono } from 'hono';

const file = process.argv[2];
if (file === undefined) throw new Error('usage: bare-server.ts <json file>');
const page: unknown = JSON.parse(readFileSync(file, 'utf8'));

const app = new Hono().get('/page', (c) => c.json(page, 200));
const server = serve({ fetch: app.fetch, port: 0, hostname: '127.0.0.1' }, (info) => {
  console.log(`listening on ${info.port}`);
});
process.once('SIGTERM', () => server.close(() => process.exit(0)));
