import { beforeEach, describe, expect, it } from 'vitest';
import { delivery, GROUP, HEAD, isAck, OFFICER, submittedDraft } from './test-support/chats.js';
import { botWorld, type World } from './test-support/harness.js';

describe('notifications from the outbox', () => {
  let world: World;
  beforeEach(async () => {
    world = await botWorld();
    await world.linkGroup(GROUP, world.county.township.id);
    await world.linkPerson(OFFICER, world.county.officer.id);
    await world.linkPerson(HEAD, world.county.cgHead.id);
  });

  it('leaves a notification for a reader reached on another channel to that channel', async () => {
    // DESIGN §4: the head linked WeCom after Telegram; WeCom's sender delivers their messages.
    const telegram = await world.db.chatIdentity.findFirstOrThrow({
      where: { personId: world.county.cgHead.id, channel: 'telegram' },
    });
    await world.db.chatIdentity.create({
      data: {
        channel: 'wecom',
        externalId: 'QianXiaoZhang',
        personId: world.county.cgHead.id,
        linkedAt: new Date(telegram.linkedAt.getTime() + 60_000),
      },
    });
    await submittedDraft(world);
    world.reset();
    await delivery(world).runOnce();
    expect(world.sent().filter((c) => c.payload.chat_id === String(HEAD))).toHaveLength(0);
    const toHead = await world.db.outboxMessage.findFirstOrThrow({
      where: { personId: world.county.cgHead.id },
    });
    expect(toHead).toMatchObject({ deliveredAt: null, channel: null, lastError: null });
  });

  it('keeps a notification for later on 429 and gives it up for Telegram on 403', async () => {
    await submittedDraft(world);
    world.answerWith((call) =>
      call.method !== 'sendMessage'
        ? undefined
        : call.payload.chat_id === String(HEAD)
          ? {
              ok: false,
              error_code: 429,
              description: 'Too Many Requests: retry after 30',
              parameters: { retry_after: 30 },
            }
          : undefined,
    );
    await delivery(world).runOnce();
    const toHead = await world.db.outboxMessage.findFirstOrThrow({
      where: { personId: world.county.cgHead.id },
    });
    expect(toHead.deliveredAt).toBeNull();
    expect(toHead.notBefore.getTime()).toBeGreaterThan(world.now() + 20_000);

    world.answerWith((call) =>
      call.method === 'sendMessage'
        ? { ok: false, error_code: 403, description: 'Forbidden: bot was blocked by the user' }
        : undefined,
    );
    await world.db.outboxMessage.update({
      where: { id: toHead.id },
      data: { notBefore: new Date(world.now() - 1000) },
    });
    await delivery(world).runOnce();
    const given = await world.db.outboxMessage.findUniqueOrThrow({ where: { id: toHead.id } });
    expect(given.deliveredAt).toBeNull();
    expect(given.lastError).toContain('blocked');
  });

  it('waits out a short 429 in the process and sends the notification without counting an attempt', async () => {
    await submittedDraft(world);
    let refused = 0;
    world.answerWith((call) =>
      call.method === 'sendMessage' && call.payload.chat_id === String(HEAD) && refused++ === 0
        ? {
            ok: false,
            error_code: 429,
            description: 'Too Many Requests: retry after 3',
            parameters: { retry_after: 3 },
          }
        : undefined,
    );
    const waits: number[] = [];
    world.reset();
    await delivery(world, { sleep: (ms) => (waits.push(ms), Promise.resolve()) }).runOnce();
    expect(waits).toEqual([3000]);
    expect(world.sent().filter((c) => c.payload.chat_id === String(HEAD))).toHaveLength(2);
    const toHead = await world.db.outboxMessage.findFirstOrThrow({
      where: { personId: world.county.cgHead.id },
    });
    expect(toHead.deliveredAt).not.toBeNull();
    expect(toHead.attempts).toBe(0);
  });

  it('retries the acknowledgement when the API fails it after Telegram took the message, and never sends it twice', async () => {
    await submittedDraft(world);
    world.reset();
    let acks = 0;
    const logged: string[] = [];
    const sender = delivery(world, {
      around: (call, pass) =>
        isAck(call) && acks++ < 2
          ? acks === 1
            ? Promise.reject(new TypeError('fetch failed'))
            : Promise.resolve(
                Response.json(
                  { error: { code: 'INTERNAL', message: '服务器内部错误' } },
                  { status: 503 },
                ),
              )
          : pass(),
      log: (message) => logged.push(message),
    });
    await sender.runOnce();
    const toHead = await world.db.outboxMessage.findFirstOrThrow({
      where: { personId: world.county.cgHead.id },
    });
    expect(toHead.deliveredAt).not.toBeNull();
    expect(acks).toBeGreaterThanOrEqual(3);
    expect(logged.some((m) => m.includes('retrying'))).toBe(true);
    // The lease runs out: nothing is sent again, by this sender or another.
    await world.db.outboxMessage.updateMany({ data: { lockedUntil: null } });
    await sender.runOnce();
    await delivery(world).runOnce();
    expect(world.sent().filter((c) => c.payload.chat_id === String(HEAD))).toHaveLength(1);
  });

  it('remembers a message it sent but could not acknowledge, and only acknowledges it when leased again', async () => {
    await submittedDraft(world);
    world.reset();
    let refuse = true;
    const sender = delivery(world, {
      around: (call, pass) =>
        isAck(call) && refuse
          ? Promise.resolve(
              Response.json({ error: { code: 'HTTP.400', message: 'bad' } }, { status: 400 }),
            )
          : pass(),
    });
    await sender.runOnce();
    const toHead = await world.db.outboxMessage.findFirstOrThrow({
      where: { personId: world.county.cgHead.id },
    });
    expect(toHead.deliveredAt).toBeNull();
    // Its lease runs out and the same sender takes it again: acknowledged, not sent again.
    refuse = false;
    await world.db.outboxMessage.update({ where: { id: toHead.id }, data: { lockedUntil: null } });
    await sender.runOnce();
    expect(
      (await world.db.outboxMessage.findUniqueOrThrow({ where: { id: toHead.id } })).deliveredAt,
    ).not.toBeNull();
    expect(world.sent().filter((c) => c.payload.chat_id === String(HEAD))).toHaveLength(1);
  });

  it('leaves a chat alone for the rest of a long 429, and the notification for later', async () => {
    await submittedDraft(world);
    // A second message for the head in the same batch.
    await world.db.outboxMessage.create({
      data: {
        key: 'test:second-for-head',
        audience: 'person',
        personId: world.county.cgHead.id,
        kind: 'unit_adoption',
        facts: JSON.stringify({
          submissionId: 's-2',
          title: '第二条通知',
          level: 'county',
          outlet: '县融媒体中心',
          points: 1,
        }),
        urgency: 'normal',
        notBefore: new Date(world.now() - 1000),
      },
    });
    world.answerWith((call) =>
      call.method === 'sendMessage' && call.payload.chat_id === String(HEAD)
        ? {
            ok: false,
            error_code: 429,
            description: 'Too Many Requests: retry after 120',
            parameters: { retry_after: 120 },
          }
        : undefined,
    );
    world.reset();
    const leased = await delivery(world).runOnce();
    expect(leased).toBeGreaterThanOrEqual(2);
    expect(world.sent().filter((c) => c.payload.chat_id === String(HEAD))).toHaveLength(1);
    const forHead = await world.db.outboxMessage.findMany({
      where: { personId: world.county.cgHead.id },
    });
    expect(forHead).toHaveLength(2);
    expect(forHead.every((m) => m.deliveredAt === null)).toBe(true);
    expect(forHead.filter((m) => m.attempts === 1)).toHaveLength(1);
    expect(forHead.filter((m) => m.attempts === 0)).toHaveLength(1);
  });

  it('on stop, gives up retrying an acknowledgement the API does not take and says the message may come once more', async () => {
    await submittedDraft(world);
    world.reset();
    const logged: string[] = [];
    let sent: () => void = () => undefined;
    const firstSend = new Promise<void>((resolve) => (sent = resolve));
    const running = delivery(world, {
      around: (call, pass) =>
        isAck(call) ? (sent(), Promise.reject(new TypeError('fetch failed'))) : pass(),
      sleep: (ms) => new Promise((resolve) => setTimeout(resolve, Math.min(ms, 20))),
      log: (message) => logged.push(message),
    }).start();
    await firstSend;
    await running.stop();
    expect(logged.some((m) => m.includes('sent once more after a restart'))).toBe(true);
    expect(world.sent()).toHaveLength(1);
    const stillDue = await world.db.outboxMessage.count({ where: { deliveredAt: null } });
    expect(stillDue).toBeGreaterThan(0);
  });
});
