import { createDb, type Db } from '@jyxc/db';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { workflowCounty } from '@jyxc/api/test-support';
import { apiOver, chatLog, command, dm, field, releaseQuietHours } from './test-support/e2e.js';
import { eventually, startTelegram, type Telegram } from './test-support/emulator.js';
import { freePort, startApp, tempDatabaseUrl, type Running } from './test-support/processes.js';

/**
 * End to end (issue 6): the real API process on a fresh SQLite database, the real bot process,
 * and telegram-test-api as Telegram, driven the way people use it.
 */

const TOKEN = '123456:e2e-bot-token';
const SERVICE_TOKEN = 'e2e-service-token-0123456789abcdef0123456789abcdef';
const OFFICER = { id: 2001, is_bot: false, first_name: '李信息' };
const HEAD = { id: 2002, is_bot: false, first_name: '钱校长' };
const GROUP = { id: -100200, type: 'group', title: '城关镇中心校工作群' };
let telegram: Telegram;
let api: Running;
let bot: Running;
let db: Db;
let apiUrl: string;
let county: Awaited<ReturnType<typeof workflowCounty>>;

async function startBot() {
  return startApp(
    'bot',
    {
      TELEGRAM_BOT_TOKEN: TOKEN,
      BOT_SERVICE_TOKEN: SERVICE_TOKEN,
      API_URL: apiUrl,
      TELEGRAM_API_ROOT: telegram.apiRoot,
      PUBLIC_URL: 'http://console.test/',
      OUTBOX_INTERVAL_MS: '200',
    },
    /Telegram bot @\S+ is running/,
  );
}

const { request, loginAs, linkCode } = apiOver(() => apiUrl);
const { messagesTo, waitForMessage } = chatLog(() => telegram);

async function stateOf(id: string): Promise<string> {
  return (await db.submission.findUniqueOrThrow({ where: { id } })).state;
}

beforeAll(async () => {
  telegram = await startTelegram(TOKEN);
  const port = await freePort();
  apiUrl = `http://127.0.0.1:${port}`;
  const databaseUrl = tempDatabaseUrl();
  api = await startApp(
    'api',
    {
      DATABASE_URL: databaseUrl,
      PORT: String(port),
      HOST: '127.0.0.1',
      SEED_DEMO: '0',
      BOT_SERVICE_TOKEN: SERVICE_TOKEN,
    },
    /is running at/,
  );
  db = createDb(databaseUrl);
  county = await workflowCounty(db);
  bot = await startBot();
}, 120_000);

afterAll(async () => {
  await bot?.stop();
  await api?.stop();
  await db?.$disconnect();
  await telegram?.stop();
});

describe('the bot against a Telegram emulator, the real API and the real bot process', () => {
  it('says in one line at start how to let it read group messages (the emulator reports privacy mode on)', async () => {
    // The warning goes to stderr and the ready line to stdout: two pipes, read in either order.
    await expect.poll(() => bot.output().includes('cannot read group messages')).toBe(true);
    const lines = bot
      .output()
      .split('\n')
      .filter((l) => l.includes('cannot read group messages'));
    expect(lines).toHaveLength(1);
    expect(lines[0]).toContain('/setprivacy');
  });

  it('links, takes an album as one quick report, is reviewed from a direct message and announces the adoption exactly once across a restart', async () => {
    const admin = await loginAs('admin');

    // An officer and the unit head link their accounts with codes issued by the console.
    await telegram.send({
      from: OFFICER,
      chat: dm(OFFICER),
      ...command(
        `/start ${await linkCode(admin, { kind: 'person', personId: county.officer.id })}`,
      ),
    });
    await waitForMessage(
      OFFICER.id,
      (m) => m.text.includes('绑定成功'),
      'the officer to be linked',
    );
    await telegram.send({
      from: HEAD,
      chat: dm(HEAD),
      ...command(`/start ${await linkCode(admin, { kind: 'person', personId: county.cgHead.id })}`),
    });
    await waitForMessage(HEAD.id, (m) => m.text.includes('绑定成功'), 'the head to be linked');

    // The unit's work group is linked.
    await telegram.send({
      from: OFFICER,
      chat: GROUP,
      ...command(
        `/bindgroup ${await linkCode(admin, { kind: 'group', unitId: county.township.id })}`,
      ),
    });
    await waitForMessage(GROUP.id, (m) => m.text.includes('本群已绑定'), 'the group to be linked');

    // A quick report with an album of two photos.
    const caption = '/kb 城关镇中心校举行秋季运动会\n全镇 12 所学校 800 余名运动员参加。';
    await telegram.send({
      from: OFFICER,
      chat: GROUP,
      media_group_id: 'album-1',
      photo: [{ file_id: 'photo-a', file_unique_id: 'ua', width: 800, height: 600 }],
      caption,
      caption_entities: [{ type: 'bot_command', offset: 0, length: 3 }],
    });
    await telegram.send({
      from: OFFICER,
      chat: GROUP,
      media_group_id: 'album-1',
      photo: [{ file_id: 'photo-b', file_unique_id: 'ub', width: 800, height: 600 }],
    });
    const card = await waitForMessage(
      GROUP.id,
      (m) => m.text.startsWith('📝 快报草稿'),
      'the card',
    );
    const submit = card.buttons.find((b) => b.data?.startsWith('qr:submit:') === true)?.data ?? '';
    const id = submit.slice('qr:submit:'.length);
    expect(card.buttons.map((b) => b.text)).toEqual(['提交审核', '补充', '撤回', '标记重大']);
    await eventually(
      async () =>
        (await db.attachment.count({ where: { submissionId: id } })) === 2 ? true : undefined,
      'both photos',
    );
    await eventually(
      () =>
        messagesTo(
          GROUP.id,
          (m) => m.messageId === card.messageId && m.text.includes('图片：2 张'),
        ).at(0),
      'the card to count both photos',
    );

    // Telegram delivers the album's first update again: still one draft, no second card.
    const first = telegram.server.storage.userMessages.find(
      (u) =>
        'message' in u &&
        u.message.text === undefined &&
        String(field(u.message, 'caption')) === caption,
    );
    expect(first).toBeDefined();
    if (first !== undefined) telegram.server.storage.userMessages.push({ ...first, isRead: false });
    await eventually(
      () => (telegram.server.storage.userMessages.every((u) => u.isRead) ? true : undefined),
      'the redelivery to be read',
    );
    await new Promise((resolve) => setTimeout(resolve, 1000));
    expect(await db.submission.count()).toBe(1);
    expect(messagesTo(GROUP.id, (m) => m.text.startsWith('📝 快报草稿'))).toHaveLength(1);

    // The officer submits from the card.
    await telegram.press(OFFICER, { message_id: card.messageId, chat: GROUP }, submit);
    await eventually(
      async () => ((await stateOf(id)) === 'unit_review' ? true : undefined),
      'the submission',
    );

    // The head gets a direct message with the preview and approves it there.
    await releaseQuietHours(db);
    const reviewMessage = await waitForMessage(
      HEAD.id,
      (m) => m.text.includes('【待审核】'),
      'the review request',
    );
    expect(reviewMessage.text).toContain('城关镇中心校举行秋季运动会');
    // DESIGN §3.2: the request is the title and first lines; approving comes after 查看全文.
    expect(reviewMessage.buttons.map((b) => b.text)).toEqual(['查看全文', '退回']);
    await telegram.press(
      HEAD,
      { message_id: reviewMessage.messageId, chat: dm(HEAD) },
      reviewMessage.buttons[0]?.data ?? '',
    );
    const fullText = await waitForMessage(
      HEAD.id,
      (m) => m.text.includes('版全文'),
      'the full text after 查看全文',
    );
    expect(fullText.buttons.map((b) => b.text)).toEqual(['通过并报送', '修改后签发', '退回']);
    expect(fullText.buttons[1]?.url).toBe(`http://console.test/submissions/${id}`);
    await telegram.press(
      HEAD,
      { message_id: fullText.messageId, chat: dm(HEAD) },
      fullText.buttons[0]?.data ?? '',
    );
    await eventually(
      async () => ((await stateOf(id)) === 'bureau_review' ? true : undefined),
      'the approval',
    );
    // Measured from 查看全文, which the API recorded as the head's opening of the full item.
    const signOff = await db.signOff.findFirstOrThrow({ where: { submissionId: id } });
    expect(signOff.reviewStartedAt).not.toBeNull();
    expect(await db.reviewOpening.count({ where: { submissionId: id, via: 'telegram' } })).toBe(1);

    // The bot is down when the bureau adopts the item; the notification waits in the outbox.
    await bot.stop('SIGKILL');
    const reviewer = await loginAs('reviewer');
    await request('/api/adoptions', {
      method: 'POST',
      cookie: reviewer,
      body: {
        submissionIds: [id],
        level: 'county',
        outlet: '县融媒体中心',
        pageOrLink: 'https://example.com/news/1',
        publishedAt: new Date().toISOString(),
      },
    });
    await releaseQuietHours(db);
    const waiting = await db.outboxMessage.findMany({
      where: { personId: county.officer.id, kind: 'adoption_credited', deliveredAt: null },
    });
    expect(waiting).toHaveLength(1);

    // After the restart the officer gets the adoption with the points, exactly once.
    bot = await startBot();
    const adoption = await waitForMessage(
      OFFICER.id,
      (m) => m.text.includes('【采用喜报】'),
      'the adoption message',
    );
    expect(adoption.text).toMatch(/县融媒体中心.*得 [\d.]+ 分/s);
    await new Promise((resolve) => setTimeout(resolve, 1500));
    expect(messagesTo(OFFICER.id, (m) => m.text.includes('【采用喜报】'))).toHaveLength(1);
    expect(
      (await db.outboxMessage.findUniqueOrThrow({ where: { id: waiting[0]?.id ?? '' } }))
        .deliveredAt,
    ).not.toBeNull();
  }, 120_000);
});
