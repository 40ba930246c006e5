import type { Db } from '@jyxc/db';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  type ApiCaller,
  apiCaller,
  freshDatabase,
  login,
  PASSWORD,
  testApp,
  testClock,
  workflowCounty,
} from '../../../test/support.js';

type County = Awaited<ReturnType<typeof workflowCounty>>;
type App = ReturnType<typeof testApp>;

interface UnitNode {
  id: string;
  name: string;
  kind: string;
  directReporting: boolean;
  staffCount: number;
  roles: Record<string, { id: string; name: string }[]>;
  gaps: { code: string; unitId: string }[];
  children: UnitNode[];
}
interface ErrorBody {
  error: {
    code: string;
    message: string;
    details?: { path?: string; issues?: { path: string }[] };
  };
}
interface PersonBody {
  id: string;
  username: string;
  roles: string[];
  active: boolean;
  unit: { id: string };
}

let db: Db;
let county: County;
let app: App;
let caller: ApiCaller;

function as(username: string): Promise<string> {
  return caller.cookie(username);
}

function call<T>(username: string | null, method: string, path: string, body?: unknown) {
  return caller.call<T>(username, method, path, body);
}

function flatten(nodes: readonly UnitNode[]): UnitNode[] {
  return nodes.flatMap((n) => [n, ...flatten(n.children)]);
}

beforeAll(async () => {
  ({ db } = await freshDatabase());
  county = await workflowCounty(db);
  app = testApp(db, testClock());
  caller = apiCaller(app, { base: '/api' });
});
afterAll(async () => {
  await db.$disconnect();
});

describe('the unit tree', () => {
  it('shows the bureau the whole county under itself', async () => {
    const { status, body } = await call<{ items: UnitNode[]; total: number }>(
      'admin',
      'GET',
      '/units',
    );
    expect(status).toBe(200);
    expect(body.items.map((u) => u.kind)).toEqual(['bureau']);
    expect(body.total).toBe(6);
    const bureau = body.items[0];
    expect(bureau?.children.map((u) => u.name).sort()).toEqual(['南关镇中心校', '城关镇中心校']);
    const cg = bureau?.children.find((u) => u.id === county.township.id);
    expect(cg?.children).toHaveLength(3);
    expect(cg?.roles.officer?.map((p) => p.name)).toEqual(['李信息']);
    expect(flatten(body.items).find((u) => u.id === county.schoolDirect.id)?.directReporting).toBe(
      true,
    );
  });

  it('shows a township center its own schools and nothing of the other township', async () => {
    const { body } = await call<{ items: UnitNode[]; total: number }>(
      'cg_officer',
      'GET',
      '/units',
    );
    expect(body.items.map((u) => u.id)).toEqual([county.township.id]);
    expect(body.total).toBe(4);
    const ids = flatten(body.items).map((u) => u.id);
    expect(ids).toContain(county.schoolA.id);
    expect(ids).not.toContain(county.ng.id);
    expect(ids).not.toContain(county.bureau.id);
  });

  it("shows a school only itself, not its township's other schools", async () => {
    const { body } = await call<{ items: UnitNode[]; total: number }>(
      'school_officer',
      'GET',
      '/units',
    );
    expect(body.total).toBe(1);
    expect(body.items.map((u) => u.id)).toEqual([county.schoolA.id]);
    expect(body.items[0]?.children).toEqual([]);
    const sibling = await call<ErrorBody>('school_officer', 'GET', `/units/${county.schoolB.id}`);
    expect(sibling.status).toBe(403);
    expect(sibling.body.error.code).toBe('FORBIDDEN.UNIT');
    const parent = await call<ErrorBody>('school_officer', 'GET', `/units/${county.township.id}`);
    expect(parent.status).toBe(403);
  });

  it('answers 404 for a unit that does not exist and 401 for nobody', async () => {
    expect((await call('admin', 'GET', '/units/nope')).status).toBe(404);
    expect((await call(null, 'GET', '/units')).status).toBe(401);
  });
});

describe('accountability gaps', () => {
  it('flags a township without a deputy, in the tree and in the gap list', async () => {
    const tree = await call<{ items: UnitNode[] }>('admin', 'GET', '/units');
    const ng = flatten(tree.body.items).find((u) => u.id === county.ng.id);
    expect(ng?.gaps.map((g) => g.code)).toContain('MISSING_DEPUTY');
    const cg = flatten(tree.body.items).find((u) => u.id === county.township.id);
    expect(cg?.gaps.map((g) => g.code)).not.toContain('MISSING_DEPUTY');

    const gaps = await call<{ items: { unitId: string; code: string; unitName: string }[] }>(
      'admin',
      'GET',
      '/gaps',
    );
    expect(gaps.status).toBe(200);
    expect(gaps.body.items).toContainEqual(
      expect.objectContaining({
        unitId: county.ng.id,
        code: 'MISSING_DEPUTY',
        unitName: '南关镇中心校',
      }),
    );
  });

  it('lists only the gaps of units the person may see', async () => {
    const gaps = await call<{ items: { unitId: string }[] }>('ng_officer', 'GET', '/gaps');
    expect(gaps.body.items.length).toBeGreaterThan(0);
    expect(new Set(gaps.body.items.map((g) => g.unitId))).toEqual(new Set([county.ng.id]));
  });

  it('closes a gap once an administrator gives someone the missing role', async () => {
    const deputy = await call<PersonBody>('admin', 'POST', '/people', {
      name: '冯分管',
      unitId: county.ng.id,
      username: 'ng_deputy',
      password: 'a-long-password',
      roles: ['deputy'],
    });
    expect(deputy.status).toBe(201);
    const gaps = await call<{ items: { unitId: string; code: string }[] }>('admin', 'GET', '/gaps');
    expect(gaps.body.items).not.toContainEqual(
      expect.objectContaining({ unitId: county.ng.id, code: 'MISSING_DEPUTY' }),
    );
  });
});

describe('administering units', () => {
  it('creates a school under a township center and records who did it', async () => {
    const created = await call<UnitNode>('admin', 'POST', '/units', {
      name: '城关镇第四小学',
      kind: 'school',
      parentId: county.township.id,
      staffCount: 30,
    });
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({ kind: 'school', staffCount: 30, directReporting: false });
    const entry = await db.auditLog.findFirst({
      where: { action: 'unit.create', entityId: created.body.id },
    });
    expect(entry?.actorId).toBe(county.admin.id);
    const visible = await call<{ items: UnitNode[] }>('cg_officer', 'GET', '/units');
    expect(flatten(visible.body.items).map((u) => u.id)).toContain(created.body.id);
  });

  it('refuses a parent of the wrong kind', async () => {
    const count = await db.unit.count();
    const school = await call<ErrorBody>('admin', 'POST', '/units', {
      name: '无上级小学',
      kind: 'school',
      parentId: county.bureau.id,
    });
    expect(school.status).toBe(422);
    expect(school.body.error.code).toBe('UNIT.PARENT_KIND');
    const township = await call<ErrorBody>('admin', 'POST', '/units', {
      name: '错挂中心校',
      kind: 'township_center',
      parentId: county.township.id,
    });
    expect(township.status).toBe(422);
    const bureau = await call<ErrorBody>('admin', 'POST', '/units', {
      name: '第二个教体局',
      kind: 'bureau',
      parentId: county.bureau.id,
    });
    expect(bureau.status).toBe(422);
    expect(await db.unit.count()).toBe(count);
  });

  it('makes a school a direct reporting point, but not a township center', async () => {
    const school = await call<UnitNode>('admin', 'PATCH', `/units/${county.schoolB.id}`, {
      directReporting: true,
      studentCount: 800,
    });
    expect(school.status).toBe(200);
    expect(school.body).toMatchObject({ directReporting: true, studentCount: 800 });
    const township = await call<ErrorBody>('admin', 'PATCH', `/units/${county.township.id}`, {
      directReporting: true,
    });
    expect(township.status).toBe(422);
    expect(township.body.error.code).toBe('UNIT.DIRECT_REPORTING_SCHOOL_ONLY');
    await call('admin', 'PATCH', `/units/${county.schoolB.id}`, { directReporting: false });
  });

  it('refuses unit changes by anyone but an administrator, changing nothing', async () => {
    for (const username of ['cg_officer', 'cg_head', 'reviewer']) {
      const patch = await call<ErrorBody>(username, 'PATCH', `/units/${county.township.id}`, {
        name: '改名',
      });
      expect(patch.status).toBe(403);
      expect(patch.body.error.code).toBe('FORBIDDEN.ADMIN_ONLY');
      const post = await call(username, 'POST', '/units', {
        name: '新校',
        kind: 'school',
        parentId: county.township.id,
      });
      expect(post.status).toBe(403);
    }
    expect((await db.unit.findUniqueOrThrow({ where: { id: county.township.id } })).name).toBe(
      '城关镇中心校',
    );
  });

  it('answers bad input with 400 naming the fields', async () => {
    const negative = await call<ErrorBody>('admin', 'PATCH', `/units/${county.schoolA.id}`, {
      staffCount: -1,
    });
    expect(negative.status).toBe(400);
    expect(negative.body.error.details?.issues?.map((i) => i.path)).toEqual(['staffCount']);
    expect(
      // A unit's kind is fixed; moving it is a parentId (below), never a new kind.
      (await call('admin', 'PATCH', `/units/${county.schoolA.id}`, { kind: 'township_center' }))
        .status,
    ).toBe(400);
    expect(
      (await call('admin', 'POST', '/units', { name: '', kind: 'castle', parentId: '' })).status,
    ).toBe(400);
    expect((await call('admin', 'POST', '/units', '{"name":')).status).toBe(400);
  });
});

describe('people', () => {
  it('lists the people a township sees, with filters by role, unit and text', async () => {
    const all = await call<{ items: PersonBody[]; total: number }>(
      'cg_officer',
      'GET',
      '/people?pageSize=100',
    );
    expect(all.status).toBe(200);
    const usernames = all.body.items.map((p) => p.username);
    expect(usernames).toEqual(
      expect.arrayContaining(['cg_officer', 'cg_head', 'school_officer', 'school_b_officer']),
    );
    expect(usernames).not.toContain('ng_officer');
    expect(usernames).not.toContain('admin');

    const officers = await call<{ items: PersonBody[] }>(
      'cg_officer',
      'GET',
      '/people?role=officer',
    );
    expect(officers.body.items.every((p) => p.roles.includes('officer'))).toBe(true);
    const text = await call<{ items: PersonBody[] }>(
      'admin',
      'GET',
      `/people?q=${encodeURIComponent('钱')}`,
    );
    expect(text.body.items.map((p) => p.username)).toEqual(['cg_head']);
    const unit = await call<{ items: PersonBody[] }>(
      'admin',
      'GET',
      `/people?unitId=${county.ng.id}`,
    );
    expect(unit.body.items.every((p) => p.unit.id === county.ng.id)).toBe(true);
    expect((await call('cg_officer', 'GET', `/people?unitId=${county.ng.id}`)).status).toBe(403);
    expect((await call('admin', 'GET', '/people?pageSize=100000')).status).toBe(400);
    expect((await call('admin', 'GET', '/people?role=king')).status).toBe(400);
  });

  it('creates a person who can log in with the initial password, stored as argon2id', async () => {
    const created = await call<PersonBody>('admin', 'POST', '/people', {
      name: '韩舆情',
      unitId: county.township.id,
      username: 'cg_opinion',
      password: 'initial-pass-1',
      roles: ['opinion_officer'],
    });
    expect(created.status).toBe(201);
    expect(created.body.roles).toEqual(['opinion_officer']);
    const row = await db.person.findUniqueOrThrow({ where: { id: created.body.id } });
    expect(row.passwordHash).toMatch(/^\$argon2id\$/);
    expect((await login(app, 'cg_opinion', 'initial-pass-1')).response.status).toBe(200);
    const entry = await db.auditLog.findFirst({
      where: { action: 'person.create', entityId: row.id },
    });
    expect(entry?.after).not.toContain('argon2');
  });

  it('refuses a taken username, a short password and a bureau role outside the bureau', async () => {
    const count = await db.person.count();
    const taken = await call<ErrorBody>('admin', 'POST', '/people', {
      name: '重名',
      unitId: county.township.id,
      username: 'cg_officer',
      password: 'long-enough-1',
    });
    expect(taken.status).toBe(409);
    expect(taken.body.error.code).toBe('PERSON.USERNAME_TAKEN');
    const short = await call<ErrorBody>('admin', 'POST', '/people', {
      name: '短密码',
      unitId: county.township.id,
      username: 'shorty',
      password: 'short',
    });
    expect(short.status).toBe(400);
    expect(short.body.error.details?.issues?.map((i) => i.path)).toEqual(['password']);
    const role = await call<ErrorBody>('admin', 'POST', '/people', {
      name: '越权',
      unitId: county.township.id,
      username: 'sneaky',
      password: 'long-enough-1',
      roles: ['admin'],
    });
    expect(role.status).toBe(422);
    expect(role.body.error.code).toBe('PERSON.ROLE_UNIT_MISMATCH');
    const forbidden = await call('cg_head', 'POST', '/people', {
      name: '自建',
      unitId: county.township.id,
      username: 'selfmade',
      password: 'long-enough-1',
    });
    expect(forbidden.status).toBe(403);
    expect(await db.person.count()).toBe(count);
  });

  it('changes roles and deactivates a person, ending their sessions', async () => {
    const cookie = await as('school_b_officer');
    const roles = await call<PersonBody>(
      'admin',
      'PATCH',
      `/people/${county.otherSchoolOfficer.id}`,
      {
        roles: ['officer', 'head'],
      },
    );
    expect(roles.status).toBe(200);
    expect(roles.body.roles).toEqual(['head', 'officer']);
    const off = await call<PersonBody>(
      'admin',
      'PATCH',
      `/people/${county.otherSchoolOfficer.id}`,
      { active: false },
    );
    expect(off.body.active).toBe(false);
    const me = await app.request('/api/auth/me', { headers: { cookie } });
    expect(me.status).toBe(401);
    expect(
      (
        await call('cg_officer', 'PATCH', `/people/${county.otherSchoolOfficer.id}`, {
          active: true,
        })
      ).status,
    ).toBe(403);
  });

  it('does not let an administrator lock themself out', async () => {
    const response = await call<ErrorBody>('admin', 'PATCH', `/people/${county.admin.id}`, {
      roles: ['reviewer'],
    });
    expect(response.status).toBe(422);
    expect(response.body.error.code).toBe('PERSON.SELF_LOCKOUT');
  });

  it('lets an administrator reset a password, which ends the person’s sessions', async () => {
    const old = await as('ng_head');
    const reset = await call('admin', 'POST', `/people/${county.ngHead.id}/reset-password`, {
      password: 'fresh-start-9',
    });
    expect(reset.status).toBe(200);
    expect((await app.request('/api/auth/me', { headers: { cookie: old } })).status).toBe(401);
    expect((await login(app, 'ng_head', PASSWORD)).response.status).toBe(401);
    expect((await login(app, 'ng_head', 'fresh-start-9')).response.status).toBe(200);
    expect(
      (
        await call('cg_head', 'POST', `/people/${county.ngHead.id}/reset-password`, {
          password: 'x'.repeat(10),
        })
      ).status,
    ).toBe(403);
  });

  it('lets a person change their own password, keeping this session and ending the others', async () => {
    const other = (await login(app, 'ng_officer')).cookie;
    const wrong = await call<ErrorBody>('ng_officer', 'POST', '/people/me/password', {
      currentPassword: 'not-it',
      newPassword: 'brand-new-pass',
    });
    expect(wrong.status).toBe(422);
    expect(wrong.body.error.code).toBe('AUTH.WRONG_PASSWORD');
    const short = await call('ng_officer', 'POST', '/people/me/password', {
      currentPassword: PASSWORD,
      newPassword: 'short',
    });
    expect(short.status).toBe(400);
    const changed = await call('ng_officer', 'POST', '/people/me/password', {
      currentPassword: PASSWORD,
      newPassword: 'brand-new-pass',
    });
    expect(changed.status).toBe(200);
    expect((await call('ng_officer', 'GET', '/units')).status).toBe(200);
    expect((await app.request('/api/auth/me', { headers: { cookie: other } })).status).toBe(401);
    expect((await login(app, 'ng_officer', 'brand-new-pass')).response.status).toBe(200);
    const row = await db.person.findUniqueOrThrow({ where: { username: 'ng_officer' } });
    expect(row.passwordHash).toMatch(/^\$argon2id\$/);
  });
});

describe('a changing organisation (DESIGN §7)', () => {
  interface AuditRow {
    action: string;
    before: string | null;
    after: string | null;
  }
  // The test clock stands still, so entries are found by their action, not their time.
  const auditOf = (entityId: string, action: string): Promise<AuditRow | null> =>
    db.auditLog.findFirst({ where: { entityId, action } });

  it('moves a school to another township center, audited with before and after', async () => {
    const moved = await call<UnitNode & { parentId: string }>(
      'admin',
      'PATCH',
      `/units/${county.schoolB.id}`,
      { parentId: county.ng.id, name: '南关镇第三小学', staffCount: 45 },
    );
    expect(moved.status).toBe(200);
    expect(moved.body).toMatchObject({ parentId: county.ng.id, name: '南关镇第三小学' });
    const entry = await auditOf(county.schoolB.id, 'unit.move');
    expect(entry).not.toBeNull();
    expect(JSON.parse(entry?.before ?? '{}')).toMatchObject({ parentId: county.township.id });
    expect(JSON.parse(entry?.after ?? '{}')).toMatchObject({
      parentId: county.ng.id,
      staffCount: 45,
    });
    // Its new township sees it at once; the old one no longer does.
    expect((await call('ng_officer', 'GET', `/units/${county.schoolB.id}`)).status).toBe(200);
    expect((await call('cg_officer', 'GET', `/units/${county.schoolB.id}`)).status).toBe(403);
  });

  it('refuses moving a unit into itself or its own school, the bureau, or under the wrong kind', async () => {
    const before = await db.unit.findMany({ orderBy: { id: 'asc' } });
    const into = await call<ErrorBody>('admin', 'PATCH', `/units/${county.township.id}`, {
      parentId: county.schoolA.id,
    });
    expect(into.status).toBe(422);
    expect(into.body.error).toMatchObject({
      code: 'UNIT.MOVE_INTO_DESCENDANT',
      details: { path: 'parentId' },
    });
    const self = await call<ErrorBody>('admin', 'PATCH', `/units/${county.ng.id}`, {
      parentId: county.ng.id,
    });
    expect(self.body.error.code).toBe('UNIT.MOVE_INTO_DESCENDANT');
    const bureau = await call<ErrorBody>('admin', 'PATCH', `/units/${county.bureau.id}`, {
      parentId: county.ng.id,
    });
    expect(bureau.body.error.code).toBe('UNIT.BUREAU_FIXED');
    const wrongKind = await call<ErrorBody>('admin', 'PATCH', `/units/${county.schoolA.id}`, {
      parentId: county.bureau.id,
    });
    expect(wrongKind.body.error.code).toBe('UNIT.PARENT_KIND');
    const unknown = await call<ErrorBody>('admin', 'PATCH', `/units/${county.schoolA.id}`, {
      parentId: 'no-such-unit',
    });
    expect(unknown.body.error.code).toBe('UNIT.PARENT_NOT_FOUND');
    expect(await db.unit.findMany({ orderBy: { id: 'asc' } })).toEqual(before);
  });

  it('merges a unit away (撤并) only when nothing is left hanging, and the gap list follows at once', async () => {
    const gapUnits = async () =>
      (await call<{ items: { unitId: string }[] }>('admin', 'GET', '/gaps')).body.items.map(
        (g) => g.unitId,
      );
    const bureau = await call<ErrorBody>('admin', 'PATCH', `/units/${county.bureau.id}`, {
      active: false,
    });
    expect(bureau.status).toBe(422);
    expect(bureau.body.error.code).toBe('UNIT.BUREAU_REQUIRED');
    const withSchools = await call<ErrorBody>('admin', 'PATCH', `/units/${county.township.id}`, {
      active: false,
    });
    expect(withSchools.body.error.code).toBe('UNIT.HAS_ACTIVE_CHILDREN');

    // A new school without an officer shows a gap at once.
    const created = await call<UnitNode>('admin', 'POST', '/units', {
      name: '南关镇教学点',
      kind: 'school',
      parentId: county.ng.id,
    });
    expect(await gapUnits()).toContain(created.body.id);

    // While one of its items is in review, it cannot be merged away.
    const item = await db.submission.create({
      data: {
        unitId: created.body.id,
        reviewUnitId: county.ng.id,
        category: 'news',
        title: '教学点开展读书活动',
        body: '正文',
        eventAt: new Date('2026-05-10T02:00:00Z'),
        state: 'unit_review',
        createdById: county.ngOfficer.id,
      },
    });
    const busy = await call<ErrorBody>('admin', 'PATCH', `/units/${created.body.id}`, {
      active: false,
    });
    expect(busy.status).toBe(422);
    expect(busy.body.error).toMatchObject({ code: 'UNIT.ITEMS_UNDER_REVIEW' });
    expect(busy.body.error.message).toContain('1 篇稿件正在审核中');
    expect((await db.unit.findUniqueOrThrow({ where: { id: created.body.id } })).active).toBe(true);

    await db.submission.update({ where: { id: item.id }, data: { state: 'adopted' } });
    const merged = await call<UnitNode & { active: boolean; deactivatedAt: string }>(
      'admin',
      'PATCH',
      `/units/${created.body.id}`,
      { active: false },
    );
    expect(merged.status).toBe(200);
    expect(merged.body.active).toBe(false);
    expect(merged.body.deactivatedAt).toEqual(expect.any(String));
    expect(await auditOf(created.body.id, 'unit.deactivate')).not.toBeNull();
    expect(await gapUnits()).not.toContain(created.body.id);

    // Nobody can be placed in a merged unit; restoring it clears the date.
    const placed = await call<ErrorBody>('admin', 'PATCH', `/people/${county.ngOfficer.id}`, {
      unitId: created.body.id,
    });
    expect(placed.body.error.code).toBe('PERSON.UNIT_INACTIVE');
    const restored = await call<{ deactivatedAt: string | null }>(
      'admin',
      'PATCH',
      `/units/${created.body.id}`,
      { active: true },
    );
    expect(restored.body.deactivatedAt).toBeNull();
    expect(await auditOf(created.body.id, 'unit.reactivate')).not.toBeNull();
  });

  it('moves a person to another unit with their duties, audited with before and after', async () => {
    const moved = await call<PersonBody>(
      'admin',
      'PATCH',
      `/people/${county.otherSchoolOfficer.id}`,
      {
        unitId: county.schoolA.id,
      },
    );
    expect(moved.status).toBe(200);
    expect(moved.body.unit.id).toBe(county.schoolA.id);
    expect(moved.body.roles).toContain('officer');
    const roles = await db.personRole.findMany({
      where: { personId: county.otherSchoolOfficer.id },
    });
    expect(new Set(roles.map((r) => r.unitId))).toEqual(new Set([county.schoolA.id]));
    const entry = await auditOf(county.otherSchoolOfficer.id, 'person.move');
    expect(entry).not.toBeNull();
    expect(JSON.parse(entry?.before ?? '{}')).toMatchObject({ unit: { id: county.schoolB.id } });
    expect(JSON.parse(entry?.after ?? '{}')).toMatchObject({ unit: { id: county.schoolA.id } });
  });
});
