import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import {
  buttonsOf,
  callback,
  delivery,
  GROUP,
  HEAD,
  OFFICER,
  submittedDraft,
} from '../test-support/chats.js';
import { botWorld, submissionsOf, type World } from '../test-support/harness.js';
import { albumSizes } from './review.js';

describe('review from a direct message', () => {
  let world: World;
  beforeEach(async () => {
    world = await botWorld();
    await world.linkGroup(GROUP, world.county.township.id);
    await world.linkPerson(OFFICER, world.county.officer.id);
    await world.linkPerson(HEAD, world.county.cgHead.id);
  });

  it('sends the head the title and first lines with 查看全文 / 退回, the full text with 通过并报送 / 修改后签发 / 退回 after 查看全文, and approves that revision', async () => {
    const id = await submittedDraft(world);
    expect((await world.db.submission.findUniqueOrThrow({ where: { id } })).state).toBe(
      'unit_review',
    );
    world.reset();
    await delivery(world).runOnce();
    const toHead = world.sent().find((c) => c.payload.chat_id === String(HEAD));
    expect(String(toHead?.payload.text)).toContain('【待审核】');
    expect(String(toHead?.payload.text)).toContain('查看全文');
    const preview = buttonsOf(toHead);
    expect(preview).toEqual([
      expect.stringMatching(new RegExp(`^rv:full:${id}:\\d+$`)),
      expect.stringMatching(/^rv:ret:/),
    ]);
    // DESIGN §3.2: sending the preview is not an opening.
    expect(await world.db.reviewOpening.count({ where: { submissionId: id } })).toBe(0);

    await callback(world, HEAD, preview[0] ?? '', { message_id: 7000, chatId: HEAD });
    const full = world.sent().at(-1);
    expect(String(full?.payload.text)).toContain('全镇学生参加。');
    const buttons = buttonsOf(full);
    expect(buttons[0]).toMatch(new RegExp(`^rv:ok:${id}:\\d+$`));
    expect(buttons[1]).toBe('url');
    expect(buttons[2]).toMatch(/^rv:ret:/);
    expect(
      (await world.db.reviewOpening.findMany({ where: { submissionId: id } })).map((o) => o.via),
    ).toEqual(['telegram']);

    await callback(world, HEAD, buttons[0] ?? '', { message_id: 7001, chatId: HEAD });
    expect((await world.db.submission.findUniqueOrThrow({ where: { id } })).state).toBe(
      'bureau_review',
    );
    // The decided message reads as done: no text to read, no request to read it, no buttons.
    const decided = world.sent('editMessageText').find((c) => c.payload.message_id === 7001);
    const decidedText = String(decided?.payload.text);
    expect(decidedText).toMatch(/^【已处理】城关镇中心校《/);
    expect(decidedText).toContain('您已审核通过，当前状态：宣传股审核中');
    expect(decidedText).not.toContain('查看全文');
    expect(decidedText).not.toContain('全镇学生参加。');
    expect(buttonsOf(decided)).toEqual([]);
    // Delivered once: a second pass finds nothing more for the head.
    world.reset();
    await delivery(world).runOnce();
    expect(world.sent().filter((c) => c.payload.chat_id === String(HEAD))).toHaveLength(0);
  });

  it('refuses an approval of a revision that has since changed, with a clear answer and the current one', async () => {
    const id = await submittedDraft(world);
    const version = (await world.db.submission.findUniqueOrThrow({ where: { id } })).version;
    await callback(world, HEAD, `rv:ok:${id}:${version - 1}`, { message_id: 7000, chatId: HEAD });
    const answer = world.sent('answerCallbackQuery').at(-1);
    expect(String(answer?.payload.text)).toContain('已被修改，请重新查看');
    expect((await world.db.submission.findUniqueOrThrow({ where: { id } })).state).toBe(
      'unit_review',
    );
    expect(buttonsOf(world.sent().at(-1))[0]).toBe(`rv:full:${id}:${version}`);
  });

  it('answers a stale 通过并报送 with who already approved it, never “稿件已被修改”', async () => {
    const id = await submittedDraft(world);
    const version = (await world.db.submission.findUniqueOrThrow({ where: { id } })).version;
    await callback(world, HEAD, `rv:full:${id}:${version}`, { message_id: 7000, chatId: HEAD });
    await callback(world, HEAD, `rv:ok:${id}:${version}`, { message_id: 7001, chatId: HEAD });
    await callback(world, HEAD, `rv:ok:${id}:${version}`, { message_id: 7000, chatId: HEAD });
    const answer = String(world.sent('answerCallbackQuery').at(-1)?.payload.text);
    expect(answer).toMatch(/^该稿件已由 钱校长 于 .+ 通过并报送，无需您再审核。$/);
    expect(answer).not.toContain('已被修改');
  });

  it('answers 查看全文 on an item that no longer waits for them with its state, not a request to read', async () => {
    const id = await submittedDraft(world);
    const version = (await world.db.submission.findUniqueOrThrow({ where: { id } })).version;
    await callback(world, HEAD, `rv:full:${id}:${version}`, { message_id: 7000, chatId: HEAD });
    await callback(world, HEAD, `rv:ok:${id}:${version}`, { message_id: 7001, chatId: HEAD });
    world.reset();
    await callback(world, HEAD, `rv:full:${id}:${version}`, { message_id: 7000, chatId: HEAD });
    const reply = String(world.sent().at(-1)?.payload.text);
    expect(reply).toContain('【已处理】');
    expect(reply).toContain('当前为“宣传股审核中”，不在等待您审核');
    expect(reply).not.toContain('点“查看全文”');
    expect(buttonsOf(world.sent().at(-1))).toEqual([]);
  });

  it('a command sent while it waits for a return reason ends the wait and is handled as a command', async () => {
    const id = await submittedDraft(world);
    const version = (await world.db.submission.findUniqueOrThrow({ where: { id } })).version;
    await callback(world, HEAD, `rv:ret:${id}:${version}`, { message_id: 7000, chatId: HEAD });
    expect(world.lastText()).toContain('退回原因');
    await world.handle(world.privateText(HEAD, '/my'));
    const texts = world.sent().map((c) => String(c.payload.text));
    expect(texts.some((t) => t.includes('已取消退回'))).toBe(true);
    expect(texts.some((t) => t.includes('我的稿件') || t.includes('您还没有稿件'))).toBe(true);
    expect((await world.db.submission.findUniqueOrThrow({ where: { id } })).state).toBe(
      'unit_review',
    );
    // The next text is not taken for a reason either.
    await world.handle(world.privateText(HEAD, '请补充照片'));
    expect((await world.db.submission.findUniqueOrThrow({ where: { id } })).state).toBe(
      'unit_review',
    );
  });

  it('asks for the reason before returning an item, then returns it', async () => {
    const id = await submittedDraft(world);
    const version = (await world.db.submission.findUniqueOrThrow({ where: { id } })).version;
    await callback(world, HEAD, `rv:ret:${id}:${version}`, { message_id: 7000, chatId: HEAD });
    expect(world.lastText()).toContain('退回原因');
    await world.handle(world.privateText(HEAD, '请补充活动照片和参加人数'));
    expect(world.lastText()).toContain('已退回');
    const returned = await world.db.submission.findUniqueOrThrow({ where: { id } });
    expect(returned.state).toBe('returned');
  });
});

describe('review depth from chat (DESIGN §3.2)', () => {
  let world: World;
  beforeEach(async () => {
    world = await botWorld();
    await world.linkGroup(GROUP, world.county.township.id);
    await world.linkPerson(OFFICER, world.county.officer.id);
    await world.linkPerson(HEAD, world.county.cgHead.id);
    vi.useFakeTimers({ toFake: ['Date'] });
  });
  afterEach(() => {
    vi.useRealTimers();
  });

  /** The head's 查看全文, some seconds of reading, then 通过并报送; the sign-off it made. */
  async function readThenApprove(id: string, readingMs: number) {
    const version = (await world.db.submission.findUniqueOrThrow({ where: { id } })).version;
    await callback(world, HEAD, `rv:full:${id}:${version}`, { message_id: 7000, chatId: HEAD });
    vi.setSystemTime(Date.now() + readingMs);
    const ok = buttonsOf(world.sent().at(-1))[0] ?? '';
    await callback(world, HEAD, ok, { message_id: 7001, chatId: HEAD });
    return world.db.signOff.findFirstOrThrow({ where: { submissionId: id } });
  }

  const ms = (s: { signedAt: Date; reviewStartedAt: Date | null }) =>
    s.reviewStartedAt === null ? null : s.signedAt.getTime() - s.reviewStartedAt.getTime();

  it('查看全文 then 通过并报送 in 30 s with no change: a rubber stamp', async () => {
    const signOff = await readThenApprove(await submittedDraft(world), 30_000);
    expect(signOff.kind).toBe('no_change');
    expect(ms(signOff)).toBe(30_000);
  });

  it('查看全文, three minutes of reading, then 通过并报送: not a rubber stamp', async () => {
    const signOff = await readThenApprove(await submittedDraft(world), 3 * 60_000);
    expect(signOff.kind).toBe('no_change');
    expect(ms(signOff)).toBe(3 * 60_000);
  });

  it('通过并报送 pressed on an old message without 查看全文: counted as never opened', async () => {
    const id = await submittedDraft(world);
    const version = (await world.db.submission.findUniqueOrThrow({ where: { id } })).version;
    vi.setSystemTime(Date.now() + 10 * 60_000);
    await callback(world, HEAD, `rv:ok:${id}:${version}`, { message_id: 7000, chatId: HEAD });
    const signOff = await world.db.signOff.findFirstOrThrow({ where: { submissionId: id } });
    expect(signOff.reviewStartedAt).toBeNull();
  });
});

describe('查看全文 shows the photos first (issue 19)', () => {
  let world: World;
  beforeEach(async () => {
    world = await botWorld();
    await world.linkGroup(GROUP, world.county.township.id);
    await world.linkPerson(OFFICER, world.county.officer.id);
    await world.linkPerson(HEAD, world.county.cgHead.id);
  });

  it('sends the album as one media group before the full text and its buttons', async () => {
    await world.handle(
      world.groupText(GROUP, OFFICER, '/kb 城关镇运动会\n全镇学生参加。', {
        photo: 'a1',
        mediaGroup: 'album-1',
      }),
    );
    for (const photo of ['a2', 'a3']) {
      await world.handle(world.groupText(GROUP, OFFICER, '', { photo, mediaGroup: 'album-1' }));
    }
    const [draft] = await submissionsOf(world.db);
    expect(draft?.attachments).toHaveLength(3);
    const id = draft?.id ?? '';
    await callback(world, OFFICER, `qr:submit:${id}`, { message_id: 5000, chatId: GROUP });
    const version = (await world.db.submission.findUniqueOrThrow({ where: { id } })).version;
    world.reset();
    await callback(world, HEAD, `rv:full:${id}:${version}`, { message_id: 7000, chatId: HEAD });
    const order = world.calls
      .filter(
        (c) =>
          c.method === 'sendMediaGroup' || c.method === 'sendMessage' || c.method === 'sendPhoto',
      )
      .map((c) => c.method);
    expect(order).toEqual(['sendMediaGroup', 'sendMessage']);
    expect(buttonsOf(world.sent().at(-1))[0]).toBe(`rv:ok:${id}:${version}`);
  });

  it('splits many photos into groups of at most ten, none of one where it can be avoided', () => {
    expect(albumSizes(0)).toEqual([]);
    expect(albumSizes(1)).toEqual([1]);
    expect(albumSizes(3)).toEqual([3]);
    expect(albumSizes(10)).toEqual([10]);
    expect(albumSizes(11)).toEqual([6, 5]);
    expect(albumSizes(21)).toEqual([7, 7, 7]);
  });
});

describe('the optional comment after 通过并报送 (issue 19)', () => {
  let world: World;
  beforeEach(async () => {
    world = await botWorld();
    await world.linkGroup(GROUP, world.county.township.id);
    await world.linkPerson(OFFICER, world.county.officer.id);
    await world.linkPerson(HEAD, world.county.cgHead.id);
    vi.useFakeTimers({ toFake: ['Date'] });
  });
  afterEach(() => {
    vi.useRealTimers();
  });

  /** 查看全文, some reading, 通过并报送: the confirmation that asks for a comment. */
  async function approve(readingMs: number) {
    const id = await submittedDraft(world);
    const version = (await world.db.submission.findUniqueOrThrow({ where: { id } })).version;
    await callback(world, HEAD, `rv:full:${id}:${version}`, { message_id: 7000, chatId: HEAD });
    vi.setSystemTime(Date.now() + readingMs);
    await callback(world, HEAD, `rv:ok:${id}:${version}`, { message_id: 7001, chatId: HEAD });
    const ask = world.sent().at(-1);
    expect(String(ask?.payload.text)).toContain('2 分钟内回复本消息');
    return { id };
  }

  /** The head's reply to the bot's message `messageId`. */
  function reply(messageId: number, text: string) {
    const update = world.privateText(HEAD, text);
    const message = update.message!;
    return world.handle({
      message: {
        ...message,
        reply_to_message: {
          message_id: messageId,
          date: message.date,
          chat: message.chat,
          from: { id: 42, is_bot: true, first_name: '教育信息' },
          text: 'ask',
        } as NonNullable<typeof message.reply_to_message>,
      },
    });
  }

  /** The id the fake Telegram gave the last message the bot sent (it counts from 5000). */
  const lastMessageId = () => 5000 + world.sent().length - 1;

  it('takes a reply within 2 minutes as the approval’s comment', async () => {
    const { id } = await approve(3 * 60_000);
    const askId = lastMessageId();
    vi.setSystemTime(Date.now() + 60_000);
    await reply(askId, '同意');
    expect(world.lastText()).toContain('已记下您的审核意见');
    const signOff = await world.db.signOff.findFirstOrThrow({ where: { submissionId: id } });
    expect(signOff.comment).toBe('同意');
  });

  it('says a reply after 2 minutes is not taken, and records nothing', async () => {
    const { id } = await approve(3 * 60_000);
    const askId = lastMessageId();
    vi.setSystemTime(Date.now() + 2 * 60_000 + 1000);
    await reply(askId, '人数与附件核对无误，同意报送');
    expect(world.lastText()).toContain('审核通过已超过 2 分钟，不能再补充审核意见');
    const signOff = await world.db.signOff.findFirstOrThrow({ where: { submissionId: id } });
    expect(signOff.comment).toBeNull();
  });
});
