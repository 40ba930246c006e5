import {
  defaultReminderSettings,
  defaultScheme,
  nextSendingTime,
  periodOf,
  validateScheme,
  type Reminder,
  type Scheme,
} from '@jyxc/domain';
import type { Tx } from './context.js';
import type { Reader } from './submission-repository.js';

/**
 * The scoring scheme of a year: the bureau's saved document when it is valid, the defaults of
 * DESIGN §3.4 otherwise (a year nobody has configured yet still scores).
 */
export async function schemeForYear(db: Reader, year: number): Promise<Scheme> {
  const row = await db.scheme.findUnique({ where: { year } });
  if (row !== null) {
    let document: unknown = null;
    try {
      document = JSON.parse(row.document) as unknown;
    } catch {
      document = null;
    }
    const parsed = validateScheme(document);
    if (parsed.ok) return parsed.value;
  }
  return defaultScheme(year);
}

/** The scheme in force at an instant (its Shanghai year). */
export function schemeAt(db: Reader, at: number): Promise<Scheme> {
  return schemeForYear(db, periodOf(at).year);
}

/** Loads each needed year's scheme once. */
export function schemeCache(db: Reader): (at: number) => Promise<Scheme> {
  const years = new Map<number, Promise<Scheme>>();
  return (at) => {
    const year = periodOf(at).year;
    let scheme = years.get(year);
    if (scheme === undefined) {
      scheme = schemeForYear(db, year);
      years.set(year, scheme);
    }
    return scheme;
  };
}

/**
 * How long a year's scheme is reused across requests. The submissions list reads it on every
 * page to mark late items, and a scheme changes a few times a year; saving one through this
 * process drops the entries at once ({@link forgetSchemes}), another process's save is seen
 * within this time.
 */
export const SCHEME_CACHE_MS = 5_000;

/** One cache per database client, so that separate apps (and tests) never share entries. */
const schemeCaches = new WeakMap<
  Reader,
  Map<number, { readonly scheme: Promise<Scheme>; readonly freshUntil: number }>
>();

/** Like {@link schemeCache}, with entries kept for {@link SCHEME_CACHE_MS} across requests. */
export function recentSchemes(db: Reader): (at: number) => Promise<Scheme> {
  let years = schemeCaches.get(db);
  if (years === undefined) {
    years = new Map();
    schemeCaches.set(db, years);
  }
  const cache = years;
  return (at) => {
    const year = periodOf(at).year;
    const clock = performance.now();
    const entry = cache.get(year);
    if (entry !== undefined && entry.freshUntil > clock) return entry.scheme;
    const scheme = schemeForYear(db, year);
    cache.set(year, { scheme, freshUntil: clock + SCHEME_CACHE_MS });
    // A failed read is not kept: the caller sees the failure, the next request reads again.
    scheme.catch(() => cache.delete(year));
    return scheme;
  };
}

/** Drops the cached schemes after a scheme is saved. */
export function forgetSchemes(db: Reader): void {
  schemeCaches.get(db)?.clear();
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
 * Enqueues messages in the caller's transaction. A key already present is skipped, so a
 * retried request never enqueues twice.
 */
export async function enqueue(
  tx: Tx,
  now: Date,
  messages: readonly PersonMessage[],
): Promise<void> {
  if (messages.length === 0) return;
  const existing = await tx.outboxMessage.findMany({
    where: { key: { in: messages.map((m) => m.key) } },
    select: { key: true },
  });
  const seen = new Set(existing.map((m) => m.key));
  for (const m of messages) {
    if (seen.has(m.key)) continue;
    seen.add(m.key);
    const at = now.getTime();
    await tx.outboxMessage.create({
      data: {
        key: m.key,
        audience: 'person',
        personId: m.personId,
        template: m.template,
        params: JSON.stringify(m.params),
        urgency: m.urgent ? 'urgent' : 'normal',
        // DESIGN §3.8: quiet hours and weekends delay non-urgent messages.
        notBefore: new Date(
          m.notBefore ?? (m.urgent ? at : nextSendingTime(at, defaultReminderSettings)),
        ),
        createdAt: now,
      },
    });
  }
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
