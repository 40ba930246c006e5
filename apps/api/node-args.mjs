/**
 * How the API's Node process is started: by `pnpm start` (scripts/start.mjs, the webhook-mode
 * process too) and by everything that runs the API as it runs in use, the HTTP benchmark and
 * the reliability suite. The package's own `start` script, which cannot import it, repeats the
 * flags (test/node-args.test.ts holds the two the same).
 *
 * A request makes all its objects afresh (a list page some thousands), and nearly all are
 * garbage once it is answered. Node's young generation of 16 MB a half fills every few dozen
 * requests under load, and each collection copies what is still in flight; with 64 MB a half
 * collections are a quarter as frequent and most of those objects are dead by then. The
 * process spends less CPU per request and holds more memory under load; the README's
 * Performance section has the figures. The flag holds for the process's worker threads too
 * (the export pool's).
 */
export const API_NODE_ARGS = ['--max-semi-space-size=64', '--import', 'tsx'];
