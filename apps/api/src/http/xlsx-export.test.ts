import type { Db } from '@jyxc/db';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  type ApiCaller,
  apiCaller,
  freshDatabase,
  testApp,
  workflowCounty,
} from '../../test/support.js';

let db: Db;
let app: ReturnType<typeof testApp>;
let caller: ApiCaller;

beforeAll(async () => {
  ({ db } = await freshDatabase());
  await workflowCounty(db);
  app = testApp(db);
  caller = apiCaller(app, { base: '/api' });
});

afterAll(async () => {
  await db.$disconnect();
});

async function download(user: string, path: string) {
  const response = await app.request(`/api${path}`, {
    headers: { cookie: await caller.cookie(user) },
  });
  return response;
}

async function sheetRows(response: Response): Promise<string[][]> {
  const book = new ExcelJS.Workbook();
  await book.xlsx.load(await response.arrayBuffer());
  const sheet = book.worksheets[0];
  const rows: string[][] = [];
  sheet?.eachRow((row) => {
    rows.push(
      (row.values as unknown[])
        .slice(1)
        .map((v) => (v === null || v === undefined ? '' : String(v))),
    );
  });
  return rows;
}

describe('list exports (DESIGN §6: every list can be exported to Excel)', () => {
  it('gives the people list with Chinese headers and the same rows as the screen', async () => {
    const list = await caller.call<{ total: number; items: { username: string }[] }>(
      'admin',
      'GET',
      '/people?role=officer&pageSize=200',
    );
    const response = await download('admin', '/people/export?role=officer');
    expect(response.status).toBe(200);
    expect(response.headers.get('content-disposition')).toContain(
      encodeURIComponent('人员名单.xlsx'),
    );
    const rows = await sheetRows(response);
    expect(rows[0]).toEqual([
      '姓名',
      '用户名',
      '单位',
      '单位类型',
      '职责',
      '电话',
      '状态',
      '已绑定聊天账号',
    ]);
    expect(rows.slice(1).map((r) => r[1])).toEqual(list.body.items.map((p) => p.username));
    expect(rows.slice(1).every((r) => r[4]?.includes('信息员'))).toBe(true);
  });

  it('keeps to the viewer’s scope: a township officer never gets another township’s people', async () => {
    const rows = await sheetRows(await download('cg_officer', '/people/export'));
    const units = new Set(rows.slice(1).map((r) => r[2]));
    expect(units.has('南关镇中心校')).toBe(false);
    expect(units.has('城关镇中心校')).toBe(true);
    const refused = await download(
      'cg_officer',
      `/people/export?unitId=${(await db.unit.findFirstOrThrow({ where: { code: 't-ng' } })).id}`,
    );
    expect(refused.status).toBe(403);
  });

  it('refuses the audit log to anyone but an administrator, and labels its actions in Chinese', async () => {
    expect((await download('reviewer', '/audit/export')).status).toBe(403);
    const rows = await sheetRows(await download('admin', '/audit/export'));
    expect(rows[0]?.slice(0, 4)).toEqual(['时间', '操作人', '操作', '对象']);
    expect(rows.slice(1).map((r) => r[2])).toContain('登录');
  });

  it('pages through a list longer than one page', async () => {
    const bureau = await db.unit.findFirstOrThrow({ where: { kind: 'bureau' } });
    const township = await db.unit.findFirstOrThrow({ where: { code: 't-cg' } });
    await db.person.createMany({
      data: Array.from({ length: 450 }, (_, i) => ({
        name: `教师${i}`,
        username: `bulk_${String(i).padStart(3, '0')}`,
        unitId: i % 2 === 0 ? township.id : bureau.id,
      })),
    });
    const list = await caller.call<{ total: number }>('admin', 'GET', '/people?pageSize=1');
    const rows = await sheetRows(await download('admin', '/people/export'));
    expect(rows.length - 1).toBe(list.body.total);
    expect(new Set(rows.slice(1).map((r) => r[1])).size).toBe(list.body.total);
  });

  it('answers each list page’s export with a workbook', async () => {
    const campaign = await db.campaign.findFirst();
    const paths = [
      '/submissions/export',
      '/adoptions/export',
      '/evaluation/export',
      '/evaluation/officers/export',
      '/incidents/export',
      ...(campaign
        ? [`/campaigns/${campaign.id}/records/export`, `/campaigns/${campaign.id}/progress/export`]
        : []),
    ];
    for (const path of paths) {
      const response = await download('admin', path);
      expect({ path, status: response.status }).toEqual({ path, status: 200 });
      const rows = await sheetRows(response);
      expect(rows[0]?.length, path).toBeGreaterThan(3);
    }
  });
});
