import type { Db } from '@jyxc/db';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  apiCaller,
  freshDatabase,
  testApp,
  testClock,
  workflowCounty,
  type ApiCaller,
} from '../../../test/support.js';
import type { submissionDetail, SubmissionPage } from './queries.js';
import type { coAuthorCandidates } from './service.js';

type Detail = Awaited<ReturnType<typeof submissionDetail>>;
type Candidates = Awaited<ReturnType<typeof coAuthorCandidates>>;

let db: Db;
let api: ApiCaller;
let county: Awaited<ReturnType<typeof workflowCounty>>;
const clock = testClock();

beforeAll(async () => {
  ({ db } = await freshDatabase());
  county = await workflowCounty(db);
  api = apiCaller(testApp(db, clock), { base: '/api' });
});

afterAll(async () => {
  await db.$disconnect();
});

const item = (title: string, coAuthorIds: string[]) => ({
  title,
  body: `${title}。`,
  category: 'activity',
  eventAt: clock.now().toISOString(),
  coAuthorIds,
});

describe('co-authors of an item (rules §5.5: the authors share its points)', () => {
  it('offers a township officer the colleagues of the township and of its schools', async () => {
    const offered = await api.call<Candidates>('cg_officer', 'GET', '/submissions/co-authors');
    expect(offered.status).toBe(200);
    const names = offered.body.map((p) => p.name);
    expect(names).toEqual(expect.arrayContaining(['赵分管', '钱校长', '孙老师', '周老师']));
    expect(names).not.toContain('郑信息');
    const me = await db.person.findUniqueOrThrow({ where: { username: 'cg_officer' } });
    expect(offered.body.map((p) => p.id)).not.toContain(me.id);
    // The township's own people first, then its schools'.
    expect(offered.body[0]?.unitId).toBe(county.township.id);

    const school = await api.call<Candidates>('school_officer', 'GET', '/submissions/co-authors');
    expect(school.body.map((p) => p.name)).toEqual([]);
  });

  it('records a colleague of a school as co-author of a township item', async () => {
    const created = await api.call<Detail>(
      'cg_officer',
      'POST',
      '/submissions',
      item('城关镇中心校开展教研联片活动', [county.schoolOfficer.id, county.cgDeputy.id]),
    );
    expect(created.status).toBe(201);
    expect(created.body.authors.map((a) => a?.name)).toEqual(
      expect.arrayContaining(['孙老师', '赵分管']),
    );
    expect(created.body.authors).toHaveLength(3);
  });

  it('refuses a co-author of another unit, naming the field and the person, changing nothing', async () => {
    const before = await db.submission.count();
    const foreign = await api.call<Detail>(
      'cg_officer',
      'POST',
      '/submissions',
      item('城关镇中心校开展读书节', [county.ngOfficer.id]),
    );
    expect(foreign.status).toBe(422);
    expect(foreign.body.error?.code).toBe('SUBMISSION.FOREIGN_AUTHOR');
    expect(foreign.body.error?.message).toContain('郑信息（南关镇中心校）');
    expect(foreign.body.error?.details).toMatchObject({ path: 'coAuthorIds' });

    // A school's item: its township's officer is not a colleague of the school.
    const me = await db.person.findUniqueOrThrow({ where: { username: 'cg_officer' } });
    const upward = await api.call<Detail>(
      'school_officer',
      'POST',
      '/submissions',
      item('第一小学开展读书节', [me.id]),
    );
    expect(upward.status).toBe(422);
    expect(upward.body.error?.code).toBe('SUBMISSION.FOREIGN_AUTHOR');

    const unknown = await api.call<Detail>(
      'cg_officer',
      'POST',
      '/submissions',
      item('城关镇中心校开展诗歌朗诵会', ['no-such-person']),
    );
    expect(unknown.status).toBe(422);
    expect(unknown.body.error?.code).toBe('SUBMISSION.UNKNOWN_AUTHOR');
    expect(unknown.body.error?.details).toMatchObject({ path: 'coAuthorIds' });
    expect(await db.submission.count()).toBe(before);
  });
});

describe('changing the co-authors of an item (rules §5.5)', () => {
  async function aDraft(title: string, coAuthorIds: string[] = []): Promise<Detail> {
    const created = await api.call<Detail>(
      'cg_officer',
      'POST',
      '/submissions',
      item(title, coAuthorIds),
    );
    expect(created.status).toBe(201);
    return created.body;
  }
  const authorRows = (submissionId: string) =>
    db.submissionAuthor.findMany({ where: { submissionId }, orderBy: { position: 'asc' } });

  it('replaces the co-authors of a draft, the creator first, with the audit entry', async () => {
    const draft = await aDraft('城关镇中心校开展教师读书分享会', [county.cgDeputy.id]);
    const creator = draft.authors[0]?.id;
    const changed = await api.call<Detail>('cg_officer', 'PATCH', `/submissions/${draft.id}`, {
      coAuthorIds: [county.schoolOfficer.id, creator],
      expectedVersion: draft.version,
    });
    expect(changed.status).toBe(200);
    expect(changed.body.authors.map((a) => a?.name)).toEqual(['李信息', '孙老师']);
    expect(changed.body.version).toBe(draft.version + 1);
    // The authors are not content: no new revision.
    expect(changed.body.revision).toBe(draft.revision);
    expect((await authorRows(draft.id)).map((r) => [r.personId, r.position])).toEqual([
      [creator, 0],
      [county.schoolOfficer.id, 1],
    ]);
    // The list reads the authors from the row's own copy: the same people, in the same order.
    expect(await listedAuthors(draft.id)).toEqual([creator, county.schoolOfficer.id]);
    const entry = await db.auditLog.findFirstOrThrow({
      where: { entityId: draft.id, action: 'submission.edit' },
    });
    expect(JSON.parse(entry.before ?? '{}').authorIds).toEqual([creator, county.cgDeputy.id]);
    expect(JSON.parse(entry.after ?? '{}').authorIds).toEqual([creator, county.schoolOfficer.id]);

    // Content and co-authors in one edit; an empty list leaves the creator alone.
    const both = await api.call<Detail>('cg_officer', 'PATCH', `/submissions/${draft.id}`, {
      title: '城关镇中心校开展教师读书分享活动',
      coAuthorIds: [],
      expectedVersion: changed.body.version,
    });
    expect(both.status).toBe(200);
    expect(both.body).toMatchObject({ title: '城关镇中心校开展教师读书分享活动' });
    expect(both.body.authors.map((a) => a?.id)).toEqual([creator]);
    expect(both.body.revision).toBe(draft.revision + 1);
    expect(await listedAuthors(draft.id)).toEqual([creator]);
  });

  it('is refused once the item is under review, naming the field, changing nothing', async () => {
    const draft = await aDraft('城关镇中心校开展家长开放日', [county.cgDeputy.id]);
    const submitted = await api.call<Detail>(
      'cg_officer',
      'POST',
      `/submissions/${draft.id}/submit`,
      {},
    );
    expect(submitted.status).toBe(200);
    const refused = await api.call<Detail>('cg_officer', 'PATCH', `/submissions/${draft.id}`, {
      title: '城关镇中心校开展家长开放日活动',
      coAuthorIds: [county.schoolOfficer.id],
      expectedVersion: submitted.body.version,
    });
    expect(refused.status).toBe(422);
    expect(refused.body.error?.code).toBe('SUBMISSION.AUTHORS_FIXED');
    expect(refused.body.error?.message).toBe(
      '稿件当前状态为“单位审核中”，合作作者只能在草稿或已退回时修改',
    );
    expect(refused.body.error?.details).toMatchObject({ path: 'coAuthorIds' });
    const after = await api.call<Detail>('cg_officer', 'GET', `/submissions/${draft.id}`);
    expect(after.body.title).toBe('城关镇中心校开展家长开放日');
    expect(after.body.version).toBe(submitted.body.version);
    expect((await authorRows(draft.id)).map((r) => r.personId)).toEqual([
      draft.authors[0]?.id,
      county.cgDeputy.id,
    ]);
  });

  it('refuses a person of another unit or nobody at all, changing nothing', async () => {
    const draft = await aDraft('城关镇中心校开展冬季运动会', [county.cgDeputy.id]);
    const audits = await db.auditLog.count({ where: { entityId: draft.id } });
    const foreign = await api.call<Detail>('cg_officer', 'PATCH', `/submissions/${draft.id}`, {
      title: '城关镇中心校举办冬季运动会',
      coAuthorIds: [county.cgDeputy.id, county.ngOfficer.id],
      expectedVersion: draft.version,
    });
    expect(foreign.status).toBe(422);
    expect(foreign.body.error?.code).toBe('SUBMISSION.FOREIGN_AUTHOR');
    expect(foreign.body.error?.message).toContain('郑信息（南关镇中心校）');
    expect(foreign.body.error?.details).toMatchObject({ path: 'coAuthorIds' });

    const unknown = await api.call<Detail>('cg_officer', 'PATCH', `/submissions/${draft.id}`, {
      coAuthorIds: ['no-such-person'],
      expectedVersion: draft.version,
    });
    expect(unknown.status).toBe(422);
    expect(unknown.body.error?.code).toBe('SUBMISSION.UNKNOWN_AUTHOR');
    expect(unknown.body.error?.details).toMatchObject({ path: 'coAuthorIds' });

    const after = await api.call<Detail>('cg_officer', 'GET', `/submissions/${draft.id}`);
    expect(after.body).toMatchObject({ title: draft.title, version: draft.version });
    expect(after.body.authors.map((a) => a?.id)).toEqual(draft.authors.map((a) => a?.id));
    expect(await db.auditLog.count({ where: { entityId: draft.id } })).toBe(audits);
  });

  it('is refused to someone who may not edit the item', async () => {
    const draft = await aDraft('城关镇中心校开展书法比赛');
    const stranger = await api.call<Detail>('cg_deputy', 'PATCH', `/submissions/${draft.id}`, {
      coAuthorIds: [county.ngOfficer.id],
      expectedVersion: draft.version,
    });
    expect(stranger.status).toBe(403);
    expect((await authorRows(draft.id)).map((r) => r.personId)).toEqual([draft.authors[0]?.id]);
  });

  it("keeps every item's own copy of its authors equal to its author rows", async () => {
    const items = await db.submission.findMany({
      select: { id: true, authorIds: true, authors: { orderBy: { position: 'asc' } } },
    });
    expect(items.length).toBeGreaterThan(3);
    for (const i of items) {
      expect(JSON.parse(i.authorIds), i.id).toEqual(i.authors.map((a) => a.personId));
    }
  });
});

/** The authors of an item as the list shows them. */
async function listedAuthors(id: string): Promise<(string | undefined)[] | undefined> {
  const page = await api.call<SubmissionPage>('cg_officer', 'GET', '/submissions?pageSize=100');
  expect(page.status).toBe(200);
  return page.body.items.find((i) => i.id === id)?.authors.map((a) => a.id);
}
