import { rmSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import zhCN from '../../../apps/mobile/src/locales/zh-CN.js';
import en from '../../../apps/mobile/src/locales/en.js';
import { appears, launchBrowser, untranslatedKeys } from './browser.js';
import {
  PHONE_SCREENSHOTS,
  cameraPhoto,
  phoneContext,
  phoneLogin,
  phonePage,
  phoneScreenshot,
  seriousViolations,
  settlePhone,
  type PhonePage,
} from './phone.js';
import { freePort, startProduct, tempDir, type RunningProduct } from './product.js';

// DEMO_LOGINS of the seed: a school of 城关镇 and its township center's deputy and officer.
const SCHOOL_OFFICER = 'cg01_xxy';
const DEPUTY = 'cg_fg';
const TOWNSHIP_OFFICER = 'cg_xxy';
const OPINION_OFFICER = 'cg_yq';
const HEAD = 'cg_head';

const RUN = Date.now().toString(36);
const TITLE = `城关镇中心小学开展"红领巾读书月"活动（${RUN}）`;
const FIRST_SENTENCE = '11月28日上午，城关镇中心小学启动"红领巾读书月"活动。';
const EDITED_SENTENCE = '11月28日上午，城关镇中心小学在操场举行"红领巾读书月"启动仪式。';
const BODY = `${FIRST_SENTENCE}全校32个班级的1200余名学生参加，学校向每个班级赠送了图书角书籍。活动将持续到12月底。`;
const OFFLINE_TITLE = `城关镇中心小学组织教师参加心理健康培训（${RUN}）`;
const OFFLINE_BODY = '12月1日下午，城关镇中心小学45名教师参加县教体局组织的心理健康教育专题培训。';
const INCIDENT_TITLE = `网传城关镇某校食堂饭菜质量问题（${RUN}）`;
const NAMESPACES = Object.keys(zhCN);

interface ApiItem {
  id: string;
  title: string;
  body: string;
  state: string;
  attachments: { id: string; size: number }[];
  signOffs: { edited: boolean; voided: boolean }[];
}

describe('the phone app (/m/) in Chromium with a phone profile', () => {
  let product: RunningProduct;
  let browser: Browser;
  const contexts: BrowserContext[] = [];
  const violations: string[] = [];
  const errors: string[][] = [];
  let itemId = '';
  let offlineItemId = '';
  let incidentId = '';

  async function phone(username: string, locale: 'zh-CN' | 'en' = 'zh-CN'): Promise<PhonePage> {
    const context = await phoneContext(browser, locale);
    contexts.push(context);
    const opened = await phonePage(context);
    errors.push(opened.errors);
    await phoneLogin(opened.page, product.url, username);
    return opened;
  }

  /** A screenshot and an accessibility check of what the page shows now. */
  async function look(page: Page, name: string): Promise<void> {
    await settlePhone(page);
    await phoneScreenshot(page, name);
    violations.push(...(await seriousViolations(page)).map((v) => `${name}: ${v}`));
  }

  async function fill(page: Page, testId: string, value: string): Promise<void> {
    const sel = `[data-test="${testId}"]`;
    await page.locator(`${sel} input, ${sel} textarea`).first().fill(value);
  }

  async function apiItem(page: Page, id: string): Promise<ApiItem> {
    const response = await page.request.get(new URL(`api/submissions/${id}`, product.url).href);
    expect(response.status()).toBe(200);
    return (await response.json()) as ApiItem;
  }

  beforeAll(async () => {
    const dataDir = tempDir('jyxc-mobile-');
    product = await startProduct({
      PORT: String(await freePort()),
      DATABASE_URL: `file:${join(dataDir, 'jyxc.db')}`,
      REMINDERS_INTERVAL_MS: String(3_600_000),
    });
    browser = await launchBrowser();
    rmSync(PHONE_SCREENSHOTS, { recursive: true, force: true });
  }, 300_000);

  afterAll(async () => {
    for (const context of contexts) await context.close().catch(() => undefined);
    await browser?.close();
    await product?.stop();
  });

  it("0. the console's login page on a phone offers the phone app", async () => {
    const context = await phoneContext(browser);
    contexts.push(context);
    const opened = await phonePage(context);
    errors.push(opened.errors);
    await opened.page.goto(new URL('login', product.url).href);
    const offer = opened.page.locator('[data-test="open-mobile"]');
    await offer.waitFor({ state: 'visible' });
    await phoneScreenshot(opened.page, 'zh-CN-console-login-on-a-phone');
    await offer.click();
    await opened.page.waitForURL(/\/m\/login/);
    await opened.page.locator('[data-test="login-submit"]').waitFor();
  });

  it('1. a school officer writes a report with two photos and submits it; a lost answer is retried', async () => {
    const { page } = await phone(SCHOOL_OFFICER);
    await look(page, 'zh-CN-home');
    await page.locator('[data-test="tab-write"]').click();
    await page.locator('[data-test="write-title"]').waitFor();

    // Sending without a title says which field is missing and sends nothing.
    await page.locator('[data-test="write-submit"]').click();
    await appears(page.getByText(zhCN.write.rules.titleRequired).first());

    await fill(page, 'write-title', TITLE);
    await fill(page, 'write-body', BODY);
    await page.locator('[data-test="category-activity"]').click();
    await page.locator('[data-test="when-yesterday_morning"]').click();
    const photos = [await cameraPhoto(page, 1), await cameraPhoto(page, 2)];
    await page.locator('[data-test="photo-input"] input[type=file]').setInputFiles([
      { name: 'IMG_0001.jpg', mimeType: 'image/jpeg', buffer: photos[0] ?? Buffer.alloc(0) },
      { name: 'IMG_0002.jpg', mimeType: 'image/jpeg', buffer: photos[1] ?? Buffer.alloc(0) },
    ]);
    await expect
      .poll(() => page.locator('[data-test="photo"]').count(), { timeout: 20_000 })
      .toBe(2);
    await look(page, 'zh-CN-write');

    // The answer to the first photo's upload is lost on the way back: the server has the photo,
    // the phone does not know it. The tile offers a retry, which must not add a second copy.
    let lost = false;
    await page.route('**/api/submissions/*/attachments', async (route) => {
      if (lost) return route.continue();
      lost = true;
      await route.fetch();
      await route.abort('connectionreset');
    });
    await page.locator('[data-test="write-submit"]').click();
    await page.locator('[data-test="photo-retry"]').waitFor();
    await look(page, 'zh-CN-write-photo-failed');
    await page.locator('[data-test="photo-retry"]').click();
    await expect.poll(() => page.locator('[data-test="photo-done"]').count()).toBe(2);
    await page.locator('[data-test="write-submit"]').click();
    await page.waitForURL(/\/m\/items\/[^/]+$/);
    itemId = new URL(page.url()).pathname.split('/').pop() ?? '';
    await expect
      .poll(() => page.locator('[data-test="item-state"]').innerText())
      .toBe('单位审核中');
    await look(page, 'zh-CN-item');

    const item = await apiItem(page, itemId);
    expect(item.title).toBe(TITLE);
    expect(item.attachments).toHaveLength(2);
    // Compressed in the browser: far smaller than the camera's files.
    for (const [i, a] of item.attachments.entries())
      expect(a.size).toBeLessThan((photos[i]?.byteLength ?? 0) / 2);
    const mine = await page.request.get(
      new URL(`api/submissions?author=me&q=${encodeURIComponent(RUN)}`, product.url).href,
    );
    expect(((await mine.json()) as { total: number }).total).toBe(1);
  });

  it('2. the township deputy reviews on the phone, sees the photos full-screen, edits a sentence and signs off', async () => {
    const { page } = await phone(DEPUTY);
    await page.locator('[data-test="tab-review"]').click();
    const row = page.locator('[data-test="review-row"]', { hasText: TITLE });
    await row.waitFor();
    await look(page, 'zh-CN-review');
    await row.click();
    await page.locator('[data-test="item-body"]').waitFor();
    await expect(page.locator('[data-test="item-photo"]').count()).resolves.toBe(2);
    await look(page, 'zh-CN-review-item');

    await page.locator('[data-test="item-photo"]').first().click();
    await page.locator('.van-image-preview').waitFor();
    await page.waitForTimeout(500);
    await phoneScreenshot(page, 'zh-CN-review-photo-fullscreen');
    await page.locator('.van-image-preview__close-icon').click();
    await page.locator('.van-image-preview').waitFor({ state: 'hidden' });

    await page.locator('[data-test="review-edit"]').click();
    const body = page.locator('[data-test="review-edit-body"] textarea');
    await expect(body.inputValue()).resolves.toBe(BODY);
    await body.fill(BODY.replace(FIRST_SENTENCE, EDITED_SENTENCE));
    await look(page, 'zh-CN-review-edit');
    await page.locator('[data-test="review-sign"]').click();
    await page.waitForURL(/\/m\/review$/);

    const item = await apiItem(page, itemId);
    expect(item.state).toBe('bureau_review');
    expect(item.body.startsWith(EDITED_SENTENCE)).toBe(true);
    expect(item.signOffs.filter((s) => !s.voided).map((s) => s.edited)).toEqual([true]);
  });

  it('3. the officer sees the item reached the bureau', async () => {
    const { page } = await phone(SCHOOL_OFFICER);
    await page.goto(new URL(`m/items/${itemId}`, product.url).href);
    await expect
      .poll(() => page.locator('[data-test="item-state"]').innerText())
      .toBe('宣传股审核中');
    await expect(page.locator('[data-test="item-body"]').innerText()).resolves.toContain(
      EDITED_SENTENCE,
    );
    await page.locator('[data-test="tab-items"]').click();
    await page.locator('[data-test="item-row"]').first().waitFor();
    await look(page, 'zh-CN-items');
  });

  it('4. an officer reports a major incident and reports it to the bureau', async () => {
    const { page } = await phone(TOWNSHIP_OFFICER);
    await page.locator('[data-test="entry-incidents"]').click();
    await page.locator('[data-test="incident-new"]').waitFor();
    await look(page, 'zh-CN-incidents');
    await page.locator('[data-test="incident-new"]').click();
    await page.locator('[data-test="incident-submit"]').click();
    await appears(page.getByText(zhCN.incident.rules.titleRequired));

    await fill(page, 'incident-title', INCIDENT_TITLE);
    await fill(
      page,
      'incident-summary',
      '本地论坛有帖子称城关镇某校食堂饭菜分量不足，已有数十条回复，转发到家长群。',
    );
    await fill(page, 'incident-link', 'https://bbs.example.cn/thread/8812');
    await page.locator('[data-test="source-online"]').click();
    await page.locator('[data-test="severity-major"]').click();
    await page.locator('[data-test="incident-screenshot"] input[type=file]').setInputFiles({
      name: 'Screenshot_20261202.jpg',
      mimeType: 'image/jpeg',
      buffer: await cameraPhoto(page, 3),
    });
    await page.locator('.shot img').waitFor();
    // Each fix clears its own message.
    await expect(page.getByText(zhCN.incident.rules.titleRequired).count()).resolves.toBe(0);
    await expect(page.getByText(zhCN.incident.rules.severityRequired).count()).resolves.toBe(0);
    // The deadlines of the year's scheme: on a fresh database, the defaults of rules §7.3.
    await expect(page.locator('[data-test="incident-deadline-hint"]').innerText()).resolves.toBe(
      '重大舆情：30 分钟内报告教体局，2 小时内首次回应，24 小时内处置完毕。',
    );
    await look(page, 'zh-CN-incident-new');
    await page.locator('[data-test="incident-submit"]').click();
    await page.waitForURL(/\/m\/incidents\/(?!new$)[^/]+$/);
    incidentId = new URL(page.url()).pathname.split('/').pop() ?? '';
    await expect
      .poll(() => page.locator('[data-test="incident-state"]').innerText())
      .toBe('待上报');
    await expect(page.locator('[data-test="incident-deadlines"] .van-cell').count()).resolves.toBe(
      3,
    );
    await page.locator('[data-test="incident-screenshot-view"] img').waitFor();
    await look(page, 'zh-CN-incident');

    // The officer who saw it is not the one who handles it: the unit's 舆情责任人 is named.
    await page.locator('[data-test="incident-others"]').waitFor();

    const yq = await phone(OPINION_OFFICER);
    const todo = yq.page.locator('[data-test="todo-incident"]', { hasText: INCIDENT_TITLE });
    await todo.waitFor();
    await todo.click();
    await yq.page.locator('[data-test="incident-act"]').click();
    await expect
      .poll(() => yq.page.locator('[data-test="incident-state"]').innerText())
      .toBe('已上报');
    await yq.page.locator('[data-test="incident-act"]').click();
    await appears(yq.page.getByText(zhCN.incident.rules.noteRequired));
    await fill(yq.page, 'incident-note', '已联系发帖家长说明情况，学校公布本周食谱和用餐照片。');
    await yq.page.locator('[data-test="incident-act"]').click();
    await expect
      .poll(() => yq.page.locator('[data-test="incident-state"]').innerText())
      .toBe('处置中');
    await look(yq.page, 'zh-CN-incident-responding');
  });

  it('5. the connection drops while writing: the draft survives a closed tab and is sent once when it returns', async () => {
    const { page } = await phone(SCHOOL_OFFICER);
    const context = page.context();
    await page.locator('[data-test="tab-write"]').click();
    // The service worker holds the app shell once it is ready, so the app opens offline.
    await page.evaluate('navigator.serviceWorker.ready.then(() => true)');
    await fill(page, 'write-title', OFFLINE_TITLE);

    await context.setOffline(true);
    await fill(page, 'write-body', OFFLINE_BODY);
    await page.locator('[data-test="draft-kept"]').waitFor();
    await page.close();

    const reopened = await phonePage(context);
    errors.push([]);
    const again = reopened.page;
    await again.goto(new URL('m/write', product.url).href);
    await again.locator('[data-test="write-title"]').waitFor();
    await expect(again.locator('[data-test="write-title"] textarea').inputValue()).resolves.toBe(
      OFFLINE_TITLE,
    );
    await expect(again.locator('[data-test="write-body"] textarea').inputValue()).resolves.toBe(
      OFFLINE_BODY,
    );
    await again.locator('[data-test="category-news"]').click();
    await again.locator('[data-test="write-submit"]').click();
    await again.locator('[data-test="drafts-waiting"]').waitFor();
    await again.waitForTimeout(500);
    await phoneScreenshot(again, 'zh-CN-write-offline-waiting');

    await context.setOffline(false);
    await again
      .locator('[data-test="drafts-waiting"]')
      .waitFor({ state: 'detached', timeout: 30_000 });
    const found = await again.request.get(
      new URL(`api/submissions?author=me&q=${encodeURIComponent(OFFLINE_TITLE)}`, product.url).href,
    );
    const page1 = (await found.json()) as { total: number; items: { id: string; state: string }[] };
    expect(page1.total).toBe(1);
    expect(page1.items[0]?.state).toBe('unit_review');
    offlineItemId = page1.items[0]?.id ?? '';
  });

  it('6. a returned item shows its reason and is fixed and resubmitted from the phone', async () => {
    const deputy = await phone(DEPUTY);
    await deputy.page.goto(new URL(`m/review/${offlineItemId}`, product.url).href);
    await deputy.page.locator('[data-test="review-return"]').click();
    await fill(deputy.page, 'review-reason', '请补充培训的主讲人和主要内容。');
    await look(deputy.page, 'zh-CN-review-return');
    await deputy.page.locator('[data-test="review-return-confirm"]').click();
    await deputy.page.waitForURL(/\/m\/review$/);

    const { page } = await phone(SCHOOL_OFFICER);
    const todo = page.locator('[data-test="todo-returned"]', { hasText: OFFLINE_TITLE });
    await todo.waitFor();
    await todo.click();
    await expect(page.locator('[data-test="returned-reason"]').innerText()).resolves.toContain(
      '请补充培训的主讲人和主要内容。',
    );
    await settlePhone(page);
    await fill(page, 'write-body', `${OFFLINE_BODY}培训由县心理健康教育中心主任主讲。`);
    await look(page, 'zh-CN-item-edit');
    await page.locator('[data-test="write-submit"]').click();
    await page.waitForURL(/\/m\/items\/[^/]+$/);
    await expect
      .poll(() => page.locator('[data-test="item-state"]').innerText())
      .toBe('单位审核中');
  });

  it('6b. 消息: the officer reads the outcome and opens the item; the head opens a review request', async () => {
    const { page } = await phone(SCHOOL_OFFICER);
    // The tab bar shows how many messages are unread, on every page.
    const badge = page.locator('[data-test="tab-messages"] .van-badge');
    await expect.poll(() => badge.innerText()).toMatch(/^[1-9]\d*$/);
    const before = Number(await badge.innerText());
    await page.locator('[data-test="tab-messages"]').click();
    const forwarded = page.locator('[data-test="message-submission_forwarded"]', {
      hasText: TITLE,
    });
    await expect(forwarded.innerText()).resolves.toContain('已通过单位审核');
    const returned = page.locator('[data-test="message-submission_returned"]', {
      hasText: OFFLINE_TITLE,
    });
    await expect(returned.innerText()).resolves.toContain('请补充培训的主讲人和主要内容。');
    await expect(returned.getAttribute('class')).resolves.toContain('message--unread');
    await look(page, 'zh-CN-messages');

    await returned.click();
    await page.waitForURL(new RegExp(`/m/items/${offlineItemId}$`));
    await expect
      .poll(async () => Number((await badge.innerText().catch(() => '0')) || 0))
      .toBe(before - 1);
    await page.locator('[data-test="tab-messages"]').click();
    await expect(returned.getAttribute('class')).resolves.not.toContain('message--unread');

    const head = await phone(HEAD);
    await head.page.locator('[data-test="tab-messages"]').click();
    const request = head.page
      .locator('[data-test="message-review_requested"]', { hasText: OFFLINE_TITLE })
      .first();
    await expect(request.innerText()).resolves.toContain('等待您审核');
    await look(head.page, 'zh-CN-messages-head');
    await request.click();
    await head.page.waitForURL(new RegExp(`/m/review/${offlineItemId}$`));
    await head.page.locator('[data-test="review-return"]').waitFor();
  });

  it('7. every page reads in English too, without an untranslated key', async () => {
    const { page } = await phone(DEPUTY, 'en');
    const pages: [string, string][] = [
      ['home', 'm/'],
      ['write', 'm/write'],
      ['items', 'm/items'],
      ['item', `m/items/${itemId}`],
      ['review', 'm/review'],
      ['review-item', `m/review/${offlineItemId}`],
      ['incidents', 'm/incidents'],
      ['incident-new', 'm/incidents/new'],
      ['incident', `m/incidents/${incidentId}`],
      ['messages', 'm/messages'],
      ['me', 'm/me'],
    ];
    for (const [name, path] of pages) {
      await page.goto(new URL(path, product.url).href);
      await look(page, `en-${name}`);
      expect(await untranslatedKeys(page, NAMESPACES), name).toEqual([]);
    }
    await expect(page.locator('[data-test="tab-home"]').innerText()).resolves.toContain(
      en.nav.home,
    );
    await page.goto(new URL('m/me', product.url).href);
    await page.locator('[data-test="logout"]').click();
    await page.waitForURL(/\/m\/login/);
    await look(page, 'en-login');

    const zh = await phone(DEPUTY);
    await zh.page.goto(new URL('m/me', product.url).href);
    await look(zh.page, 'zh-CN-me');
    await zh.page.locator('[data-test="logout"]').click();
    await zh.page.waitForURL(/\/m\/login/);
    await look(zh.page, 'zh-CN-login');
  });

  it('8. no page has a critical or serious accessibility violation, and none logged an error', () => {
    expect(violations).toEqual([]);
    expect(
      errors.flat().filter((e) => !/Failed to load resource|ERR_INTERNET_DISCONNECTED/.test(e)),
    ).toEqual([]);
  });
});
