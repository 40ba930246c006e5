import type { Db, OutboxMessage } from '@jyxc/db';
import {
  REMINDER_TEMPLATES,
  defaultReminderSettings,
  nextSendingTime,
  type Reminder,
  toShanghaiTime,
  type ReminderAudience,
  type ReminderUrgency,
} from '@jyxc/domain';
import { z } from 'zod';
import { isUniqueViolation } from '../../shared/db.js';
import { ServiceError } from '../../shared/errors.js';
import type { Tx } from '../../shared/context.js';

/**
 * The notification outbox (DESIGN §3.8, §5): services write messages here inside the
 * transaction of the change that causes them; the bot reads due messages, sends them to
 * Telegram and acknowledges them. A message is keyed by a stable key, so it is enqueued once
 * however often its cause is processed, and a sender leases it so that it is sent once.
 */

/** Anything that can write: the client or a transaction. */
type Writer = Db | Tx;

/**
 * Who a message is for, as the domain's reminders name it: a person by direct message, a
 * unit's linked work group, or the bureau's group. Groups only ever see units (DESIGN §3.8).
 */
export type OutboxAudience = ReminderAudience;

/** `urgent` messages are never held back (DESIGN §3.8); the sender also sends them first. */
export type OutboxUrgency = ReminderUrgency;

/** The templates rendered here, besides the domain's reminder templates. */
export const OUTBOX_TEMPLATES = {
  /** An item waits for the reader's unit review. */
  reviewRequest: 'review_request',
  /** The author learns the outcome of a review (approved, returned, not adopted). */
  reviewResult: 'review_result',
  /** An outlet published the reader's item, with the points gained. */
  adoption: 'adoption',
} as const;

export interface OutboxEntry {
  /** Stable: the same cause always gives the same key (e.g. the domain's reminder key). */
  readonly key: string;
  readonly audience: OutboxAudience;
  /** One of {@link OUTBOX_TEMPLATES} or the domain's `REMINDER_TEMPLATES`. */
  readonly template: string;
  /** JSON parameters of the template; `defaultMessage` is the text used for unknown templates. */
  readonly params: Readonly<Record<string, unknown>>;
  readonly urgency: OutboxUrgency;
  /** Not sent before this moment (quiet hours and weekends, decided by the caller). */
  readonly notBefore: Date;
  /** Why it is sent (the domain's reminder reason or the event's kind). */
  readonly reason?: string | undefined;
  /** The zh-CN text to send when the template cannot be rendered. */
  readonly defaultMessage?: string | undefined;
  /** When its rule fired, if earlier than `notBefore`. */
  readonly dueAt?: Date | undefined;
  /** When it was written, on the app's clock (the database's clock otherwise). */
  readonly createdAt?: Date | undefined;
}

function audienceColumns(audience: OutboxAudience) {
  switch (audience.kind) {
    case 'person':
      return { audience: 'person' as const, personId: audience.personId, unitId: null };
    case 'unitGroup':
      return { audience: 'unitGroup' as const, personId: null, unitId: audience.unitId };
    case 'bureauGroup':
      return { audience: 'bureauGroup' as const, personId: null, unitId: null };
  }
}

/**
 * Writes a message unless its key is already in the outbox; answers whether this call added
 * it. On PostgreSQL the write is a native `INSERT … ON CONFLICT`, so concurrent callers never
 * fail inside their transactions; on SQLite writers are serialised and a lost race is the
 * unique violation caught here (a failed statement does not end an SQLite transaction).
 */
export async function enqueue(
  tx: Writer,
  entry: OutboxEntry,
): Promise<{ readonly enqueued: boolean }> {
  const existing = await tx.outboxMessage.findUnique({
    where: { key: entry.key },
    select: { id: true },
  });
  if (existing) return { enqueued: false };
  const data = {
    key: entry.key,
    ...audienceColumns(entry.audience),
    template: entry.template,
    params: JSON.stringify(entry.params),
    urgency: entry.urgency,
    notBefore: entry.notBefore,
    reason: entry.reason ?? null,
    defaultMessage: entry.defaultMessage ?? null,
    dueAt: entry.dueAt ?? null,
    ...(entry.createdAt === undefined ? {} : { createdAt: entry.createdAt }),
  };
  try {
    // `update` names the key itself so that Prisma emits a database upsert (ON CONFLICT).
    await tx.outboxMessage.upsert({
      where: { key: entry.key },
      create: data,
      update: { key: entry.key },
    });
  } catch (error) {
    if (isUniqueViolation(error)) return { enqueued: false };
    throw error;
  }
  return { enqueued: true };
}

/** Enqueues several messages (each once); answers how many were new. */
export async function enqueueMany(tx: Writer, entries: readonly OutboxEntry[]): Promise<number> {
  if (entries.length === 0) return 0;
  const present = await tx.outboxMessage.findMany({
    where: { key: { in: entries.map((e) => e.key) } },
    select: { key: true },
  });
  const seen = new Set(present.map((p) => p.key));
  let added = 0;
  for (const entry of entries) {
    if (seen.has(entry.key)) continue;
    seen.add(entry.key);
    if ((await enqueue(tx, entry)).enqueued) added += 1;
  }
  return added;
}

/** A message for one person, written to the outbox that the delivery side sends. */
export interface PersonMessage {
  /** Stable: a retried request produces the same key, and the outbox keeps one row per key. */
  readonly key: string;
  readonly personId: string;
  readonly template: string;
  readonly params: Readonly<Record<string, unknown>>;
  /** Urgent messages (major information) are never held back by quiet hours (DESIGN §3.8). */
  readonly urgent: boolean;
  /** When the domain already decided the sending time. */
  readonly notBefore?: number;
}

/**
 * Enqueues messages for people in the caller's transaction, each key once, so a retried
 * request never enqueues twice.
 */
export async function enqueuePersonMessages(
  tx: Writer,
  now: Date,
  messages: readonly PersonMessage[],
): Promise<void> {
  const at = now.getTime();
  await enqueueMany(
    tx,
    messages.map((m) => ({
      key: m.key,
      audience: { kind: 'person', personId: m.personId },
      template: m.template,
      params: m.params,
      urgency: m.urgent ? 'urgent' : 'normal',
      // DESIGN §3.8: quiet hours and weekends delay non-urgent messages.
      notBefore: new Date(
        m.notBefore ?? (m.urgent ? at : nextSendingTime(at, defaultReminderSettings)),
      ),
      createdAt: now,
    })),
  );
}

/** The domain's reminders for people, as outbox messages (groups are not addressed here). */
export function remindersToMessages(reminders: readonly Reminder[]): PersonMessage[] {
  const messages: PersonMessage[] = [];
  for (const r of reminders) {
    if (r.audience.kind !== 'person') continue;
    messages.push({
      key: r.key,
      personId: r.audience.personId,
      template: r.templateId,
      params: { ...r.params, defaultMessage: r.defaultMessage },
      urgent: r.urgency === 'urgent',
      notBefore: r.notBefore,
    });
  }
  return messages;
}

// ---------------------------------------------------------------------------
// Delivery
// ---------------------------------------------------------------------------

/** How long a sender holds the messages it took before another may take them. */
export const OUTBOX_LEASE_MS = 60_000;
/** Marks a message whose audience has no Telegram link: it stays for the console. */
export const NO_TELEGRAM_LINK = 'no telegram link';
/** Prefix of the error of a message Telegram will not take (the user blocked the bot). */
export const UNDELIVERABLE = 'undeliverable: ';
/** After this many failed attempts a message is given up on (it stays for the console). */
export const MAX_ATTEMPTS = 8;
/**
 * Messages that became sendable longer ago than this are not sent to Telegram any more (a
 * reminder about a review finished last month helps nobody); they stay for the console.
 */
export const DELIVERY_WINDOW_MS = 7 * 24 * 3600 * 1000;

/** One message handed to the bot, with where to send it and its text. */
export interface OutboxDelivery {
  readonly id: string;
  readonly key: string;
  readonly template: string;
  /** The Telegram chat: the person's user id for a direct message, or a group's chat id. */
  readonly chatId: string;
  readonly text: string;
  readonly urgency: string;
  readonly attempts: number;
  /** What the message is about, so that the bot can add buttons (通过并报送 / 退回 / 在后台打开). */
  readonly submissionId: string | null;
  readonly incidentId: string | null;
  readonly lockedUntil: string;
}

/** The units with a linked work group, and the bureau's id (the digest goes to its group). */
async function linkedGroups(db: Db): Promise<{ unitIds: string[]; bureauId: string | null }> {
  const [groups, bureau] = await Promise.all([
    db.telegramGroup.findMany({ select: { unitId: true }, distinct: ['unitId'] }),
    db.unit.findFirst({
      where: { kind: 'bureau' },
      select: { id: true },
      orderBy: { createdAt: 'asc' },
    }),
  ]);
  return { unitIds: groups.map((g) => g.unitId), bureauId: bureau?.id ?? null };
}

function notUndeliverable() {
  return { OR: [{ lastError: null }, { NOT: { lastError: { startsWith: UNDELIVERABLE } } }] };
}

/**
 * Takes up to `limit` due messages for sending and leases them for `leaseMs`: undelivered,
 * `notBefore` reached, not leased by another sender, not given up on, and whose audience has
 * a Telegram link. Each is claimed by a conditional update, so two senders asking at the same
 * moment never get the same message. Due messages without a link are marked
 * {@link NO_TELEGRAM_LINK} and left for the console; once the link exists they are sent.
 */
export async function leaseDueMessages(
  db: Db,
  options: { readonly now: Date; readonly limit: number; readonly leaseMs?: number },
): Promise<OutboxDelivery[]> {
  const { now, limit } = options;
  const lockedUntil = new Date(now.getTime() + (options.leaseMs ?? OUTBOX_LEASE_MS));
  const windowStart = new Date(now.getTime() - DELIVERY_WINDOW_MS);
  const { unitIds: units, bureauId } = await linkedGroups(db);
  const bureauLinked = bureauId !== null && units.includes(bureauId);
  const due = {
    deliveredAt: null,
    notBefore: { lte: now, gte: windowStart },
  };

  await db.outboxMessage.updateMany({
    where: {
      ...due,
      lastError: null,
      OR: [
        {
          audience: 'person',
          OR: [{ personId: null }, { person: { telegramAccount: { is: null } } }],
        },
        { audience: 'unitGroup', OR: [{ unitId: null }, { unitId: { notIn: units } }] },
        ...(bureauLinked ? [] : [{ audience: 'bureauGroup' as const }]),
      ],
    },
    data: { lastError: NO_TELEGRAM_LINK },
  });

  const free = { OR: [{ lockedUntil: null }, { lockedUntil: { lte: now } }] };
  const candidatesOf = (urgency: OutboxUrgency) =>
    db.outboxMessage.findMany({
      where: {
        ...due,
        urgency,
        AND: [
          free,
          notUndeliverable(),
          {
            OR: [
              { audience: 'person', person: { telegramAccount: { isNot: null } } },
              { audience: 'unitGroup', unitId: { in: units } },
              ...(bureauLinked ? [{ audience: 'bureauGroup' as const }] : []),
            ],
          },
        ],
      },
      orderBy: [{ notBefore: 'asc' }, { id: 'asc' }],
      // Some candidates may be taken by a concurrent sender between the read and the claim.
      take: limit * 2,
    });
  // Urgent first (read separately: the two databases order enum values differently), then
  // the longest waiting.
  const candidates = [...(await candidatesOf('urgent')), ...(await candidatesOf('normal'))];

  const claimed: OutboxMessage[] = [];
  for (const message of candidates) {
    if (claimed.length >= limit) break;
    const result = await db.outboxMessage.updateMany({
      where: { id: message.id, deliveredAt: null, ...free },
      data: { lockedUntil },
    });
    if (result.count === 1) claimed.push({ ...message, lockedUntil });
  }
  if (claimed.length === 0) return [];

  const personIds = claimed.flatMap((m) => (m.personId === null ? [] : [m.personId]));
  const unitIds = [
    ...claimed.flatMap((m) => (m.unitId === null ? [] : [m.unitId])),
    ...(bureauId === null ? [] : [bureauId]),
  ];
  const [accounts, groups] = await Promise.all([
    db.telegramAccount.findMany({
      where: { personId: { in: personIds } },
      select: { personId: true, telegramUserId: true },
    }),
    db.telegramGroup.findMany({
      where: { unitId: { in: unitIds } },
      select: { unitId: true, chatId: true },
      // The most recently linked group of a unit is the one its people use now.
      orderBy: [{ linkedAt: 'asc' }, { id: 'asc' }],
    }),
  ]);
  const userOf = new Map(accounts.map((a) => [a.personId, a.telegramUserId]));
  const groupOf = new Map(groups.map((g) => [g.unitId, g.chatId]));
  const names = await unitNames(db, claimed);

  const deliveries: OutboxDelivery[] = [];
  for (const m of claimed) {
    const chatId =
      m.audience === 'person'
        ? userOf.get(m.personId ?? '')
        : m.audience === 'unitGroup'
          ? groupOf.get(m.unitId ?? '')
          : groupOf.get(bureauId ?? '');
    // The link went away between the read and now: release it for the console.
    if (chatId === undefined) {
      await db.outboxMessage.update({
        where: { id: m.id },
        data: { lockedUntil: null, lastError: NO_TELEGRAM_LINK },
      });
      continue;
    }
    const params = parseParams(m.params);
    deliveries.push({
      id: m.id,
      key: m.key,
      template: m.template,
      chatId,
      text: renderOutboxText(
        m.template,
        m.defaultMessage === null ? params : { defaultMessage: m.defaultMessage, ...params },
        (id) => names.get(id),
      ),
      urgency: m.urgency,
      attempts: m.attempts,
      submissionId: stringParam(params, 'submissionId'),
      incidentId: stringParam(params, 'incidentId'),
      lockedUntil: lockedUntil.toISOString(),
    });
  }
  return deliveries;
}

async function unitNames(db: Db, messages: readonly OutboxMessage[]): Promise<Map<string, string>> {
  const ids = new Set<string>();
  for (const m of messages) {
    const unitId = stringParam(parseParams(m.params), 'unitId');
    if (unitId !== null) ids.add(unitId);
  }
  if (ids.size === 0) return new Map();
  const rows = await db.unit.findMany({
    where: { id: { in: [...ids] } },
    select: { id: true, name: true },
  });
  return new Map(rows.map((r) => [r.id, r.name]));
}

async function findMessage(db: Db, id: string): Promise<OutboxMessage> {
  const message = await db.outboxMessage.findUnique({ where: { id } });
  if (!message) throw new ServiceError('not_found', 'OUTBOX.NOT_FOUND', '没有这条通知');
  return message;
}

export type DeliveryStatus = 'delivered' | 'retry' | 'undeliverable';

function statusOf(message: OutboxMessage): DeliveryStatus {
  if (message.deliveredAt !== null) return 'delivered';
  if (message.lastError?.startsWith(UNDELIVERABLE) === true) return 'undeliverable';
  return 'retry';
}

function deliveryState(message: OutboxMessage) {
  return {
    id: message.id,
    status: statusOf(message),
    attempts: message.attempts,
    deliveredAt: message.deliveredAt?.toISOString() ?? null,
    notBefore: message.notBefore.toISOString(),
    lastError: message.lastError,
  };
}

/** Marks a message delivered. Acknowledging it again changes nothing. */
export async function acknowledgeMessage(db: Db, id: string, now: Date) {
  await findMessage(db, id);
  await db.outboxMessage.updateMany({
    where: { id, deliveredAt: null },
    data: { deliveredAt: now, lockedUntil: null },
  });
  return deliveryState(await findMessage(db, id));
}

export interface DeliveryFailure {
  readonly error: string;
  /** Telegram's `retry_after` of a 429: the message waits that long. */
  readonly retryAfterSeconds?: number | undefined;
  /** Telegram refuses for good (403: the user blocked the bot, the bot left the group). */
  readonly permanent?: boolean | undefined;
}

/** The wait before the next attempt after `attempts` failures: 30 s doubling, at most an hour. */
export function backoffMs(attempts: number): number {
  return Math.min(30_000 * 2 ** Math.max(0, attempts - 1), 3_600_000);
}

/**
 * Records a failed attempt and releases the lease. A retry waits `retryAfterSeconds` (a 429)
 * or a growing back-off; a permanent failure, or too many attempts, gives the message up for
 * Telegram. The message is never deleted: the console still shows it.
 */
export async function recordDeliveryFailure(
  db: Db,
  id: string,
  failure: DeliveryFailure,
  now: Date,
) {
  const message = await findMessage(db, id);
  if (message.deliveredAt !== null) return deliveryState(message);
  const attempts = message.attempts + 1;
  const giveUp = failure.permanent === true || attempts >= MAX_ATTEMPTS;
  const waitMs =
    failure.retryAfterSeconds !== undefined
      ? failure.retryAfterSeconds * 1000
      : backoffMs(attempts);
  await db.outboxMessage.updateMany({
    where: { id, deliveredAt: null },
    data: {
      attempts,
      lockedUntil: null,
      lastError: giveUp ? `${UNDELIVERABLE}${failure.error}` : failure.error,
      ...(giveUp ? {} : { notBefore: new Date(now.getTime() + waitMs) }),
    },
  });
  return deliveryState(await findMessage(db, id));
}

// ---------------------------------------------------------------------------
// Texts (zh-CN). Every text ends with what the reader should do next.
// ---------------------------------------------------------------------------

type Params = Readonly<Record<string, unknown>>;

function parseParams(text: string): Params {
  try {
    const value: unknown = JSON.parse(text);
    return typeof value === 'object' && value !== null && !Array.isArray(value) ? { ...value } : {};
  } catch {
    return {};
  }
}

function stringParam(params: Params, name: string): string | null {
  const value = params[name];
  return typeof value === 'string' && value !== '' ? value : null;
}

const LEVEL_NAMES: Readonly<Record<string, string>> = {
  bureau: '局网站/公众号',
  county: '县级媒体',
  city: '市级媒体',
  province: '省级媒体',
  national: '国家级媒体',
};

const SEVERITY_NAMES: Readonly<Record<string, string>> = {
  general: '一般',
  significant: '较大',
  major: '重大',
};

const STEP_NAMES: Readonly<Record<string, string>> = {
  report: '报告',
  respond: '首次回应',
  resolve: '处置完毕',
};

const STEP_ACTIONS: Readonly<Record<string, string>> = {
  report: '向县教体局报告事件情况',
  respond: '作出首次回应',
  resolve: '完成处置并提交处置结果',
};

/** `5月11日 10:00`, read on a Shanghai clock. */
export function shanghaiDateTime(at: number): string {
  const t = toShanghaiTime(at);
  return `${t.month}月${t.day}日 ${String(t.hour).padStart(2, '0')}:${String(t.minute).padStart(2, '0')}`;
}

function points(value: number): string {
  return String(Math.round(value * 100) / 100);
}

/** `2026-H1` → 2026年上半年. */
function periodLabel(key: string): string {
  const match = /^(\d{4})-(H1|H2|Y)$/.exec(key);
  if (!match) return '本期';
  const part = match[2] === 'H1' ? '上半年' : match[2] === 'H2' ? '下半年' : '全年';
  return `${match[1]}年${part}`;
}

const text = z.string().min(1);
const submissionParams = z.object({
  submissionId: text,
  title: text,
  unitId: text.optional(),
  unitName: text.optional(),
});
const reviewRequestParams = submissionParams.extend({
  authorName: text.optional(),
  /** Who submitted it (the submissions service's name for the author). */
  by: text.optional(),
  preview: z.string().nullish(),
});
const reviewResultParams = submissionParams.extend({
  result: z.enum(['approved', 'returned', 'adopted', 'not_adopted']),
  reason: z.string().nullish(),
  comment: z.string().nullish(),
  stage: z.enum(['unit_review', 'bureau_review']).nullish(),
  reviewerName: text.optional(),
  by: text.optional(),
});
const adoptionParams = submissionParams.extend({
  outlet: text,
  level: text,
  points: z.number(),
  headline: z.boolean().optional(),
  share: z.number().optional(),
});
const reviewReminderParams = submissionParams.extend({ since: z.number(), hours: z.number() });
const quotaDigestParams = z.object({
  periodKey: text,
  checkpoint: text,
  units: z.array(z.object({ name: text, submitted: z.number(), quota: z.number() })).min(1),
});
const quotaUnitParams = z.object({
  periodKey: text,
  checkpoint: text,
  name: text,
  submitted: z.number(),
  quota: z.number(),
});
const incidentParams = z.object({
  incidentId: text,
  title: text,
  unitId: text,
  severity: text,
  step: text,
  dueAt: z.number(),
  role: z.enum(['responsible', 'escalation']).optional(),
});

type UnitName = (unitId: string) => string | undefined;

function unitOf(
  p: { readonly unitId?: string | undefined; readonly unitName?: string | undefined },
  name: UnitName,
): string {
  return p.unitName ?? (p.unitId === undefined ? undefined : name(p.unitId)) ?? '本单位';
}

function checkpointText(checkpoint: string): string {
  return checkpoint === 'quota-30d' ? '距结束不足30天' : '已过半';
}

type Renderer = (params: Params, name: UnitName) => string | null;

const RENDERERS: Readonly<Record<string, Renderer>> = {
  [OUTBOX_TEMPLATES.reviewRequest]: (raw, name) => {
    const p = reviewRequestParams.safeParse(raw);
    if (!p.success) return null;
    const author = p.data.authorName ?? p.data.by;
    const by = author === undefined ? '' : `（作者：${author}）`;
    const preview = p.data.preview?.trim() ?? '';
    return `【待审核】${unitOf(p.data, name)}的稿件《${p.data.title}》${by}已提交，等待您审核。${preview === '' ? '' : `\n${preview}`}\n请阅读并修改后点击“通过并报送”，或点击“退回”并写明原因；也可以在后台“稿件”中打开审核。`;
  },
  [OUTBOX_TEMPLATES.reviewResult]: (raw) => {
    const p = reviewResultParams.safeParse(raw);
    if (!p.success) return null;
    const reviewer = p.data.reviewerName ?? p.data.by;
    const by = reviewer === undefined ? '' : `（审核人：${reviewer}）`;
    const reason = p.data.reason?.trim() ?? '';
    const comment = p.data.comment?.trim() ?? reason;
    const where = p.data.stage === 'bureau_review' ? '县教体局' : '单位审核';
    switch (p.data.result) {
      case 'approved':
        return `【审核结果】您的稿件《${p.data.title}》已通过单位审核${by}，已报送县教体局宣传股。\n下一步：等待采用结果，发送 /my 可查看稿件进度。`;
      case 'returned':
        return `【审核结果】您的稿件《${p.data.title}》被${where}退回${by}。\n退回原因：${reason === '' ? '未填写' : reason}\n下一步：请按意见修改后重新提交审核（在后台“稿件”中编辑，发送 /my 可查看）。`;
      case 'adopted':
        return `【审核结果】您的稿件《${p.data.title}》已被县教体局采用${comment === '' ? '' : `，意见：${comment}`}。\n下一步：刊发后将通知您采用媒体和得分，发送 /my 可查看稿件进度。`;
      case 'not_adopted':
        return `【审核结果】您的稿件《${p.data.title}》本次未被采用${comment === '' ? '' : `，意见：${comment}`}。\n下一步：可参考意见改进后续稿件，多报送特色活动和典型经验，发送 /my 查看全部稿件。`;
    }
  },
  [OUTBOX_TEMPLATES.adoption]: (raw) => {
    const p = adoptionParams.safeParse(raw);
    if (!p.success) return null;
    const level = LEVEL_NAMES[p.data.level] ?? p.data.level;
    const headline = p.data.headline === true ? '，并登上头版头条' : '';
    const share =
      p.data.share !== undefined && p.data.share !== p.data.points
        ? `，您个人计 ${points(p.data.share)} 分`
        : '';
    return `【采用喜报】您的稿件《${p.data.title}》被${p.data.outlet}（${level}）采用${headline}，本篇得 ${points(p.data.points)} 分${share}。\n下一步：发送 /rank 查看本单位本期排名，欢迎继续报送精品稿件。`;
  },
  [REMINDER_TEMPLATES.reviewPending]: (raw, name) => {
    const p = reviewReminderParams.safeParse(raw);
    if (!p.success) return null;
    return `【审核提醒】${unitOf(p.data, name)}的稿件《${p.data.title}》自 ${shanghaiDateTime(p.data.since)} 起等待审核，已超过 ${p.data.hours} 小时。\n请尽快审核：通过并报送，或退回并写明原因。可点击下方按钮，或在后台“稿件”中处理。`;
  },
  [REMINDER_TEMPLATES.reviewEscalated]: (raw, name) => {
    const p = reviewReminderParams.safeParse(raw);
    if (!p.success) return null;
    return `【审核督办】${unitOf(p.data, name)}的稿件《${p.data.title}》自 ${shanghaiDateTime(p.data.since)} 起等待审核，已超过 ${p.data.hours} 小时仍未处理。\n请督促分管领导今天内完成审核，或由您直接审核：通过并报送，或退回并写明原因。`;
  },
  [REMINDER_TEMPLATES.quotaDigest]: (raw) => {
    const p = quotaDigestParams.safeParse(raw);
    if (!p.success) return null;
    const lines = p.data.units.map((u) => `· ${u.name}：${u.submitted}/${u.quota} 条`).join('\n');
    return `【报送进度】${periodLabel(p.data.periodKey)}${checkpointText(p.data.checkpoint)}，以下单位报送量不足任务的一半：\n${lines}\n请以上单位抓紧组织报送：在本群发送 /kb 加文字和图片即可快速报送。`;
  },
  [REMINDER_TEMPLATES.quotaUnit]: (raw) => {
    const p = quotaUnitParams.safeParse(raw);
    if (!p.success) return null;
    return `【报送提醒】${p.data.name}${periodLabel(p.data.periodKey)}已报送信息 ${p.data.submitted} 条，任务 ${p.data.quota} 条，本期${checkpointText(p.data.checkpoint)}。\n请抓紧组织报送：在工作群发送 /kb 加文字和图片即可快速报送，发送 /rank 查看进度。`;
  },
  [REMINDER_TEMPLATES.incidentSoon]: (raw, name) => {
    const p = incidentParams.safeParse(raw);
    if (!p.success) return null;
    const step = STEP_NAMES[p.data.step] ?? p.data.step;
    const action = STEP_ACTIONS[p.data.step] ?? '处置';
    const duty = p.data.role === 'escalation' ? '请督促责任人' : '请立即';
    return `【舆情预警】${SEVERITY_NAMES[p.data.severity] ?? ''}舆情《${p.data.title}》（${name(p.data.unitId) ?? '本单位'}）的“${step}”时限将于 ${shanghaiDateTime(p.data.dueAt)} 到期。\n${duty}${action}，并在后台“舆情”中登记。`;
  },
  [REMINDER_TEMPLATES.incidentDue]: (raw, name) => {
    const p = incidentParams.safeParse(raw);
    if (!p.success) return null;
    const step = STEP_NAMES[p.data.step] ?? p.data.step;
    const action = STEP_ACTIONS[p.data.step] ?? '处置';
    const duty = p.data.role === 'escalation' ? '事件已上报到您这一级，请督促责任人立即' : '请立即';
    return `【舆情超时】${SEVERITY_NAMES[p.data.severity] ?? ''}舆情《${p.data.title}》（${name(p.data.unitId) ?? '本单位'}）的“${step}”已于 ${shanghaiDateTime(p.data.dueAt)} 超时。\n${duty}${action}，并在后台“舆情”中登记。`;
  },
  [REMINDER_TEMPLATES.adoptionAuthor]: (raw) => {
    const p = adoptionParams.safeParse(raw);
    if (!p.success) return null;
    const level = LEVEL_NAMES[p.data.level] ?? p.data.level;
    const share =
      p.data.share !== undefined && p.data.share !== p.data.points
        ? `，您个人计 ${points(p.data.share)} 分`
        : '';
    return `【采用喜报】您的稿件《${p.data.title}》被${p.data.outlet}（${level}）采用，本篇得 ${points(p.data.points)} 分${share}。\n下一步：发送 /rank 查看本单位本期排名，欢迎继续报送精品稿件。`;
  },
  [REMINDER_TEMPLATES.adoptionHead]: (raw) => {
    const p = adoptionParams.safeParse(raw);
    if (!p.success) return null;
    const level = LEVEL_NAMES[p.data.level] ?? p.data.level;
    return `【采用喜报】本单位稿件《${p.data.title}》被${p.data.outlet}（${level}）采用，得 ${points(p.data.points)} 分。\n发送 /rank 查看本单位本期排名和任务进度，请继续组织报送精品稿件。`;
  },
};

/**
 * The Chinese text of a message. A template this module does not know, or parameters that do
 * not fit it, fall back to the `defaultMessage` parameter (the domain's zh-CN text), so that
 * nothing enqueued is ever unsendable.
 */
export function renderOutboxText(
  template: string,
  params: Params,
  unitName: UnitName = () => undefined,
): string {
  const rendered = RENDERERS[template]?.(params, unitName) ?? null;
  if (rendered !== null) return rendered;
  const fallback = stringParam(params, 'defaultMessage');
  return fallback === null
    ? '您有一条新的平台通知，请登录后台查看详情。'
    : `${fallback}\n详情请登录后台查看。`;
}
