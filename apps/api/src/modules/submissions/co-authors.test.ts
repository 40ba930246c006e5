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
import type { submissionDetail } from './queries.js';
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
