import { mkdirSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import JSZip from 'jszip';
import type { Browser, Page, Request } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MENU, menuPaths, visibleMenu } from '../../../apps/admin/src/layout/menu.js';
import zhCN from '../../../apps/admin/src/locales/zh-CN.js';
import {
  DEMO_PASSWORD,
  DOWNLOADS,
  PNG_BYTES,
  SCREENSHOTS,
  choose,
  confirmBox,
  fill,
  launchBrowser,
  login,
  openPage,
  screenshot,
  settle,
  untranslatedKeys,
  type WatchedPage,
} from './browser.js';
import { freePort, startProduct, tempDir, type RunningProduct } from './product.js';

// DEMO_LOGINS of the seed: a township center's officer and head, the bureau's reviewer and
// admin, and an officer of a direct unit (another unit than the township's).
const TOWNSHIP = '城关镇中心校';
const OFFICER = 'cg_xxy';
const HEAD = 'cg_head';
const REVIEWER = 'shenhe';
const ADMIN = 'admin';
const FOREIGN_UNIT_USER = 'yg_xxy';
const SCHOOL_OFFICER = 'cg01_xxy';

const TITLE = `城关镇中心校开展秋季校园安全应急疏散演练（${Date.now().toString(36)}）`;
const FIRST_SENTENCE = '11月25日上午，城关镇中心校组织全体师生开展校园安全应急疏散演练。';
const EDITED_SENTENCE =
  '11月25日上午，城关镇中心校联合镇派出所组织全体师生开展校园安全应急疏散演练。';
const BODY = `${FIRST_SENTENCE}演练中，各班级在教师带领下沿指定路线有序撤离，用时3分钟。演练结束后，学校对演练情况进行了总结。`;
const NAMESPACES = Object.keys(zhCN);
// Outlets of the demo county's registry (媒体名录), and one the reviewer adds in the run.
const CITY_OUTLET = '清州市教育局网站';
const COUNTY_OUTLET = '清河县融媒体中心';
const NEW_OUTLET = `河南教育发布${Date.now().toString(36)}`;

describe('the console in a real browser', () => {
  let product: RunningProduct;
  let browser: Browser;
  let submissionUrl = '';
  let bulletinUrl = '';
  const opened: WatchedPage[] = [];

  async function as(username: string, width?: number): Promise<Page> {
    const watched = await openPage(browser, width);
    opened.push(watched);
    await watched.page.goto(product.url);
    await login(watched.page, product.url, username);
    return watched.page;
  }

  /** A JSON request to the API with a session cookie, as the console sends one. */
  async function apiJson<T>(cookie: string, path: string): Promise<T> {
    const response = await fetch(new URL(`api${path}`, product.url), { headers: { cookie } });
    expect(response.ok).toBe(true);
    return (await response.json()) as T;
  }
  async function apiSession(username: string): Promise<string> {
    const response = await fetch(new URL('api/auth/login', product.url), {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ username, password: DEMO_PASSWORD }),
    });
    expect(response.ok).toBe(true);
    return response.headers.get('set-cookie')?.split(';')[0] ?? '';
  }
  interface TownshipFigures {
    score: number;
    adopted: number;
    adoptedByLevel: Record<string, number>;
  }
  /** The township's row of the current half-year's evaluation, as the console's table shows it. */
  async function townshipFigures(): Promise<TownshipFigures> {
    const evaluation = await apiJson<{ units: (TownshipFigures & { name: string })[] }>(
      await apiSession(REVIEWER),
      '/evaluation',
    );
    const row = evaluation.units.find((u) => u.name === TOWNSHIP);
    expect(row).toBeDefined();
    return row!;
  }
  let afterFirstAdoption: TownshipFigures | null = null;

  beforeAll(async () => {
    const dataDir = tempDir('jyxc-browser-');
    product = await startProduct({
      PORT: String(await freePort()),
      DATABASE_URL: `file:${join(dataDir, 'jyxc.db')}`,
    });
    browser = await launchBrowser();
    // Each run leaves exactly its own screenshots.
    rmSync(SCREENSHOTS, { recursive: true, force: true });
  }, 300_000);

  afterAll(async () => {
    for (const w of opened) await w.context.close().catch(() => undefined);
    await browser?.close();
    await product?.stop();
  });

  it('1. a township officer opens /, logs in, writes an item with a photo and submits it', async () => {
    const watched = await openPage(browser);
    opened.push(watched);
    const { page } = watched;
    await page.goto(product.url);
    // Nobody is logged in: the console sends the visitor to the login page.
    await page.waitForURL(/\/login/);
    await screenshot(page, 'zh-CN-login');
    await login(page, product.url, OFFICER);
    expect(new URL(page.url()).pathname).toBe('/dashboard');

    await page.goto(new URL('submissions/new', product.url).href);
    await fill(page, 'editor-title', TITLE);
    await fill(page, 'editor-body', BODY);
    await page.locator('input[type=file]').setInputFiles({
      name: 'drill.png',
      mimeType: 'image/png',
      buffer: PNG_BYTES,
    });
    await screenshot(page, 'zh-CN-submission-editor');
    await page.locator('[data-test="editor-submit"]').click();
    await confirmBox(page);
    await page.waitForURL((url) => /^\/submissions\/(?!new$)[^/]+$/.test(url.pathname));
    await settle(page);
    submissionUrl = page.url();

    await expect
      .poll(() => page.locator('[data-test="submission-state"]').innerText())
      .toBe('单位审核中');
    await expect(page.locator('[data-test="photos"] img').count()).resolves.toBe(1);
    await expect(page.locator('[data-test="submission-body"]').innerText()).resolves.toBe(BODY);
  });

  it('2. the township head edits one sentence and approves; the sign-off shows that revision', async () => {
    const page = await as(HEAD);
    await page.goto(submissionUrl);
    await settle(page);
    await page.locator('[data-test="action-approve"]').click();
    const body = page
      .locator('[data-test="approve-body"]')
      .locator('xpath=self::textarea | .//textarea')
      .first();
    await body.fill(BODY.replace(FIRST_SENTENCE, EDITED_SENTENCE));
    await fill(page, 'approve-comment', '补充联合派出所的信息。');
    await page.locator('[data-test="approve-confirm"]').click();
    await expect
      .poll(() => page.locator('[data-test="submission-state"]').innerText())
      .toBe('宣传股审核中');
    await settle(page);

    const version = await page.locator('.status-line').innerText();
    const revision = /第 (\d+) 版/.exec(version)?.[1];
    expect(revision).toBeDefined();
    const signOff = await page.locator('[data-test="sign-off-current"]').innerText();
    expect(signOff).toContain(`签发第 ${revision} 版`);
    expect(signOff).toContain('修改后签发');

    // The diff viewer names who changed what: the inserted words are marked.
    const diff = page.locator('[data-test="diff-viewer"]');
    await expect(diff.locator('ins').first().innerText()).resolves.toContain('联合镇派出所');
    await expect(diff.innerText()).resolves.toContain('正文');
    await screenshot(page, 'zh-CN-submission-detail-signed-off');
  });

  it('3. a bureau reviewer adopts it at city level with headline; the evaluation explains the points', async () => {
    const page = await as(REVIEWER);
    await page.goto(submissionUrl);
    await settle(page);
    await page.locator('[data-test="action-adopt"]').click();
    // Issue 16: the outlet comes from the bureau's registry, and sets the level (city).
    await choose(page, 'adopt-outlet', '教育局网站', CITY_OUTLET);
    await expect
      .poll(() => page.locator('[data-test="adopt-level-city"]').getAttribute('class'))
      .toContain('is-active');
    await page.locator('[data-test="adopt-headline"]').click();
    await fill(page, 'adopt-page', '头版');
    // A screenshot over 10 MB is refused at once, before any of it is sent.
    const uploads: string[] = [];
    const onRequest = (request: Request) => {
      if (request.url().includes('/api/adoptions/screenshots')) uploads.push(request.url());
    };
    page.on('request', onRequest);
    await page.locator('.el-dialog input[type=file]').setInputFiles({
      name: '版面截图.png',
      mimeType: 'image/png',
      buffer: Buffer.alloc(10 * 1024 * 1024 + 1),
    });
    const refused = page.locator('.el-message--error', { hasText: '截图不能超过 10 MB' });
    await refused.waitFor();
    page.off('request', onRequest);
    expect(uploads).toEqual([]);
    // Gone before the adopted page's screenshot.
    await refused.waitFor({ state: 'detached' });
    await page.locator('[data-test="adopt-confirm"]').click();
    await expect
      .poll(() => page.locator('[data-test="submission-state"]').innerText())
      .toBe('已采用');
    await settle(page);
    const score = await page.locator('[data-test="score"]').innerText();
    expect(score).toContain('市级');
    await screenshot(page, 'zh-CN-submission-detail-adopted');

    await page.goto(new URL('evaluation', product.url).href);
    await settle(page);
    await page
      .locator('[data-test="evaluation-table"]')
      .getByRole('button', { name: TOWNSHIP, exact: true })
      .click();
    const breakdown = page.locator('[data-test="unit-breakdown"]');
    await breakdown.waitFor();
    const row = breakdown.locator('tr', { hasText: TITLE });
    await expect(row.count()).resolves.toBe(1);
    const explained = await row.innerText();
    // DESIGN §3.4: city level 4 points, doubled for the headline, plus 0.2 for reaching the bureau.
    expect(explained).toContain('市级');
    expect(explained).toMatch(/8\.2|\b8\b/);
    expect(explained).toContain(CITY_OUTLET);
    await screenshot(page, 'zh-CN-evaluation-unit-breakdown');
    afterFirstAdoption = await townshipFigures();
  });

  it('3b. the reviewer records another adoption, adds a later instruction and revokes a wrong one', async () => {
    const page = await as(REVIEWER);
    await page.goto(submissionUrl);
    await settle(page);
    const rows = page.locator('[data-test="adoption-row"]');
    await expect(rows.count()).resolves.toBe(1);

    // DESIGN §3.4: after the first adoption the item can be adopted again at another level.
    await page.locator('[data-test="adopt-more"]').click();
    await choose(page, 'adopt-outlet', '融媒体', COUNTY_OUTLET);
    await expect(page.locator('[data-test="adopt-outlet-level"]').innerText()).resolves.toContain(
      '县级',
    );
    await screenshot(page, 'zh-CN-adopt-dialog-outlet');
    await fill(page, 'adopt-page', '第 2 版');
    await page.locator('[data-test="adopt-confirm"]').click();
    await expect.poll(() => rows.count()).toBe(2);
    await settle(page);

    // A leader instruction that came later is added to the city adoption, dated today.
    const city = rows.filter({ hasText: CITY_OUTLET });
    await city.locator('[data-test="adoption-instruction"]').click();
    await fill(page, 'instruction-leader', '市委书记');
    await page.locator('[data-test="instruction-confirm"]').click();
    await expect.poll(() => city.innerText()).toContain('领导批示');
    await settle(page);

    // The county adoption was recorded in error: revoked with a reason, kept in the history.
    const county = rows.filter({ hasText: COUNTY_OUTLET });
    await county.locator('[data-test="adoption-counter"]').click();
    const box = page.locator('.el-message-box');
    await box.locator('input').fill('版面有误，重新核实');
    await box.locator('.el-message-box__btns .el-button--primary').click();
    await expect
      .poll(() => county.locator('[data-test="adoption-countered"]').innerText())
      .toContain('版面有误，重新核实');
    await expect(rows.count()).resolves.toBe(2);
    await screenshot(page, 'zh-CN-submission-detail-adoptions');

    // DESIGN §3.4: the county adoption, revoked, counts neither as 篇次 nor in points; the
    // county-level instruction adds its 3 points in the period of its date (today).
    const first = afterFirstAdoption!;
    const now = await townshipFigures();
    expect(now.adopted).toBe(first.adopted);
    expect(now.adoptedByLevel).toEqual(first.adoptedByLevel);
    expect(now.score).toBeCloseTo(first.score + 3, 6);
  });

  it('3c. the reviewer adds an outlet to the registry and records a merged piece from it', async () => {
    const page = await as(REVIEWER);
    await page.goto(new URL('evaluation/outlets', product.url).href);
    await settle(page);
    await page.locator('[data-test="outlet-new"]').click();
    await fill(page, 'outlet-name', NEW_OUTLET);
    await page.locator('[data-test="outlet-level-province"]').click();
    await page.locator('[data-test="outlet-kind-official_account"]').click();
    await page.locator('[data-test="outlet-save"]').click();
    const registry = page.locator('[data-test="outlets"]');
    await registry.locator('tr', { hasText: NEW_OUTLET }).waitFor();
    await expect(registry.locator('tr', { hasText: NEW_OUTLET }).innerText()).resolves.toContain(
      '省级',
    );
    await settle(page);
    await screenshot(page, 'zh-CN-outlets');

    // Another unit's item at the bureau, merged with this one into one provincial piece.
    const reviewer = await apiSession(REVIEWER);
    const waiting = await apiJson<{
      items: { id: string; title: string; unit: { name: string } }[];
    }>(reviewer, '/submissions?state=bureau_review&pageSize=50');
    const other = waiting.items.find((s) => !s.unit.name.includes('城关'));
    expect(other).toBeDefined();
    const before = await townshipFigures();

    await page.goto(submissionUrl);
    await settle(page);
    await page.locator('[data-test="adopt-more"]').click();
    await choose(page, 'adopt-outlet', NEW_OUTLET);
    await expect
      .poll(() => page.locator('[data-test="adopt-level-province"]').getAttribute('class'))
      .toContain('is-active');
    await fill(page, 'adopt-page', 'https://mp.weixin.qq.com/s/zonghegao');
    await choose(page, 'adopt-merged', other!.title.slice(0, 8), other!.title);
    // A multiple select stays open after a choice: clicking the dialog's title closes it.
    await page.locator('.el-dialog__title', { hasText: '登记采用' }).click();
    await expect(page.locator('[data-test="adopt-shared"]').innerText()).resolves.toContain('2 篇');
    await screenshot(page, 'zh-CN-adopt-dialog-merged');
    await page.locator('[data-test="adopt-confirm"]').click();
    const rows = page.locator('[data-test="adoption-row"]');
    await expect.poll(() => rows.count()).toBe(3);
    await settle(page);
    const score = page.locator('[data-test="score"]');
    await expect(score.innerText()).resolves.toContain(`${NEW_OUTLET}：`);
    await expect(score.innerText()).resolves.toContain('综合稿');
    await screenshot(page, 'zh-CN-submission-detail-merged');

    // DESIGN §3.4: the item was adopted already this half, so the township's 篇 stay; the
    // province level gains one 篇次, and the item its half of 8 points.
    const after = await townshipFigures();
    expect(after.adopted).toBe(before.adopted);
    expect(after.adoptedByLevel.province).toBe((before.adoptedByLevel.province ?? 0) + 1);
    expect(after.adoptedByLevel.city).toBe(before.adoptedByLevel.city);
    expect(after.score).toBeCloseTo(before.score + 4, 6);

    await page.goto(new URL('evaluation', product.url).href);
    await settle(page);
    await page
      .locator('[data-test="evaluation-table"]')
      .getByRole('button', { name: TOWNSHIP, exact: true })
      .click();
    const breakdown = page.locator('[data-test="unit-breakdown"]');
    await breakdown.waitFor();
    const row = breakdown.locator('tr', { hasText: TITLE });
    // 0.2 + city 4 × headline 2 + county instruction 3 + province 8 ÷ 2 = 15.2
    await expect(row.innerText()).resolves.toContain('15.2');
    await expect(row.innerText()).resolves.toContain(NEW_OUTLET);
    await screenshot(page, 'zh-CN-evaluation-unit-breakdown-merged');
  });

  it('4. a bureau admin generates the half-year bulletin, publishes it and downloads .xlsx and .docx', async () => {
    const page = await as(ADMIN);
    // The demo scheme's appeal window is five days; this run closes it so the draft can be
    // published at once (the scheme editor is the place an admin does that).
    await page.goto(new URL('evaluation/scheme', product.url).href);
    await settle(page);
    await fill(page, 'field-bulletin.appealWindowDays', '0');
    await page.locator('[data-test="save-scheme"]').click();
    // Saving shows the change's effect first (DESIGN §3.4); the admin confirms it.
    await page.locator('[data-test="scheme-preview-confirm"]').click();
    await page.locator('.el-message--success').waitFor();

    await page.goto(new URL('evaluation/bulletins', product.url).href);
    await settle(page);
    await page.locator('[data-test="generate-bulletin"]').click();
    await page.waitForURL(/\/evaluation\/bulletins\/[^/]+$/);
    await settle(page);
    bulletinUrl = page.url();
    await expect(page.locator('[data-test="bulletin-units"]').innerText()).resolves.toContain(
      TOWNSHIP,
    );
    await page.locator('[data-test="publish-bulletin"]').click();
    await confirmBox(page);
    await expect
      .poll(() => page.locator('[data-test="bulletin-status"]').innerText())
      .toBe('已发布');
    await screenshot(page, 'zh-CN-bulletin-published');

    mkdirSync(DOWNLOADS, { recursive: true });
    const [xlsx] = await Promise.all([
      page.waitForEvent('download'),
      page.locator('[data-test="download-xlsx"]').click(),
    ]);
    const xlsxPath = join(DOWNLOADS, 'bulletin.xlsx');
    await xlsx.saveAs(xlsxPath);
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.readFile(xlsxPath);
    const rows: string[] = [];
    workbook.eachSheet((sheet) =>
      sheet.eachRow((r) => {
        rows.push((Array.isArray(r.values) ? r.values : []).map((v) => String(v ?? '')).join('|'));
      }),
    );
    const unitRow = rows.find((r) => r.includes(TOWNSHIP));
    expect(unitRow).toBeDefined();

    const [docx] = await Promise.all([
      page.waitForEvent('download'),
      page.locator('[data-test="download-docx"]').click(),
    ]);
    const docxPath = join(DOWNLOADS, 'bulletin.docx');
    await docx.saveAs(docxPath);
    const zip = await JSZip.loadAsync(readFileSync(docxPath));
    const documentXml = (await zip.file('word/document.xml')?.async('string')) ?? '';
    expect(documentXml).toContain(TOWNSHIP);
  });

  it('5. every page of the menu, in Chinese and in English, without console errors or untranslated keys', async () => {
    const watched = await openPage(browser);
    opened.push(watched);
    const { page, errors } = watched;
    await page.goto(product.url);
    await login(page, product.url, ADMIN);
    const paths = [
      ...menuPaths(MENU),
      new URL(submissionUrl).pathname,
      new URL(bulletinUrl).pathname,
    ];
    const problems: string[] = [];
    for (const locale of ['zh-CN', 'en'] as const) {
      if (locale === 'en') await page.locator('[data-test="locale-toggle"]').click();
      for (const path of paths) {
        errors.length = 0;
        await page.goto(new URL(path.slice(1), product.url).href);
        await settle(page);
        await page.locator('[data-test="page-title"]').first().waitFor();
        const keys = await untranslatedKeys(page, NAMESPACES);
        if (keys.length > 0) problems.push(`${locale} ${path}: untranslated ${keys.join(', ')}`);
        if (errors.length > 0) problems.push(`${locale} ${path}: ${errors.join(' / ')}`);
        if ((await page.locator('[data-test="error-state"]').count()) > 0)
          problems.push(`${locale} ${path}: error state`);
        const name =
          path === new URL(submissionUrl).pathname
            ? 'submission-detail'
            : path === new URL(bulletinUrl).pathname
              ? 'bulletin-detail'
              : path.slice(1).replace(/\//g, '-');
        await screenshot(page, `${locale}-${name}`);
      }
    }
    // A school's officer sees a shorter menu, scoped to their school; its pages work as well.
    const school = await openPage(browser);
    opened.push(school);
    await school.page.goto(product.url);
    await login(school.page, product.url, SCHOOL_OFFICER);
    const officerMenu = menuPaths(visibleMenu(MENU, (role) => role === 'officer'));
    expect(officerMenu).not.toContain('/system/users');
    for (const path of officerMenu) {
      school.errors.length = 0;
      await school.page.goto(new URL(path.slice(1), product.url).href);
      await settle(school.page);
      await school.page.locator('[data-test="page-title"]').first().waitFor();
      const keys = await untranslatedKeys(school.page, NAMESPACES);
      if (keys.length > 0) problems.push(`officer ${path}: untranslated ${keys.join(', ')}`);
      if (school.errors.length > 0) problems.push(`officer ${path}: ${school.errors.join(' / ')}`);
      if ((await school.page.locator('[data-test="error-state"]').count()) > 0) {
        problems.push(`officer ${path}: error state`);
      }
      await screenshot(school.page, `zh-CN-school-officer-${path.slice(1).replace(/\//g, '-')}`);
    }
    expect(problems).toEqual([]);
    // Tablet width: the menu folds into a drawer and the page still works.
    await page.setViewportSize({ width: 820, height: 1180 });
    await page.goto(new URL('dashboard', product.url).href);
    await settle(page);
    await page.locator('[data-test="menu-toggle"]').click();
    await screenshot(page, 'en-tablet-dashboard-menu');
  }, 300_000); // two languages times every page, and a second user's menu

  it('6. a unit user opening a foreign unit\'s submission sees a clear "no permission" page', async () => {
    const page = await as(FOREIGN_UNIT_USER);
    await page.goto(submissionUrl);
    await settle(page);
    const notice = page.locator('[data-test="no-permission"]');
    await notice.waitFor();
    await expect(notice.innerText()).resolves.toContain('没有权限');
    await screenshot(page, 'zh-CN-no-permission');
  });

  it('7. an expired session sends the user to login, and back to the page they were on', async () => {
    const watched = await openPage(browser);
    opened.push(watched);
    const { page, context } = watched;
    await page.goto(product.url);
    await login(page, product.url, OFFICER);
    await page.goto(new URL('submissions', product.url).href);
    await settle(page);
    // The server forgets the session (as after a timeout or a password change elsewhere).
    await context.clearCookies();
    await page.locator('.el-menu-item', { hasText: '工作台' }).first().click();
    await page.waitForURL((url) => url.pathname === '/login');
    expect(new URL(page.url()).searchParams.get('redirect')).toBe('/dashboard');
    await page.locator('[data-test="session-expired"]').waitFor();
    await screenshot(page, 'zh-CN-session-expired');
    await login(page, product.url, OFFICER);
    await page.waitForURL((url) => url.pathname === '/dashboard');
  });

  it("8. a bureau admin starts next year's campaign and adds a title to its catalogue", async () => {
    const page = await as(ADMIN);
    await page.goto(new URL('campaigns', product.url).href);
    await settle(page);
    await page.locator('[data-test="new-campaign"]').click();
    const form = page.locator('[data-test="campaign-form"]');
    await form.waitFor();
    // Last year's settings a year on; the catalogue is not copied here, to add a title by hand.
    await page.locator('[data-test="campaign-copy-catalogue"]').click();
    await screenshot(page, 'zh-CN-campaign-new');
    const name = await form
      .locator('[data-test="campaign-name"] input, input[data-test="campaign-name"]')
      .inputValue();
    await page.locator('[data-test="campaign-save"]').click();
    await page.locator('.el-message--success').first().waitFor();
    await settle(page);
    await expect.poll(() => page.locator('[data-test="campaign-status"]').innerText()).toBe('草稿');
    await expect(page.locator('.totals strong').innerText()).resolves.toBe(name);

    await page.locator('.el-tabs__item', { hasText: '征订目录' }).click();
    await page.locator('[data-test="add-periodical"]').click();
    await fill(page, 'periodical-title', '中小学德育');
    // A postal code without its hyphen is refused by the domain, on that field.
    await fill(page, 'periodical-postal-code', '3612');
    await fill(page, 'periodical-publisher', '省教育厅');
    await fill(page, 'periodical-price', '58.8');
    await page.locator('[data-test="periodical-save"]').click();
    await page
      .locator('[data-test="periodical-form"] .el-form-item.is-error', {
        hasText: '邮发代号格式应为',
      })
      .waitFor();
    await fill(page, 'periodical-postal-code', '36-12');
    await page.locator('[data-test="periodical-save"]').click();
    const row = page.locator('[data-test="catalogue"] tr', { hasText: '中小学德育' });
    await row.waitFor();
    await expect(row.innerText()).resolves.toContain('58.80');
    await settle(page);
    await screenshot(page, 'zh-CN-campaign-new-catalogue');
    await page.locator('.el-tabs__item', { hasText: '目标' }).click();
    await screenshot(page, 'zh-CN-campaign-new-targets');
  });
  it('9. an officer on a phone sees an unread return notice under the bell, opens it and lands on the item', async () => {
    // The head returns an item of the officer's through the API, as the bot would.
    const api = async (cookie: string, method: string, path: string, body?: unknown) => {
      const response = await fetch(new URL(`api${path}`, product.url), {
        method,
        headers: { cookie, 'content-type': 'application/json' },
        ...(body === undefined ? {} : { body: JSON.stringify(body) }),
      });
      expect(response.ok).toBe(true);
      return {
        cookie: response.headers.get('set-cookie')?.split(';')[0] ?? '',
        body: (await response.json()) as { id?: string },
      };
    };
    const session = async (username: string) =>
      (await api('', 'POST', '/auth/login', { username, password: DEMO_PASSWORD })).cookie;
    const officer = await session(OFFICER);
    const head = await session(HEAD);
    const title = `城关镇中心校开展防溺水安全教育（${Date.now().toString(36)}）`;
    const item = await api(officer, 'POST', '/submissions', {
      title,
      body: '城关镇中心校开展防溺水安全教育，全体师生参加。',
      category: 'activity',
      eventAt: new Date(Date.now() - 3_600_000).toISOString(),
    });
    const id = item.body.id ?? '';
    await api(officer, 'POST', `/submissions/${id}/submit`, {});
    await api(head, 'POST', `/submissions/${id}/return`, { reason: '请补充参加人数' });

    const page = await as(OFFICER);
    // A phone: the header keeps the bell when the user's name no longer fits.
    await page.setViewportSize({ width: 390, height: 844 });
    await page.goto(new URL('dashboard', product.url).href);
    await settle(page);
    const unreadBefore = Number(await page.locator('[data-test="bell-count"] sup').innerText());
    expect(unreadBefore).toBeGreaterThanOrEqual(1);
    await page.locator('[data-test="bell"]').click();
    await page.waitForURL(/\/notifications$/);
    await settle(page);
    const notice = page.locator('[data-test="notice-submission_returned"]', { hasText: title });
    await expect(notice.getAttribute('class')).resolves.toContain('inbox__item--unread');
    await expect(notice.locator('[data-test="notice-text"]').innerText()).resolves.toContain(
      '退回原因：请补充参加人数',
    );
    await screenshot(page, 'zh-CN-phone-notifications');
    await notice.locator('[data-test="notice-open"]').click();
    await page.waitForURL((url) => url.pathname === `/submissions/${id}`);
    await settle(page);
    await expect
      .poll(() => page.locator('[data-test="submission-state"]').innerText())
      .toBe('已退回');
    // Read now: the bell counts one fewer.
    await expect
      .poll(async () => {
        const badge = page.locator('[data-test="bell-count"] sup');
        return (await badge.isVisible()) ? Number(await badge.innerText()) : 0;
      })
      .toBe(unreadBefore - 1);
    await screenshot(page, 'zh-CN-phone-notice-opened');
  });
});
