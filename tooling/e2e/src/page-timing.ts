/**
 * How long a console page keeps the main thread after its data has arrived (issue 17, "fast
 * pages"), and how large a document it leaves.
 *
 * An observer installed before the console's own scripts records every long task (a task of more
 * than 50 ms, during which the page cannot answer a click or a key). The console is loaded once;
 * each page is then opened as the menu opens it (through the console's router, so that only the
 * page's own requests and rendering are seen, not the console's start). Once no request is in
 * flight and neither a response nor a long task has come for a quiet second, the page counts as
 * interactive after its data at the end of the last long task that followed a response (see
 * `afterData`); no such long task means at once (0 ms). The long tasks' total after the first
 * response is reported beside it, as is the number of DOM elements in the document.
 */
import type { BrowserContext, Page } from 'playwright-core';

/** What one opening of a page measured. */
export interface PageTiming {
  readonly path: string;
  /** Milliseconds from a response of the page to the end of the last long task it caused. */
  readonly interactiveMs: number;
  /** Milliseconds of long tasks that ended after the last API response. */
  readonly blockingMs: number;
  /** The longest single long task after the data, in milliseconds. */
  readonly longestTaskMs: number;
  readonly domNodes: number;
  readonly apiResponses: number;
}

// Runs in the page before any of its scripts (the package is typed without the DOM, so the
// script is text). Resource timing keeps 250 entries by default; a page with more would lose
// its last responses.
const OBSERVER = `(() => {
  window.__longTasks = [];
  try {
    performance.setResourceTimingBufferSize(5000);
    new PerformanceObserver((list) => {
      for (const e of list.getEntries()) window.__longTasks.push([e.startTime, e.duration]);
    }).observe({ type: 'longtask', buffered: true });
  } catch (e) {
    window.__longTasksUnsupported = String(e);
  }
})()`;

/** Makes every page of the context record its long tasks from its first script on. */
export async function observeLongTasks(context: BrowserContext): Promise<void> {
  await context.addInitScript({ content: OBSERVER });
}

interface Snapshot {
  since: number;
  now: number;
  /** When each API response since the navigation arrived, in order. */
  responseEnds: number[];
  tasks: [number, number][];
  domNodes: number;
  unsupported: string | null;
}

const SNAPSHOT = `((since) => {
  const api = performance
    .getEntriesByType('resource')
    .filter((e) => e.startTime >= since && new URL(e.name).pathname.startsWith('/api/'));
  return {
    since,
    now: performance.now(),
    responseEnds: api.map((e) => e.responseEnd).sort((a, b) => a - b),
    tasks: (window.__longTasks || []).filter(([start, duration]) => start + duration > since),
    domNodes: document.getElementsByTagName('*').length,
    unsupported: window.__longTasksUnsupported || null,
  };
})`;

/** Options of a measurement. */
export interface MeasureOptions {
  /** How long nothing may happen before the page counts as settled; 1 s by default. */
  readonly quietMs?: number;
  readonly timeoutMs?: number;
}

/**
 * Loads the console at `url` in `page` (whose context has `observeLongTasks` and a session) and
 * waits until it is quiet, ready for `measureNavigation`.
 */
export async function openConsole(
  page: Page,
  url: string,
  options: MeasureOptions = {},
): Promise<void> {
  await settled(page, options, async () => {
    await page.goto(url);
    await page.locator('[data-test="current-user"]').waitFor();
    return 0;
  });
}

/**
 * Opens `path` in the console already loaded in `page`, as a click in the menu does, and
 * measures it once it has settled.
 */
export async function measureNavigation(
  page: Page,
  path: string,
  options: MeasureOptions = {},
): Promise<PageTiming> {
  const s = await settled(
    page,
    options,
    async () =>
      (await page.evaluate(`(async (path) => {
        const since = performance.now();
        const app = document.getElementById('app').__vue_app__;
        await app.config.globalProperties.$router.push(path);
        return since;
      })(${JSON.stringify(path)})`)) as number,
  );
  return { path, ...afterData(s), domNodes: s.domNodes, apiResponses: s.responseEnds.length };
}

/**
 * Does `act` on the page shown (opens a tab, a dialog) and measures it as a navigation is
 * measured, from the action on when it makes no request.
 */
export async function measureAction(
  page: Page,
  name: string,
  act: () => Promise<void>,
  options: MeasureOptions = {},
): Promise<PageTiming> {
  const s = await settled(page, options, async () => {
    const since = (await page.evaluate('performance.now()')) as number;
    await act();
    return since;
  });
  return { path: name, ...afterData(s), domNodes: s.domNodes, apiResponses: s.responseEnds.length };
}

/**
 * The longest wait, after any of the page's responses, until the main thread was free again: for
 * each response, the end of the last long task that began before the next response arrived (the
 * page renders what a response brings before the next one comes, or the last one's render is
 * late). A page whose follow-up request (its people list, its second table) comes after the
 * first render is judged on that render too, not only on the last response's.
 */
function afterData(
  s: Snapshot,
): Pick<PageTiming, 'interactiveMs' | 'blockingMs' | 'longestTaskMs'> {
  const ends = s.responseEnds.length > 0 ? s.responseEnds : [s.since];
  let interactiveMs = 0;
  ends.forEach((arrived, i) => {
    const next = ends[i + 1] ?? Infinity;
    for (const [start, duration] of s.tasks) {
      if (start + duration > arrived && start < next) {
        interactiveMs = Math.max(interactiveMs, start + duration - arrived);
      }
    }
  });
  const first = ends[0] ?? s.since;
  const after = s.tasks.filter(([start, duration]) => start + duration > first);
  return {
    interactiveMs,
    blockingMs: after.reduce(
      (sum, [start, duration]) => sum + start + duration - Math.max(start, first),
      0,
    ),
    longestTaskMs: Math.max(0, ...after.map(([, duration]) => duration)),
  };
}

/**
 * Runs `act` (which returns the page's clock when it began), then waits until no request is in
 * flight and neither a response nor a long task has come for the quiet time; returns what
 * happened since `act` began.
 */
async function settled(
  page: Page,
  options: MeasureOptions,
  act: () => Promise<number>,
): Promise<Snapshot> {
  const quietMs = options.quietMs ?? 1_000;
  const deadline = Date.now() + (options.timeoutMs ?? 30_000);
  let inFlight = 0;
  const started = () => (inFlight += 1);
  const ended = () => (inFlight -= 1);
  page.on('request', started);
  page.on('requestfinished', ended);
  page.on('requestfailed', ended);
  try {
    const since = await act();
    for (;;) {
      await page.waitForTimeout(Math.min(250, quietMs / 2));
      const s = (await page.evaluate(`${SNAPSHOT}(${since})`)) as Snapshot;
      if (s.unsupported !== null)
        throw new Error(`long tasks cannot be observed: ${s.unsupported}`);
      const last = Math.max(since, ...s.responseEnds, ...s.tasks.map(([start, d]) => start + d));
      if (inFlight <= 0 && s.now - last >= quietMs) return s;
      if (Date.now() > deadline) {
        throw new Error(`${page.url()} did not settle (${inFlight} requests in flight)`);
      }
    }
  } finally {
    page.off('request', started);
    page.off('requestfinished', ended);
    page.off('requestfailed', ended);
  }
}
