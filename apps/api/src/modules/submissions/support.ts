import {
  defaultReminderSettings,
  defaultScheme,
  nextSendingTime,
  periodOf,
  validateScheme,
  type Reminder,
  type Scheme,
} from '@jyxc/domain';
import { jsonSize, ReadCache } from '../../cache/read-cache.js';
import type { Tx } from '../../shared/context.js';
import type { Reader } from './repository.js';

/**
 * The year's schemes, kept between requests until the next write: the submissions list
 * marks late items with them on every page, and a scheme changes a few times a year.
 */
const schemes = new ReadCache<Scheme>('schemes', {
  maxEntries: 50,
  maxBytes: 4 * 2 ** 20,
  sizeOf: jsonSize,
});

/**
 * The scoring scheme of a year: the bureau's saved document when it is valid, the defaults of
 * DESIGN §3.4 otherwise (a year nobody has configured yet still scores). Inside a transaction
 * it is read through the transaction, never from the cache.
 */
export function schemeForYear(db: Reader, year: number): Promise<Scheme> {
  // A transaction client has no `$disconnect`.
  if (!('$disconnect' in db)) return readScheme(db, year);
  return schemes.read(db, String(year), 0, async () => ({ value: await readScheme(db, year) }));
}

async function readScheme(db: Reader, year: number): Promise<Scheme> {
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

/** Loads each needed year's scheme once (for one request or one run of a job). */
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
