import { randomUUID } from 'node:crypto';
import { databaseKind, watchAnnouncements, type Changes, type Db } from '@jyxc/db';
import { CATEGORIES, transition, type Transition } from '@jyxc/domain';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { freshDatabase, workflowCounty } from '../../../test/support.js';
import { actorAsPerson } from '../../shared/actor.js';
import { inTransaction } from '../../shared/db.js';
import { unwrap } from '../../shared/domain-result.js';
import type { ServiceContext } from '../../shared/context.js';
import { loadUnits } from '../organisation/service.js';
import { createdSubmissionDetail, submissionDetail } from './queries.js';
import { persistCreationDirect, persistTransition, submissionDetailRow } from './repository.js';
import { unitItemTitlesDirect } from './detail-direct.js';

/**
 * A new item written without the query engine (`persistCreationDirect`) against its
 * specification, `persistTransition` of a new item: for any draft — title and body in any
 * script, category, topics, event time, co-authors, the console or a chat, by a person or the
 * bot — the two write the same rows (ids apart) and tell the read caches the same changes, on
 * SQLite and on PostgreSQL when the tests run there; and the detail it answers with, made from
 * the rows it wrote, is the one read back.
 */
let db: Db;
let county: Awaited<ReturnType<typeof workflowCounty>>;
let announced: { changes: Changes; settled: 'committed' | 'rolled back' }[] = [];

beforeAll(async () => {
  ({ db } = await freshDatabase());
  county = await workflowCounty(db);
  watchAnnouncements(db, (changes, settled) => announced.push({ changes, settled }));
}, 60_000);
afterAll(async () => {
  await db.$disconnect();
});

interface Draft {
  readonly writer: 'officer' | 'schoolOfficer';
  readonly via: ServiceContext['via'];
  readonly title: string;
  readonly body: string;
  readonly category: (typeof CATEGORIES)[number];
  readonly topics: readonly string[];
  readonly eventAt: number;
  readonly now: number;
  readonly coAuthors: number;
  readonly source: 'console' | 'chat';
  readonly chat: { readonly chatId: string; readonly messageId: string } | null;
}

const text = (min: number, max: number) =>
  fc.string({
    unit: fc.constantFrom(
      '教',
      '育',
      '信',
      '息',
      'a',
      'Z',
      '9',
      ' ',
      '"',
      "'",
      '\\',
      '%',
      '\n',
      '😀',
    ),
    minLength: min,
    maxLength: max,
  });

const drafts: fc.Arbitrary<Draft> = fc.record({
  writer: fc.constantFrom('officer' as const, 'schoolOfficer' as const),
  via: fc.constantFrom('user' as const, 'bot' as const),
  title: text(1, 60).filter((t) => t.trim().length > 0),
  body: text(1, 400).filter((t) => t.trim().length > 0),
  category: fc.constantFrom(...CATEGORIES),
  topics: fc.uniqueArray(fc.constantFrom('立德树人', '双减', '安全教育', '教师风采'), {
    maxLength: 3,
  }),
  // Milliseconds included: both writers keep them.
  eventAt: fc.integer({
    min: Date.parse('2026-01-01T00:00:00Z'),
    max: Date.parse('2026-05-11T00:00:00Z'),
  }),
  now: fc.integer({
    min: Date.parse('2026-05-11T00:00:00Z'),
    max: Date.parse('2026-05-12T00:00:00Z'),
  }),
  coAuthors: fc.integer({ min: 0, max: 2 }),
  source: fc.constantFrom('console' as const, 'chat' as const),
  chat: fc.option(
    fc.record({
      chatId: fc.integer({ min: -1e12, max: 1e12 }).map(String),
      messageId: fc.nat().map(String),
    }),
  ),
});

/** The draft's creation as the service makes it, with the item id `id`. */
async function creationOf(
  draft: Draft,
  id: string,
): Promise<{ ctx: ServiceContext; t: Transition }> {
  const person = draft.writer === 'officer' ? county.officer : county.schoolOfficer;
  const units = await loadUnits(db);
  const unit = units.find((u) => u.id === person.unitId);
  if (unit === undefined) throw new Error('the writer has no unit');
  const colleagues =
    draft.writer === 'officer'
      ? [county.cgHead, county.cgDeputy]
      : [county.otherSchoolOfficer, county.directOfficer];
  const ctx: ServiceContext = {
    db,
    now: new Date(draft.now),
    actor: {
      personId: person.id,
      name: person.name,
      username: person.username,
      unit: { id: unit.id, name: unit.name, kind: unit.kind },
      roles: ['officer'],
    },
    via: draft.via,
    requestId: `req-${id}`,
  };
  const t = unwrap(
    transition(
      null,
      {
        type: 'create',
        id,
        unit,
        content: {
          title: draft.title,
          body: draft.body,
          category: draft.category,
          topics: draft.topics,
          eventAt: draft.eventAt,
        },
        coAuthorIds: colleagues.slice(0, draft.coAuthors).map((p) => p.id),
        source: draft.source,
      },
      actorAsPerson(ctx.actor),
      draft.now,
    ),
  );
  return { ctx, t };
}

/** Every row the item's creation wrote, read through Prisma, its own ids left out. */
async function rowsOf(id: string) {
  const where = { submissionId: id };
  const omitId = <T extends { id: string }>(rows: readonly T[]) =>
    rows.map(({ id: _id, ...row }) => row);
  const rows = {
    submission: await db.submission.findUniqueOrThrow({ where: { id } }),
    authors: await db.submissionAuthor.findMany({ where, orderBy: { position: 'asc' } }),
    revisions: omitId(await db.revision.findMany({ where, orderBy: { number: 'asc' } })),
    signOffs: omitId(await db.signOff.findMany({ where })),
    events: omitId(await db.submissionEvent.findMany({ where, orderBy: { at: 'asc' } })),
    audit: omitId(await db.auditLog.findMany({ where: { entityId: id } })),
  };
  // The item's own id stands in every row; the other item's is the same but for it.
  return JSON.parse(JSON.stringify(rows).replaceAll(id, 'ITEM')) as unknown;
}

/**
 * The stored text of the creation's dates and flags: the same values stored differently (a
 * date with `Z` instead of `+00:00`, a flag as `true` instead of `1`) would read back the same
 * through Prisma but compare differently in SQL.
 */
async function storedText(id: string) {
  const text = (column: string) => `CAST("${column}" AS TEXT) AS "${column}"`;
  const arg = databaseKind(db) === 'postgresql' ? '$1' : '?';
  return {
    submission: await db.$queryRawUnsafe(
      `SELECT ${['eventAt', 'createdAt', 'updatedAt', 'qualityMark', 'version'].map(text).join(', ')} FROM "Submission" WHERE "id" = ${arg}`,
      id,
    ),
    revision: await db.$queryRawUnsafe(
      `SELECT ${['eventAt', 'createdAt', 'number'].map(text).join(', ')} FROM "Revision" WHERE "submissionId" = ${arg}`,
      id,
    ),
    events: await db.$queryRawUnsafe(
      `SELECT ${['at', 'actorKind'].map(text).join(', ')} FROM "SubmissionEvent" WHERE "submissionId" = ${arg}`,
      id,
    ),
    audit: await db.$queryRawUnsafe(
      `SELECT ${['at', 'actorKind'].map(text).join(', ')} FROM "AuditLog" WHERE "entityId" = ${arg}`,
      id,
    ),
  };
}

describe('a new item written directly', () => {
  it('writes the rows persistTransition writes, and announces the same changes', async () => {
    await fc.assert(
      fc.asyncProperty(drafts, async (draft) => {
        const [viaPrisma, direct] = [randomUUID(), randomUUID()];
        const chat =
          draft.chat === null
            ? {}
            : { sourceChatId: draft.chat.chatId, sourceMessageId: draft.chat.messageId };

        const spec = await creationOf(draft, viaPrisma);
        announced = [];
        await inTransaction(spec.ctx, (tx) =>
          persistTransition(tx, spec.ctx, null, spec.t, 'submission.create', chat),
        );
        const specAnnounced = announced;

        const fast = await creationOf(draft, direct);
        announced = [];
        // Its unit's items as they were when it was written (among them the same draft
        // written through Prisma just before: a likely duplicate).
        const unitItems = await unitItemTitlesDirect(db, fast.t.submission.unitId);
        const written = await persistCreationDirect(fast.ctx, fast.t, 'submission.create', chat);
        expect(announced).toEqual(specAnnounced);
        // What it answers with: the rows as they read back, and so the same detail page.
        expect(written).toEqual(await submissionDetailRow(db, direct));
        const answer = await createdSubmissionDetail(fast.ctx, written, unitItems);
        const page = await submissionDetail(fast.ctx, direct);
        expect(answer).toEqual(page);
        expect(answer.duplicates.map((d) => d.submissionId)).toContain(viaPrisma);
        // Without them (SQLite, or their read failed), read after the write: the same page.
        expect(await createdSubmissionDetail(fast.ctx, written)).toEqual(page);
        expect(announced.map((a) => a.settled)).toEqual(['committed']);

        expect(await rowsOf(direct)).toEqual(await rowsOf(viaPrisma));
        expect(await storedText(direct)).toEqual(await storedText(viaPrisma));
      }),
      { numRuns: 120 },
    );
  });

  it('writes nothing and announces the failure when a row is refused', async () => {
    const draft = fc.sample(drafts, { numRuns: 1, seed: 7 })[0];
    if (draft === undefined) throw new Error('no draft drawn');
    const id = randomUUID();
    const { ctx, t } = await creationOf(draft, id);
    // An author who does not exist: the author row breaks its foreign key after the item's
    // row went in, and the whole creation is rolled back.
    const broken: Transition = {
      ...t,
      submission: { ...t.submission, authorIds: [...t.submission.authorIds, 'no-such-person'] },
    };
    announced = [];
    await expect(persistCreationDirect(ctx, broken, 'submission.create')).rejects.toThrow();
    expect(await db.submission.count({ where: { id } })).toBe(0);
    expect(await db.auditLog.count({ where: { entityId: id } })).toBe(0);
    expect(announced.map((a) => a.settled)).toEqual(['rolled back']);
    // Then the next creation goes through: the failed one left no transaction open.
    const next = await creationOf(draft, randomUUID());
    await persistCreationDirect(next.ctx, next.t, 'submission.create');
    expect(await db.submission.count({ where: { id: next.t.submission.id } })).toBe(1);
  });
});
