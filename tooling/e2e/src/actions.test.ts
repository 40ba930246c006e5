import { copyFileSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  appears,
  launchBrowser,
  login,
  openPage,
  screenshot,
  settle,
  type WatchedPage,
} from './browser.js';
import { freePort, startProduct, tempDir, type RunningProduct } from './product.js';

/**
 * DESIGN §6: a button is shown only when its action is allowed now for this user, otherwise
 * the reason is shown. Each page's buttons are compared with the actions the API lists for
 * the same user; the API test (apps/api/test/actions-offered.test.ts) proves that list is
 * what the API accepts.
 */
interface Actions {
  allowed: string[];
  refused: { action: string; code: string }[];
}
interface Page_<T> {
  items: T[];
}

const NOTES = '/work/notes';

describe('the console offers exactly the actions the API allows', () => {
  let product: RunningProduct;
  let browser: Browser;
  const opened: WatchedPage[] = [];

  async function as(username: string): Promise<Page> {
    const watched = await openPage(browser);
    opened.push(watched);
    await watched.page.goto(product.url);
    await login(watched.page, product.url, username);
    return watched.page;
  }

  async function api<T>(page: Page, path: string, init?: { method: string; data?: unknown }) {
    const response = await page.request.fetch(new URL(`api${path}`, product.url).href, {
      method: init?.method ?? 'GET',
      ...(init?.data === undefined ? {} : { data: init.data }),
    });
    return (await response.json()) as T;
  }

  async function shownButtons(page: Page, prefix: string): Promise<string[]> {
    const ids = await page
      .locator(`button[data-test^="${prefix}"]:visible`)
      .evaluateAll((els) => els.map((e) => e.getAttribute('data-test') ?? ''));
    return ids.map((id) => id.slice(prefix.length)).sort();
  }

  function keep(page: Page, name: string) {
    return screenshot(page, name).then((path) => {
      mkdirSync(NOTES, { recursive: true });
      copyFileSync(path, join(NOTES, `${name}.png`));
    });
  }

  beforeAll(async () => {
    const dataDir = tempDir('jyxc-actions-');
    product = await startProduct({
      PORT: String(await freePort()),
      DATABASE_URL: `file:${join(dataDir, 'jyxc.db')}`,
    });
    browser = await launchBrowser();
  }, 300_000);

  afterAll(async () => {
    for (const w of opened) await w.context.close().catch(() => undefined);
    await browser?.close();
    await product?.stop();
  });

  it('an officer sees no 报送到局 on their own unsigned item, and why', async () => {
    const page = await as('cg_xxy');
    const list = await api<Page_<{ id: string }>>(
      page,
      '/submissions?state=unit_review&pageSize=50',
    );
    let checked = 0;
    for (const { id } of list.items) {
      const detail = await api<{ actions: Actions }>(page, `/submissions/${id}`);
      await page.goto(new URL(`submissions/${id}`, product.url).href);
      await settle(page);
      expect(await shownButtons(page, 'action-')).toEqual([...detail.actions.allowed].sort());
      for (const r of detail.actions.refused) {
        await appears(page.locator(`[data-test="refused-${r.action}"]`));
      }
      if (detail.actions.refused.some((r) => r.code === 'SUBMISSION.NOT_SIGNED_OFF')) {
        expect(await shownButtons(page, 'action-')).not.toContain('forward');
        await keep(page, 'console-submission-actions');
        checked += 1;
      }
    }
    expect(checked).toBeGreaterThan(0);
  });

  it('a unit officer who is not responsible sees no 处置完毕 on the incident board', async () => {
    const page = await as('cg_xxy');
    await page.goto(new URL('incidents', product.url).href);
    await settle(page);
    const cards = page.locator('[data-test="incident-card"]');
    const count = await cards.count();
    expect(count).toBeGreaterThan(0);
    const incidents = await api<Page_<{ id: string; title: string; actions: Actions }>>(
      page,
      '/incidents?pageSize=100',
    );
    for (let i = 0; i < count; i += 1) {
      const card = cards.nth(i);
      const title = await card.locator('.card__title').innerText();
      const incident = incidents.items.find((x) => x.title === title);
      if (incident === undefined) continue;
      await card.click();
      await page.locator('.el-drawer').waitFor();
      await settle(page);
      const shown = await shownButtons(page, 'incident-');
      const listed = incident.actions.allowed.filter((a) => a !== 'reclassify');
      expect(shown).toEqual([...listed].sort());
      for (const r of incident.actions.refused) {
        expect(shown).not.toContain(r.action);
        await appears(page.locator(`[data-test="refused-${r.action}"]`));
      }
      if (incident.actions.refused.length > 0) await keep(page, 'console-incident-actions');
      await page.keyboard.press('Escape');
      await page.locator('.el-drawer').waitFor({ state: 'hidden' });
    }
  });

  it('a bureau leader sees the countdown, not 发布通报, while the appeal window is open', async () => {
    const reviewer = await as('shenhe');
    await reviewer.goto(new URL('evaluation/bulletins', product.url).href);
    await settle(reviewer);
    await reviewer.locator('[data-test="generate-bulletin"]').click();
    await reviewer.waitForURL(/\/evaluation\/bulletins\/[^/]+$/);
    const url = reviewer.url();
    const id = url.split('/').pop() ?? '';
    // The reviewer may not publish at all: told why, no countdown.
    await settle(reviewer);
    expect(await shownButtons(reviewer, 'publish-')).toEqual([]);

    const leader = await as('lingdao');
    await leader.goto(url);
    await settle(leader);
    const bulletin = await api<{ actions: Actions }>(leader, `/bulletins/${id}`);
    expect(bulletin.actions.allowed).not.toContain('publish');
    expect(bulletin.actions.refused.map((r) => r.code)).toContain('BULLETIN.APPEAL_WINDOW_OPEN');
    expect(await shownButtons(leader, 'publish-')).toEqual([]);
    await appears(leader.locator('[data-test="publish-countdown"]'));
    await keep(leader, 'console-bulletin-countdown');

    const head = await as('cg_head');
    await head.goto(url);
    await settle(head);
    const forHead = await api<{ actions: Actions }>(head, `/bulletins/${id}`);
    expect(forHead.actions.allowed).toEqual(['appeal']);
    await appears(head.getByRole('button', { name: '提出异议' }));
  });

  it.each(['admin', 'shenhe', 'lingdao', 'cg_xxy', 'cg_yq'])(
    'the campaign page offers %s exactly the campaign and row actions listed',
    { timeout: 120_000 },
    async (username) => {
      const page = await as(username);
      const campaigns = await api<Page_<{ id: string }>>(page, '/campaigns?pageSize=50');
      const id = campaigns.items[0]?.id ?? '';
      const campaign = await api<{
        actions: Actions;
        recordUnits: { id: string; name: string }[];
        metrics: { units: { unitId: string; actions: Actions }[] };
      }>(page, `/campaigns/${id}`);
      await page.goto(new URL('campaigns', product.url).href);
      await settle(page);
      const allowed = new Set(campaign.actions.allowed);
      const visible = (selector: string) => page.locator(selector).first().isVisible();
      await expect(visible('[data-test="edit-campaign"]')).resolves.toBe(allowed.has('edit'));
      for (const r of campaign.actions.refused) {
        await expect(visible(`[data-test="refused-${r.action}"]`)).resolves.toBe(true);
      }
      // Each progress row offers 登记 exactly where the API lists it.
      const rows = await page
        .locator('button[data-test="row-action-record"]')
        .evaluateAll((els) => els.map((e) => e.getAttribute('data-unit') ?? ''));
      const listed = campaign.metrics.units
        .filter((u) => u.actions.allowed.includes('record'))
        .map((u) => u.unitId);
      expect(rows.sort()).toEqual(listed.sort());
      const tabs = await page.locator('.el-tabs__item').allInnerTexts();
      expect(tabs.some((x) => x.includes('分包'))).toBe(allowed.has('assign'));
      await page.locator('.el-tabs__item', { hasText: '登记征订' }).click();
      await settle(page);
      await expect(visible('[data-test="record-form"]')).resolves.toBe(allowed.has('record'));
      if (allowed.has('record')) {
        // The unit choice offers exactly the units the API says this person records for.
        await page.locator('[data-test="record-form"] .el-select').first().click();
        await page.locator('.el-select-dropdown__item:visible').first().waitFor();
        const options = await page.locator('.el-select-dropdown__item:visible').allInnerTexts();
        expect(options.map((o) => o.trim()).sort()).toEqual(
          campaign.recordUnits.map((u) => u.name).sort(),
        );
        await page.keyboard.press('Escape');
      }
      if (username === 'shenhe') await keep(page, 'console2-campaign-actions-reviewer');
      if (username === 'cg_xxy') await keep(page, 'console2-campaign-actions-officer');
    },
  );
});
