import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { createDb } from '@jyxc/db';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { confirmBox, fill, launchBrowser, openPage, settle, type WatchedPage } from './browser.js';
import { REPO_ROOT, freePort, startProduct, tempDir, type RunningProduct } from './product.js';

/** The screenshots of a real bureau's first hour, for people to look at. */
const SHOTS = join(process.env.ARTIFACTS_DIR ?? join(REPO_ROOT, 'artifacts'), 'golive');

const ADMIN = { username: 'qingshan_admin', name: '周管理', password: 'Qingshan-2026' };
const OFFICER = { username: 'qs_cg_xxy', name: '吴信息', password: 'Chengguan-2026' };
const TOWNSHIP = '青山县城关镇中心校';
const SCHOOL = '青山县城关镇第一小学';

async function shot(page: Page, name: string): Promise<void> {
  mkdirSync(SHOTS, { recursive: true });
  await page.screenshot({ path: join(SHOTS, `${name}.png`), fullPage: true });
}

/** The input of an Element Plus field marked `testId` (the marker sits on the input or its wrapper). */
function field(page: Page, testId: string) {
  const sel = `[data-test="${testId}"]`;
  return page.locator(`input${sel}, ${sel} input`).first();
}

/** Picks an option of the Element Plus select marked `testId`. */
async function choose(page: Page, testId: string, option: string): Promise<void> {
  await page.locator(`[data-test="${testId}"]`).click();
  await page.locator('.el-select-dropdown__item:visible', { hasText: option }).first().click();
}

describe('a real county starts from an empty database (DESIGN §7)', () => {
  let product: RunningProduct;
  let browser: Browser;
  let setupLink = '';
  let databaseUrl = '';
  const opened: WatchedPage[] = [];

  async function fresh(width?: number, height?: number): Promise<Page> {
    const watched = await openPage(browser, width, height);
    opened.push(watched);
    return watched.page;
  }

  beforeAll(async () => {
    databaseUrl = `file:${join(tempDir('jyxc-golive-'), 'jyxc.db')}`;
    product = await startProduct({
      PORT: String(await freePort()),
      DATABASE_URL: databaseUrl,
      SEED_DEMO: '0',
    });
    browser = await launchBrowser();
  }, 300_000);

  afterAll(async () => {
    for (const w of opened) await w.context.close().catch(() => undefined);
    await browser?.close();
    await product?.stop();
  });

  it('prints a one-time setup link and answers the API with 503 until the setup is done', async () => {
    // The setup link is printed after where the demo logins would be.
    const match = await product.waitForOutput(/(http:\/\/\S+\/setup\?token=[\w-]+)/);
    expect(match?.[1]).toBeDefined();
    setupLink = match?.[1] ?? '';
    expect(product.output()).not.toContain('演示账号');
    const units = await fetch(new URL('api/units', product.url));
    expect(units.status).toBe(503);
    const body = (await units.json()) as { error: { code: string; message: string } };
    expect(body.error.code).toBe('SETUP.REQUIRED');
    expect(body.error.message).toContain('设置链接');

    // Opening the console without the link leads to the setup page, which asks for the link.
    const page = await fresh();
    await page.goto(product.url);
    await page.waitForURL(/\/setup/);
    await page.locator('[data-test="setup-token"]').waitFor();
    await shot(page, '01-setup-without-link');
  });

  it('sets up the county, its bureau and the first administrator from the link', async () => {
    const page = await fresh();
    await page.goto(setupLink);
    await page.locator('[data-test="setup-page"]').waitFor();
    // The link carries the token: no field for it.
    expect(await page.locator('[data-test="setup-token"]').count()).toBe(0);
    await fill(page, 'setup-county', '青山县');
    await field(page, 'setup-bureau').click();
    expect(await field(page, 'setup-bureau').inputValue()).toBe('青山县教育和体育局');
    await fill(page, 'setup-username', ADMIN.username);
    await fill(page, 'setup-name', ADMIN.name);
    await shot(page, '02-setup-page');

    // The password is the username: refused beside the field, nothing created.
    await fill(page, 'setup-password', ADMIN.username.toUpperCase());
    await fill(page, 'setup-confirm', ADMIN.username.toUpperCase());
    await page.locator('[data-test="setup-submit"]').click();
    await page.locator('.el-form-item__error', { hasText: '密码不能与用户名相同' }).waitFor();
    await shot(page, '03-setup-password-refused');

    await fill(page, 'setup-password', ADMIN.password);
    await fill(page, 'setup-confirm', ADMIN.password);
    await page.locator('[data-test="setup-submit"]').click();
    await page.waitForURL(/\/login/);
    expect(await field(page, 'login-username').inputValue()).toBe(ADMIN.username);
    await shot(page, '04-login-after-setup');

    // The link is spent: the page says so and the API refuses it.
    const again = await fresh();
    await again.goto(setupLink);
    await again.getByText('本平台已完成首次设置').waitFor();
    await shot(again, '05-setup-link-spent');
    const token = new URL(setupLink).searchParams.get('token');
    const reuse = await fetch(new URL('api/setup', product.url), {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({
        token,
        countyName: '别县',
        bureauName: '别县教育和体育局',
        username: 'intruder',
        name: '某人',
        password: 'Intruder-2026',
      }),
    });
    expect(reuse.status).toBe(404);
  });

  it('the administrator builds a township with a school and its officer in the console', async () => {
    const page = await fresh();
    await page.goto(new URL('login', product.url).href);
    await fill(page, 'login-username', ADMIN.username);
    await fill(page, 'login-password', ADMIN.password);
    await page.locator('[data-test="login-submit"]').click();
    await page.locator('[data-test="current-user"]').waitFor();

    await page.goto(new URL('units', product.url).href);
    await settle(page);
    await page.locator('[data-test="create-unit"]').click();
    await fill(page, 'unit-name', TOWNSHIP);
    await page.locator('[data-test="unit-create-submit"]').click();
    await page.locator('[data-test="unit-tree"]').getByText(TOWNSHIP).waitFor();
    await settle(page);

    // With the township selected, a new unit is a school under it.
    await page.locator('[data-test="create-unit"]').click();
    await expect
      .poll(() => page.locator('[data-test="unit-kind"] .is-active').innerText())
      .toBe('学校');
    await fill(page, 'unit-name', SCHOOL);
    await page.locator('[data-test="unit-create-submit"]').click();
    await page.locator('[data-test="unit-tree"]').getByText(SCHOOL).waitFor();
    await settle(page);
    // New units have nobody yet: their accountability gaps show at once.
    expect(await page.locator('[data-test="unit-tree"] .el-tag--danger').count()).toBeGreaterThan(
      0,
    );
    await shot(page, '06-units-created');

    await page.goto(new URL('system/users', product.url).href);
    await settle(page);
    await page.locator('[data-test="new-user"]').click();
    await fill(page, 'user-name', OFFICER.name);
    await choose(page, 'user-unit', TOWNSHIP);
    await fill(page, 'user-username', OFFICER.username);
    await fill(page, 'user-password', OFFICER.password);
    await page.locator('.el-dialog .el-checkbox', { hasText: /^信息员$/ }).click();
    await page.locator('[data-test="user-submit"]').click();
    await page.locator('[data-test="users-table"]').getByText(OFFICER.username).waitFor();
    await shot(page, '07-person-created');

    // A new year starts from this year's scheme, previewed first.
    const year = new Date().getFullYear();
    await page.goto(new URL('evaluation/scheme', product.url).href);
    await settle(page);
    await page.locator('[data-test="next-year"]').click();
    const preview = page.locator('[data-test="next-year-preview"]');
    await preview.waitFor();
    expect(await preview.innerText()).toContain('使用默认办法');
    // The new year's holidays are its own shipped ones (or none yet), never this year's.
    expect(await page.locator('[data-test="next-year-calendar"]').innerText()).toMatch(
      new RegExp(`(使用系统提供的 ${year + 1} 年节假日|系统未提供 ${year + 1} 年的节假日)`),
    );
    await shot(page, '08-next-year-preview');
    await page.locator('[data-test="next-year-start"]').click();
    await page.getByText(`已开启 ${year + 1} 年度`).waitFor();
    await settle(page);
    await shot(page, '09-next-year-started');

    // The officer's chat account and the township's work group, as the bot links them.
    const db = createDb(databaseUrl);
    try {
      const officer = await db.person.findUniqueOrThrow({ where: { username: OFFICER.username } });
      await db.chatIdentity.create({
        data: {
          channel: 'telegram',
          externalId: '880001',
          personId: officer.id,
          handle: 'wu_xinxi',
        },
      });
      await db.chatGroup.create({
        data: {
          channel: 'telegram',
          chatId: '-100880',
          unitId: officer.unitId,
          title: '城关镇中心校工作群',
          linkedById: officer.id,
        },
      });
    } finally {
      await db.$disconnect();
    }
    await page.goto(new URL('system/chat-links', product.url).href);
    await settle(page);
    const accounts = page.locator('[data-test="chat-accounts"]');
    await accounts.getByText(OFFICER.name).waitFor();
    await page.locator('[data-test="chat-groups"]').getByText('城关镇中心校工作群').waitFor();
    await shot(page, '10-chat-links');
    await accounts.getByRole('button', { name: '解除绑定' }).click();
    await confirmBox(page);
    await accounts.getByText('没有已绑定的个人账号').waitFor();
  });

  it('the new officer logs in on a phone and sees their unit', async () => {
    const page = await fresh(390, 844);
    await page.goto(product.url);
    await page.waitForURL(/\/login/);
    await fill(page, 'login-username', OFFICER.username);
    await fill(page, 'login-password', OFFICER.password);
    await page.locator('[data-test="login-submit"]').click();
    // On a phone the header folds the name away: the dashboard itself is the sign.
    await page.waitForURL(/\/dashboard/);
    await settle(page);
    expect(await page.locator('[data-test="current-user"]').textContent()).toBe(
      `${OFFICER.name} · ${TOWNSHIP}`,
    );
    await shot(page, '11-officer-logged-in');
  });

  it('left no error in any page it opened, besides the refusals it provoked', () => {
    // 401: the console asking who is logged in before anyone is.
    const provoked =
      /Failed to load resource: the server responded with a status of (401|404|422|503)/;
    expect(opened.flatMap((w) => w.errors).filter((e) => !provoked.test(e))).toEqual([]);
  });
});
