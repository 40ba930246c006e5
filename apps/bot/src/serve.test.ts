import { existsSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createDb, type Db } from '@jyxc/db';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { workflowCounty } from '@jyxc/api/test-support';
import { apiOver, chatLog, command, dm, releaseQuietHours } from './test-support/e2e.js';
import { eventually, startTelegram, type Telegram } from './test-support/emulator.js';
import {
  freePort,
  runToExit,
  startApp,
  tempDatabaseUrl,
  type Running,
} from './test-support/processes.js';

/**
 * Webhook mode end to end (issue 6): one process (apps/bot/src/serve.ts) serving the API and
 * the bot's webhook on the API's port, on a fresh SQLite database, with telegram-test-api as
 * Telegram delivering updates to the webhook (through the emulator front, which adds the secret
 * token header the emulator leaves out).
 */

const TOKEN = '123456:e2e-webhook-token';
const SECRET = 'e2e-webhook-secret-0123456789';
const OFFICER = { id: 3001, is_bot: false, first_name: '李信息' };
const HEAD = { id: 3002, is_bot: false, first_name: '钱校长' };
const GROUP = { id: -100300, type: 'group', title: '城关镇中心校工作群' };
let telegram: Telegram;
let server: Running;
let db: Db;
let url: string;
let county: Awaited<ReturnType<typeof workflowCounty>>;

const { loginAs, linkCode } = apiOver(() => url);
const { messagesTo, waitForMessage } = chatLog(() => telegram);

function postToWebhook(body: string, secret: string | undefined) {
  return fetch(`${url}/telegram/webhook`, {
    method: 'POST',
    headers: {
      'content-type': 'application/json',
      ...(secret === undefined ? {} : { 'X-Telegram-Bot-Api-Secret-Token': secret }),
    },
    body,
  });
}

describe('webhook mode: the API and the bot in one process against a Telegram emulator', () => {
  beforeAll(async () => {
    telegram = await startTelegram(TOKEN);
    const port = await freePort();
    url = `http://127.0.0.1:${port}`;
    const databaseUrl = tempDatabaseUrl();
    server = await startApp(
      'bot',
      {
        DATABASE_URL: databaseUrl,
        PORT: String(port),
        HOST: '127.0.0.1',
        SEED_DEMO: '0',
        TELEGRAM_BOT_TOKEN: TOKEN,
        TELEGRAM_API_ROOT: telegram.apiRoot,
        BOT_MODE: 'webhook',
        WEBHOOK_SECRET: SECRET,
        PUBLIC_URL: `${url}/`,
        OUTBOX_INTERVAL_MS: '200',
      },
      /Telegram bot @\S+ is running \(webhook/,
      'src/serve.ts',
    );
    db = createDb(databaseUrl);
    county = await workflowCounty(db);
  }, 120_000);

  afterAll(async () => {
    await server?.stop();
    await db?.$disconnect();
    await telegram?.stop();
  });

  it('registers its webhook on the API’s port, refuses a wrong secret, handles updates once and delivers notifications', async () => {
    expect(telegram.webhook()).toEqual({ url: `${url}/telegram/webhook`, secretToken: SECRET });
    expect(server.output()).toMatch(/is running at http:\/\/127\.0\.0\.1:\d+\//);

    // Not Telegram: refused, nothing handled.
    const forged = JSON.stringify({
      update_id: 1,
      message: { message_id: 1, date: 0, chat: dm(OFFICER), from: OFFICER, text: '/help' },
    });
    expect((await postToWebhook(forged, undefined)).status).toBe(401);
    expect((await postToWebhook(forged, 'a-guessed-secret-0000')).status).toBe(401);
    expect(await db.processedUpdate.count()).toBe(0);
    expect(telegram.botMessages()).toHaveLength(0);

    const admin = await loginAs('admin');
    await telegram.send({
      from: OFFICER,
      chat: dm(OFFICER),
      ...command(
        `/start ${await linkCode(admin, { kind: 'person', personId: county.officer.id })}`,
      ),
    });
    await waitForMessage(OFFICER.id, (m) => m.text.includes('绑定成功'), 'the officer linked');
    await telegram.send({
      from: HEAD,
      chat: dm(HEAD),
      ...command(`/start ${await linkCode(admin, { kind: 'person', personId: county.cgHead.id })}`),
    });
    await waitForMessage(HEAD.id, (m) => m.text.includes('绑定成功'), 'the head linked');
    await telegram.send({
      from: OFFICER,
      chat: GROUP,
      ...command(
        `/bindgroup ${await linkCode(admin, { kind: 'group', unitId: county.township.id })}`,
      ),
    });
    await waitForMessage(GROUP.id, (m) => m.text.includes('本群已绑定'), 'the group linked');

    await telegram.send({
      from: OFFICER,
      chat: GROUP,
      photo: [{ file_id: 'photo-w', file_unique_id: 'uw', width: 800, height: 600 }],
      caption: '/kb 城关镇中心校开展防溺水安全教育\n全镇学生参加。',
      caption_entities: [{ type: 'bot_command', offset: 0, length: 3 }],
    });
    const card = await waitForMessage(
      GROUP.id,
      (m) => m.text.startsWith('📝 快报草稿'),
      'the card',
    );
    const submit = card.buttons.find((b) => b.data?.startsWith('qr:submit:') === true)?.data ?? '';
    const id = submit.slice('qr:submit:'.length);
    expect(await db.attachment.count({ where: { submissionId: id } })).toBe(1);

    // Telegram delivering the report's update again: answered, still one draft and one card.
    const delivered = telegram.webhookDeliveries().find((u) => u.includes('防溺水'));
    expect(delivered).toBeDefined();
    expect((await postToWebhook(delivered ?? '', SECRET)).status).toBe(200);
    await new Promise((resolve) => setTimeout(resolve, 500));
    expect(await db.submission.count()).toBe(1);
    expect(messagesTo(GROUP.id, (m) => m.text.startsWith('📝 快报草稿'))).toHaveLength(1);

    // Submitted from the card; the head's review request comes from the same process's outbox.
    await telegram.press(OFFICER, { message_id: card.messageId, chat: GROUP }, submit);
    await eventually(
      async () =>
        (await db.submission.findUniqueOrThrow({ where: { id } })).state === 'unit_review'
          ? true
          : undefined,
      'the submission',
    );
    await releaseQuietHours(db);
    const review = await waitForMessage(
      HEAD.id,
      (m) => m.text.includes('【待审核】'),
      'the review request',
    );
    // DESIGN §3.2: approving comes after 查看全文, which answers with the full text.
    await telegram.press(
      HEAD,
      { message_id: review.messageId, chat: dm(HEAD) },
      review.buttons[0]?.data ?? '',
    );
    const fullText = await waitForMessage(
      HEAD.id,
      (m) => m.buttons.some((b) => b.text === '通过并报送'),
      'the full text after 查看全文',
    );
    await telegram.press(
      HEAD,
      { message_id: fullText.messageId, chat: dm(HEAD) },
      fullText.buttons.find((b) => b.text === '通过并报送')?.data ?? '',
    );
    await eventually(
      async () =>
        (await db.submission.findUniqueOrThrow({ where: { id } })).state === 'bureau_review'
          ? true
          : undefined,
      'the approval from the direct message',
    );
    // The bot marks the request done on the head's message.
    await waitForMessage(
      HEAD.id,
      (m) => m.text.includes('您已审核通过'),
      'the request marked done',
    );
    // The press's handling goes on (the offer of a comment); the bot stops only after it.
    await eventually(() => (telegram.webhookIdle() ? true : undefined), 'the press handled');
    // One request, though Telegram delivered the report twice.
    expect(
      messagesTo(HEAD.id, (m) => m.text.includes('【待审核】') && !m.text.includes('您已审核通过')),
    ).toHaveLength(1);
  }, 120_000);
});

describe('webhook mode start-up errors', () => {
  const base = () => {
    const folder = mkdtempSync(join(tmpdir(), 'jyxc-serve-'));
    return {
      folder,
      env: {
        DATABASE_URL: `file:${join(folder, 'never.db')}`,
        SEED_DEMO: '0',
        TELEGRAM_BOT_TOKEN: TOKEN,
        BOT_SERVICE_TOKEN: 'a-service-token-of-at-least-32-characters',
        PORT: '1',
      },
    };
  };

  it('exits with one clear line and starts nothing without WEBHOOK_SECRET or PUBLIC_URL', async () => {
    const cases = [
      { PUBLIC_URL: 'https://jyxc.example.cn/', WEBHOOK_SECRET: '', expect: /WEBHOOK_SECRET/ },
      { WEBHOOK_SECRET: SECRET, PUBLIC_URL: '', expect: /PUBLIC_URL/ },
    ];
    for (const { expect: pattern, ...extra } of cases) {
      const { folder, env } = base();
      const run = await runToExit('bot', 'src/serve.ts', { ...env, ...extra });
      expect(run.code).toBe(1);
      const lines = run.stderr.trim().split('\n');
      expect(lines).toHaveLength(1);
      expect(lines[0]).toMatch(/^启动失败 \/ Cannot start: /);
      expect(lines[0]).toMatch(pattern);
      expect(run.stdout).toBe('');
      expect(existsSync(join(folder, 'never.db'))).toBe(false);
    }
  }, 60_000);

  it('tells the separate bot process that webhook mode runs inside the API', async () => {
    const { env } = base();
    const run = await runToExit('bot', 'src/main.ts', {
      ...env,
      BOT_MODE: 'webhook',
      WEBHOOK_SECRET: SECRET,
      PUBLIC_URL: 'https://jyxc.example.cn/',
    });
    expect(run.code).toBe(1);
    expect(run.stderr.trim().split('\n')).toHaveLength(1);
    expect(run.stderr).toMatch(/BOT_MODE=webhook serves the webhook on the API’s port/);
  }, 60_000);
});
