/**
 * How the API's Node process is started: by `pnpm start` (scripts/start.mjs) and by everything
 * that runs the API as it runs in use, the benchmarks and the reliability suite. The package's
 * own `start` script, which cannot import it, repeats the flag.
 *
 * A request makes all its objects afresh (a list page some thousands), and nearly all are
 * garbage once it is answered. Node's young generation of 16 MB a half fills every few dozen
 * requests under load, and each collection copies what is still in flight; with 64 MB a half
 * collections are a quarter as frequent and most of those objects are dead by then. Under the
 * benchmark's list misses on PostgreSQL the API spent about 14 % less CPU per request (625
 * instead of 720 µs) for at most some 100 MB more memory under load.
 */
export const API_NODE_ARGS = ['--max-semi-space-size=64', '--import', 'tsx'];
