import type { Db, OutboxMessage } from '@jyxc/db';
import {
  isLocale,
  quietHoursEnd,
  REMINDER_TEMPLATES,
  type Locale,
  type Reminder,
  type ReminderAudience,
  type ReminderTemplateId,
  type ReminderUrgency,
} from '@jyxc/domain';
import { isUniqueViolation } from '../../shared/db.js';
import { reminderSettingsAt } from '../schemes/service.js';
import { ServiceError } from '../../shared/errors.js';
import type { Tx } from '../../shared/context.js';
import {
  notificationEvent,
  readEvent,
  subjectOf,
  type NotificationEvent,
  type NotificationKind,
} from './events.js';

/**
 * The notification outbox (DESIGN §3.8, §5): services write messages here inside the
 * transaction of the change that causes them; the bot reads due messages, sends them to
 * its channel and acknowledges them. A message is keyed by a stable key, so it is enqueued once
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

export interface OutboxEntry {
  /** Stable: the same cause always gives the same key (e.g. the domain's reminder key). */
  readonly key: string;
  readonly audience: OutboxAudience;
  /** What happened, as facts; each channel writes the sentence in its reader's language. */
  readonly event: NotificationEvent;
  readonly urgency: OutboxUrgency;
  /** Not sent before this moment (quiet hours and weekends, decided by the caller). */
  readonly notBefore: Date;
  /** Why it is sent (the domain's reminder reason or the event's kind). */
  readonly reason?: string | undefined;
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
    kind: entry.event.kind,
    facts: JSON.stringify(entry.event.facts),
    urgency: entry.urgency,
    notBefore: entry.notBefore,
    reason: entry.reason ?? null,
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
  readonly event: NotificationEvent;
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
  // DESIGN §3.4: quiet hours come from the year's scheme (read only when a message needs them).
  const settings = messages.some((m) => m.notBefore === undefined && !m.urgent)
    ? await reminderSettingsAt(tx, at)
    : null;
  await enqueueMany(
    tx,
    messages.map((m) => ({
      key: m.key,
      audience: { kind: 'person', personId: m.personId },
      event: m.event,
      urgency: m.urgent ? 'urgent' : 'normal',
      // DESIGN §3.8: quiet hours delay non-urgent messages until they end, never longer
      // (weekends and holidays hold only digests and quota reminders).
      notBefore: new Date(
        m.notBefore ?? (m.urgent || settings === null ? at : quietHoursEnd(at, settings)),
      ),
      createdAt: now,
    })),
  );
}

/** The event kind of each of the domain's reminder templates. */
const KIND_OF_REMINDER: { readonly [T in ReminderTemplateId]: NotificationKind } = {
  [REMINDER_TEMPLATES.reviewPending]: 'review_pending',
  [REMINDER_TEMPLATES.reviewEscalated]: 'review_escalated',
  [REMINDER_TEMPLATES.quotaDigest]: 'quota_digest',
  [REMINDER_TEMPLATES.quotaUnit]: 'quota_behind',
  [REMINDER_TEMPLATES.incidentSoon]: 'incident_deadline_soon',
  [REMINDER_TEMPLATES.incidentDue]: 'incident_deadline_missed',
  [REMINDER_TEMPLATES.adoptionAuthor]: 'adoption_credited',
  [REMINDER_TEMPLATES.adoptionHead]: 'unit_adoption',
  [REMINDER_TEMPLATES.draftIdle]: 'draft_idle',
};

/**
 * A reminder of the domain as a notification event: its parameters are the facts, with the
 * name of the unit they mention. The domain's zh-CN `defaultMessage` is not kept: each
 * channel writes its own sentence. Parameters that do not fit the kind are a bug and throw.
 */
export function eventOfReminder(
  reminder: Reminder,
  unitName: (unitId: string) => string | undefined,
): NotificationEvent {
  const unitId = reminder.params['unitId'];
  const name = typeof unitId === 'string' ? unitName(unitId) : undefined;
  return notificationEvent.parse({
    kind: KIND_OF_REMINDER[reminder.templateId],
    facts: { ...reminder.params, ...(name === undefined ? {} : { unitName: name }) },
  });
}

/** The domain's reminders for people, as outbox messages (groups are not addressed here). */
export function remindersToMessages(
  reminders: readonly Reminder[],
  unitName: (unitId: string) => string | undefined,
): PersonMessage[] {
  const messages: PersonMessage[] = [];
  for (const r of reminders) {
    if (r.audience.kind !== 'person') continue;
    messages.push({
      key: r.key,
      personId: r.audience.personId,
      event: eventOfReminder(r, unitName),
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
/** Marks a message whose audience has no chat link on any channel: it stays for the console. */
export const NO_CHAT_LINK = 'no chat link';
/** Prefix of the error of a message a channel will not take (the user blocked the bot). */
export const UNDELIVERABLE = 'undeliverable: ';
/** After this many failed attempts a message is given up on (it stays for the console). */
export const MAX_ATTEMPTS = 8;
/**
 * Messages that became sendable longer ago than this are not sent to a chat any more (a
 * reminder about a review finished last month helps nobody); they stay for the console.
 */
export const DELIVERY_WINDOW_MS = 7 * 24 * 3600 * 1000;

/** One message handed to a channel's sender, with where to send it and what happened. */
export interface OutboxDelivery {
  readonly id: string;
  readonly key: string;
  /** The channel it is routed to: the one that asked for it. */
  readonly channel: string;
  /** What happened, or null for a message of a kind this API no longer knows. */
  readonly event: NotificationEvent | null;
  /** The language to write it in: the person's preference; zh-CN for groups. */
  readonly locale: Locale;
  /** The chat in that channel: the person's user id for a direct message, or a group's chat id. */
  readonly chatId: string;
  readonly urgency: string;
  readonly attempts: number;
  /** What the message is about, so that the bot can add buttons (通过并报送 / 退回 / 在后台打开). */
  readonly submissionId: string | null;
  readonly incidentId: string | null;
  readonly lockedUntil: string;
}

/**
 * Where each recipient is reached (DESIGN §4: notifications are routed per channel): a person
 * on the chat identity they linked last, a unit in the active group chat bound to it last —
 * the channel people linked most recently is the one they use now. Each route is a channel
 * and the chat in it; a recipient without one has no route.
 */
async function chatRoutes(
  db: Db,
  personIds: readonly string[],
  unitIds: readonly string[],
): Promise<{
  person: Map<string, { channel: string; chatId: string; locale: string }>;
  unit: Map<string, { channel: string; chatId: string }>;
}> {
  const [identities, groups] = await Promise.all([
    db.chatIdentity.findMany({
      where: { personId: { in: [...personIds] } },
      select: {
        personId: true,
        channel: true,
        externalId: true,
        person: { select: { locale: true } },
      },
      orderBy: [{ linkedAt: 'asc' }, { id: 'asc' }],
    }),
    db.chatGroup.findMany({
      where: { unitId: { in: [...unitIds] }, removedAt: null },
      select: { unitId: true, channel: true, chatId: true },
      orderBy: [{ linkedAt: 'asc' }, { id: 'asc' }],
    }),
  ]);
  // Later rows overwrite earlier ones: the last linked wins.
  return {
    person: new Map(
      identities.map((i) => [
        i.personId,
        { channel: i.channel, chatId: i.externalId, locale: i.person.locale },
      ]),
    ),
    unit: new Map(groups.map((g) => [g.unitId, { channel: g.channel, chatId: g.chatId }])),
  };
}

/** The units with an active bound group chat on any channel, and the bureau's id. */
async function linkedGroups(db: Db): Promise<{ unitIds: string[]; bureauId: string | null }> {
  const [groups, bureau] = await Promise.all([
    db.chatGroup.findMany({
      where: { removedAt: null },
      select: { unitId: true },
      distinct: ['unitId'],
    }),
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
 * Takes up to `limit` due messages for one channel's sender and leases them for `leaseMs`:
 * undelivered, `notBefore` reached, not leased by another sender, not given up on, and whose
 * recipient's route (see {@link chatRoutes}) is on `channel`; the claimed row records that
 * channel. Each is claimed by a conditional update, so two senders asking at the same moment
 * never get the same message. Due messages whose recipient has no chat link on any channel
 * are marked {@link NO_CHAT_LINK} and left for the console; once a link exists they are sent.
 */
export async function leaseDueMessages(
  db: Db,
  options: {
    readonly channel: string;
    readonly now: Date;
    readonly limit: number;
    readonly leaseMs?: number;
  },
): Promise<OutboxDelivery[]> {
  const { channel, now, limit } = options;
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
          OR: [{ personId: null }, { person: { chatIdentities: { none: {} } } }],
        },
        { audience: 'unitGroup', OR: [{ unitId: null }, { unitId: { notIn: units } }] },
        ...(bureauLinked ? [] : [{ audience: 'bureauGroup' as const }]),
      ],
    },
    data: { lastError: NO_CHAT_LINK },
  });

  const onChannel = await db.chatGroup.findMany({
    where: { channel, removedAt: null },
    select: { unitId: true },
    distinct: ['unitId'],
  });
  const channelUnits = onChannel.map((g) => g.unitId);
  const bureauOnChannel = bureauId !== null && channelUnits.includes(bureauId);
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
              { audience: 'person', person: { chatIdentities: { some: { channel } } } },
              { audience: 'unitGroup', unitId: { in: channelUnits } },
              ...(bureauOnChannel ? [{ audience: 'bureauGroup' as const }] : []),
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
  const found = [...(await candidatesOf('urgent')), ...(await candidatesOf('normal'))];
  const routes = await chatRoutes(
    db,
    found.flatMap((m) => (m.personId === null ? [] : [m.personId])),
    [
      ...found.flatMap((m) => (m.unitId === null ? [] : [m.unitId])),
      ...(bureauId === null ? [] : [bureauId]),
    ],
  );
  const routeOf = (m: OutboxMessage) =>
    m.audience === 'person'
      ? routes.person.get(m.personId ?? '')
      : routes.unit.get((m.audience === 'unitGroup' ? m.unitId : bureauId) ?? '');
  const candidates: OutboxMessage[] = [];
  for (const message of found) {
    // A recipient reached on another channel is that channel's sender's to deliver.
    if (routeOf(message)?.channel !== channel) continue;
    if (!(await waitsForItsRequest(db, message, now))) candidates.push(message);
  }

  const deliveries: OutboxDelivery[] = [];
  for (const m of candidates) {
    if (deliveries.length >= limit) break;
    const route = routeOf(m);
    if (route === undefined) continue;
    const result = await db.outboxMessage.updateMany({
      where: { id: m.id, deliveredAt: null, ...free },
      data: { lockedUntil, channel },
    });
    if (result.count !== 1) continue;
    const event = readEvent(m.kind, m.facts);
    const locale = routes.person.get(m.personId ?? '')?.locale;
    deliveries.push({
      id: m.id,
      key: m.key,
      channel,
      event,
      // Groups read the platform's first language (DESIGN §1).
      locale: m.audience === 'person' && isLocale(locale) ? locale : 'zh-CN',
      chatId: route.chatId,
      urgency: m.urgency,
      attempts: m.attempts,
      ...subjectOf(event),
      lockedUntil: lockedUntil.toISOString(),
    });
  }
  return deliveries;
}

/** Reminders that an item still waits for review, which must not overtake the request itself. */
const REVIEW_REMINDER_KINDS: ReadonlySet<string> = new Set(['review_pending', 'review_escalated']);
/** The least time between a review request reaching a reviewer and a reminder about it. */
export const REMINDER_AFTER_REQUEST_MS = 60 * 60_000;

/**
 * Whether a reminder that an item waits for review (已超过 24 小时) must wait because the
 * review request (待审核) for the same item and reviewer has not gone out yet, or went out
 * within the last hour: a reviewer never gets both in the same minute (DESIGN §3.8), for
 * instance after the bot was down for a day. A request given up on does not hold it.
 */
async function waitsForItsRequest(db: Db, message: OutboxMessage, now: Date): Promise<boolean> {
  if (!REVIEW_REMINDER_KINDS.has(message.kind) || message.personId === null) return false;
  const facts: unknown = JSON.parse(message.facts);
  const submissionId =
    typeof facts === 'object' && facts !== null && 'submissionId' in facts
      ? String(facts.submissionId)
      : null;
  if (submissionId === null) return false;
  const request = await db.outboxMessage.findFirst({
    where: {
      personId: message.personId,
      kind: 'review_requested',
      key: { startsWith: `submission:${submissionId}:` },
      OR: [
        { deliveredAt: null, ...notUndeliverable() },
        { deliveredAt: { gt: new Date(now.getTime() - REMINDER_AFTER_REQUEST_MS) } },
      ],
    },
    select: { id: true },
  });
  return request !== null;
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
 * the chat. The message is never deleted: the console still shows it.
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
