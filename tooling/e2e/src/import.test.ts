import { copyFileSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import type { Browser, Page, Request } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fill, launchBrowser, openPage, settle, type WatchedPage } from './browser.js';
import { REPO_ROOT, freePort, startProduct, tempDir, type RunningProduct } from './product.js';

/** What a bureau sees while it imports its county, for people to look at. */
const SHOTS = join(process.env.ARTIFACTS_DIR ?? join(REPO_ROOT, 'artifacts'), 'import');

const COUNTY = '白河县';
const BUREAU = '白河县教育和体育局';
const ADMIN = { username: 'baihe_admin', name: '郑管理', password: 'Baihe-Admin-2026' };
const TOWNSHIPS = ['城关镇', '东关镇', '西关镇', '南关镇', '北关镇'].map(
  (t) => `${COUNTY}${t}中心校`,
);

async function shot(page: Page, name: string): Promise<string> {
  mkdirSync(SHOTS, { recursive: true });
  const path = join(SHOTS, `${name}.png`);
  await page.screenshot({ path, fullPage: true });
  return path;
}

/**
 * The county as its office fills the template: 5 township centers, 2 direct units and 23
 * schools (30 units), and 100 people spread over them.
 */
function countyRows(): { units: (string | number)[][]; people: string[][] } {
  const units: (string | number)[][] = TOWNSHIPS.map((name, i) => [
    name,
    '乡镇中心校',
    BUREAU,
    '',
    60 + i,
    0,
    '否',
  ]);
  units.push(['白河县第一中学', '局直单位', '', '', 150, 2400, '']);
  units.push(['白河县职业中学', '局直单位', BUREAU, '', 90, 1300, '']);
  for (let i = 0; i < 23; i += 1) {
    const township = TOWNSHIPS[i % TOWNSHIPS.length] ?? '';
    units.push([
      `${township.replace('中心校', '')}第${i + 1}小学`,
      '学校',
      township,
      '',
      30,
      500,
      i === 0 ? '是' : '否',
    ]);
  }
  const roles = ['一把手', '分管领导', '信息员', '舆情责任人'];
  const people: string[][] = [];
  for (let i = 0; i < 100; i += 1) {
    const unit = units[i % units.length]?.[0];
    people.push([
      `教师${i + 1}`,
      `bh_${String(i + 1).padStart(3, '0')}`,
      String(unit),
      roles[i % 4] ?? '',
      `1390000${String(i).padStart(4, '0')}`,
    ]);
  }
  return { units, people };
}

/** The downloaded template with its example rows replaced by `units` and `people`. */
async function filledTemplate(template: string, units: (string | number)[][], people: string[][]) {
  const book = new ExcelJS.Workbook();
  await book.xlsx.load(new Uint8Array(readFileSync(template)).buffer);
  for (const [name, rows] of [
    ['单位', units],
    ['人员', people],
  ] as const) {
    const sheet = book.getWorksheet(name);
    if (!sheet) throw new Error(`the template has no sheet ${name}`);
    sheet.spliceRows(2, sheet.rowCount - 1);
    rows.forEach((row, i) => {
      sheet.getRow(i + 2).values = row;
    });
  }
  return Buffer.from(await book.xlsx.writeBuffer());
}

describe('a new county imports its units and people from the template (DESIGN §6, §7)', () => {
  let product: RunningProduct;
  let browser: Browser;
  let admin: Page;
  let template = '';
  let initial = { username: '', password: '', name: '', unit: '' };
  const opened: WatchedPage[] = [];

  async function fresh(): Promise<Page> {
    const watched = await openPage(browser);
    opened.push(watched);
    return watched.page;
  }

  beforeAll(async () => {
    product = await startProduct({
      PORT: String(await freePort()),
      DATABASE_URL: `file:${join(tempDir('jyxc-import-'), 'jyxc.db')}`,
      SEED_DEMO: '0',
    });
    browser = await launchBrowser();
  }, 300_000);

  afterAll(async () => {
    for (const w of opened) await w.context.close().catch(() => undefined);
    await browser?.close();
    await product?.stop();
  });

  it('sets up the bureau and its administrator from the printed link', async () => {
    const link = (await product.waitForOutput(/(http:\/\/\S+\/setup\?token=[\w-]+)/))[1];
    expect(link).toBeDefined();
    admin = await fresh();
    await admin.goto(link ?? '');
    await admin.locator('[data-test="setup-page"]').waitFor();
    await fill(admin, 'setup-county', COUNTY);
    // The bureau's name follows from the county's.
    await admin
      .locator('[data-test="setup-bureau"] input, input[data-test="setup-bureau"]')
      .first()
      .click();
    expect(
      await admin
        .locator('[data-test="setup-bureau"] input, input[data-test="setup-bureau"]')
        .first()
        .inputValue(),
    ).toBe(BUREAU);
    await fill(admin, 'setup-username', ADMIN.username);
    await fill(admin, 'setup-name', ADMIN.name);
    await fill(admin, 'setup-password', ADMIN.password);
    await fill(admin, 'setup-confirm', ADMIN.password);
    await shot(admin, '01-setup');
    await admin.locator('[data-test="setup-submit"]').click();
    await admin.waitForURL(/\/login/);
    await fill(admin, 'login-password', ADMIN.password);
    await admin.locator('[data-test="login-submit"]').click();
    await admin.locator('[data-test="current-user"]').waitFor();
  });

  it('downloads the template from the import page', async () => {
    await admin.goto(new URL('system/import', product.url).href);
    await settle(admin);
    const [download] = await Promise.all([
      admin.waitForEvent('download'),
      admin.locator('[data-test="import-template"]').click(),
    ]);
    expect(download.suggestedFilename()).toBe('单位与人员导入模板.xlsx');
    template = join(tempDir('jyxc-template-'), 'template.xlsx');
    await download.saveAs(template);
    const book = new ExcelJS.Workbook();
    await book.xlsx.load(new Uint8Array(readFileSync(template)).buffer);
    // The example rows name this county's bureau.
    expect(book.getWorksheet('单位')?.getCell('C2').value).toBe(BUREAU);
    await shot(admin, '02-import-page');
  });

  it('shows each row’s errors and writes nothing while any row is wrong', async () => {
    const { units, people } = countyRows();
    const wrongUnits = [
      ...units,
      ['白河县第一中学附属小学', '学校', '白河县第一中学', '', 10, 100, ''],
    ];
    const wrongPeople = [
      ...people,
      ['重名者', 'bh_001', TOWNSHIPS[0] ?? '', '信息员', ''],
      ['错电话', 'bh_x1', TOWNSHIPS[1] ?? '', '校长', '1390abc'],
      ['无单位', 'bh_x2', '白河县不存在中心校', '', ''],
    ];
    const dir = tempDir('jyxc-import-file-');
    // A file over the import's 5 MB is refused before it is sent.
    const huge = join(dir, '白河县单位与人员（过大）.xlsx');
    writeFileSync(huge, Buffer.alloc(5 * 1024 * 1024 + 1));
    const previews: string[] = [];
    const onRequest = (request: Request) => {
      if (request.url().includes('/api/imports/preview')) previews.push(request.url());
    };
    admin.on('request', onRequest);
    await admin.locator('[data-test="import-file"]').setInputFiles(huge);
    await admin.locator('[data-test="import-failure"]', { hasText: '文件不能超过 5 MB' }).waitFor();
    admin.off('request', onRequest);
    expect(previews).toEqual([]);
    await shot(admin, '03-import-file-too-large');

    const wrong = join(dir, '白河县单位与人员（有错误）.xlsx');
    writeFileSync(wrong, await filledTemplate(template, wrongUnits, wrongPeople));
    await admin.locator('[data-test="import-file"]').setInputFiles(wrong);
    const alert = admin.locator('[data-test="import-has-errors"]');
    await alert.waitFor();
    expect(await alert.innerText()).toContain('有 4 行有错误');
    const table = admin.locator('[data-test="import-rows"]');
    await table.getByText('学校的上级须为乡镇中心校，“白河县第一中学”是局直单位').waitFor();
    await admin.locator('.el-radio-button', { hasText: '人员' }).click();
    await table.getByText('与第 2 行的用户名重复').waitFor();
    await table.getByText('手机号“1390abc”格式不正确（5–20 位数字，可含 +、- 和空格）').waitFor();
    await table.getByText('未知职责“校长”', { exact: false }).waitFor();
    await table
      .getByText('单位“白河县不存在中心校”不存在（系统和本文件“单位”表中都没有）')
      .waitFor();
    expect(await admin.locator('[data-test="import-confirm"]').isDisabled()).toBe(true);
    const path = await shot(admin, '03-import-preview-with-errors');
    if (process.env.IMPORT_PREVIEW_SHOT) copyFileSync(path, process.env.IMPORT_PREVIEW_SHOT);

    const nothing = await fetch(new URL('api/people?pageSize=5', product.url), {
      headers: {
        cookie: (await admin.context().cookies()).map((c) => `${c.name}=${c.value}`).join('; '),
      },
    });
    expect(((await nothing.json()) as { total: number }).total).toBe(1);
  });

  it('imports 30 units and 100 people and shows each new person’s initial password once', async () => {
    const { units, people } = countyRows();
    expect({ units: units.length, people: people.length }).toEqual({ units: 30, people: 100 });
    const file = join(tempDir('jyxc-import-file-'), '白河县单位与人员.xlsx');
    writeFileSync(file, await filledTemplate(template, units, people));
    await admin.locator('[data-test="import-file"]').setInputFiles(file);
    const summary = admin.locator('[data-test="import-summary"]');
    await summary.getByText('新增 30 · 已存在 0 · 有错误 0').waitFor();
    await summary.getByText('新增 100 · 已存在 0 · 有错误 0').waitFor();
    await shot(admin, '04-import-preview-valid');
    await admin.locator('[data-test="import-confirm"]').click();
    const result = admin.locator('[data-test="import-result"]');
    await result.waitFor({ timeout: 60_000 });
    expect(await result.innerText()).toContain('已新增 30 个单位、100 名人员');
    const rows = admin.locator('[data-test="import-passwords"] .el-table__body tr');
    expect(await rows.count()).toBe(100);
    const first = rows.nth(2);
    const cells = await first.locator('td').allInnerTexts();
    initial = {
      name: cells[0] ?? '',
      username: cells[1] ?? '',
      unit: cells[2] ?? '',
      password: (cells[3] ?? '').trim(),
    };
    expect(initial.password).toMatch(/^[A-Z0-9]{4}-[A-Z0-9]{4}-[A-Z0-9]{4}$/);
    await shot(admin, '05-import-done');

    // The same file again changes nothing.
    await admin.locator('[data-test="import-file"]').setInputFiles(file);
    await summary.getByText('新增 0 · 已存在 100 · 有错误 0').waitFor();
    expect(await admin.locator('[data-test="import-confirm"]').isDisabled()).toBe(true);

    await admin.goto(new URL('units', product.url).href);
    await settle(admin);
    await admin.locator('[data-test="unit-tree"]').getByText('白河县第一中学').waitFor();
    await shot(admin, '06-units-imported');
  });

  it('an imported person logs in with the initial password', async () => {
    const page = await fresh();
    await page.goto(new URL('login', product.url).href);
    await fill(page, 'login-username', initial.username);
    await fill(page, 'login-password', initial.password);
    await page.locator('[data-test="login-submit"]').click();
    await page.waitForURL(/\/dashboard/);
    await settle(page);
    expect(await page.locator('[data-test="current-user"]').textContent()).toBe(
      `${initial.name} · ${initial.unit}`,
    );
    await shot(page, '07-imported-person-logged-in');
  });

  it('left no error in any page it opened, besides the refusals it provoked', () => {
    const provoked =
      /Failed to load resource: the server responded with a status of (401|404|422|503)/;
    expect(opened.flatMap((w) => w.errors).filter((e) => !provoked.test(e))).toEqual([]);
  });
});
