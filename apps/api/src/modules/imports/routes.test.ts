import type { Db } from '@jyxc/db';
import ExcelJS from 'exceljs';
import JSZip from 'jszip';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  type ApiCaller,
  apiCaller,
  freshDatabase,
  login,
  testApp,
  workflowCounty,
} from '../../../test/support.js';
import { MAX_IMPORT_ROWS } from './workbook.js';

type App = ReturnType<typeof testApp>;
type Cells = readonly (string | number)[];

interface PreviewRow {
  row: number;
  status: 'new' | 'unchanged' | 'invalid';
  errors: { field: string; message: string }[];
}
interface Preview {
  valid: boolean;
  units: { rows: PreviewRow[]; counts: { new: number; unchanged: number; invalid: number } };
  people: { rows: PreviewRow[]; counts: { new: number; unchanged: number; invalid: number } };
}
interface Result {
  units: { created: number; unchanged: number };
  people: { created: number; unchanged: number };
  passwords: { username: string; password: string; unit: string }[];
}
interface ErrorBody {
  error: { code: string; message: string };
}

const UNIT_HEADER = [
  '单位名称',
  '单位类型',
  '上级单位',
  '单位代码',
  '教职工人数',
  '学生人数',
  '直报点',
];
const PEOPLE_HEADER = ['姓名', '用户名', '所属单位', '职责', '手机号'];
const BUREAU = '清河县教育和体育局';

let db: Db;
let app: App;
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

/** A workbook as a person fills the template: the header row, then `rows`. */
async function workbook(
  units: readonly Cells[],
  people: readonly Cells[] = [],
  edit?: (book: ExcelJS.Workbook) => void,
): Promise<Uint8Array> {
  const book = new ExcelJS.Workbook();
  const u = book.addWorksheet('单位');
  u.addRow(UNIT_HEADER);
  for (const row of units) u.addRow([...row]);
  const p = book.addWorksheet('人员');
  p.addRow(PEOPLE_HEADER);
  for (const row of people) p.addRow([...row]);
  edit?.(book);
  return new Uint8Array(await book.xlsx.writeBuffer());
}

async function send<T>(
  path: 'preview' | 'commit',
  bytes: Uint8Array,
  user = 'admin',
  name = '导入.xlsx',
): Promise<{ status: number; body: T & Partial<ErrorBody> }> {
  const form = new FormData();
  form.append('file', new File([new Uint8Array(bytes)], name));
  const response = await app.request(`/api/imports/${path}`, {
    method: 'POST',
    headers: { cookie: await caller.cookie(user), origin: 'http://localhost' },
    body: form,
  });
  const body = JSON.parse(await response.text()) as T & Partial<ErrorBody>;
  return { status: response.status, body };
}

async function counts() {
  const [units, people, audits] = await Promise.all([
    db.unit.count(),
    db.person.count(),
    db.auditLog.count({ where: { action: 'import.commit' } }),
  ]);
  return { units, people, audits };
}

/** The messages of row `row` of the preview's `sheet`. */
function errorsOf(preview: Preview, sheet: 'units' | 'people', row: number): string[] {
  return (preview[sheet].rows.find((r) => r.row === row)?.errors ?? []).map(
    (e) => `${e.field}：${e.message}`,
  );
}

describe('the import template', () => {
  it('has both sheets with a filled example row, the kinds as a list and a notes sheet', async () => {
    const response = await app.request('/api/imports/template', {
      headers: { cookie: await caller.cookie('admin') },
    });
    expect(response.status).toBe(200);
    const book = new ExcelJS.Workbook();
    await book.xlsx.load(await response.arrayBuffer());
    const units = book.getWorksheet('单位');
    expect(units?.getRow(1).values).toEqual([undefined, ...UNIT_HEADER]);
    expect(units?.getCell('C2').value).toBe(BUREAU);
    expect(units?.getCell('B2').dataValidation.formulae).toEqual(['"乡镇中心校,局直单位,学校"']);
    expect(book.getWorksheet('人员')?.getCell('B2').value).toBe('cgzx_zhangsan');
    const notes = book.getWorksheet('填写说明');
    const text = notes?.getColumn(2).values.join('\n') ?? '';
    expect(text).toContain('一把手、分管领导、信息员、舆情责任人');
  });

  it('is for administrators only', async () => {
    const response = await app.request('/api/imports/template', {
      headers: { cookie: await caller.cookie('cg_officer') },
    });
    expect(response.status).toBe(403);
  });
});

describe('a preview names each row’s errors in Chinese and writes nothing', () => {
  it('flags unknown parents, duplicates, bad phones, unknown roles and a school under a direct unit', async () => {
    const before = await counts();
    const bytes = await workbook(
      [
        ['北关镇中心校', '乡镇中心校', BUREAU, '', 60, 0, '否'], // 2 fine
        ['县实验中学', '局直单位', '', '', 90, 1200, ''], // 3 fine: parent left empty = bureau
        ['县实验中学附属小学', '学校', '县实验中学', '', 10, 100, ''], // 4 school under a direct unit
        ['西关镇第一小学', '学校', '西关镇中心校', '', 10, 100, ''], // 5 unknown parent
        ['北关镇中心校', '乡镇中心校', BUREAU, '', 1, 0, ''], // 6 duplicate of row 2
        ['城关镇中心校', '学校', '北关镇中心校', '', '', '', ''], // 7 clashes with an existing unit
        ['北关镇第一小学', '小学', '北关镇中心校', '', -3, 0, '也许'], // 8 kind, count, yes/no
      ],
      [
        ['赵一', 'bg_zhaoyi', '北关镇中心校', '一把手、信息员', '13800001111'], // 2 fine
        ['钱二', 'bg_qianer', '北关镇中心校', '校长', '1380000abcd'], // 3 role, phone
        ['孙三', 'BG_ZHAOYI', '北关镇中心校', '', ''], // 4 duplicate username (case)
        ['李四', 'cg_officer', '城关镇中心校', '信息员', ''], // 5 taken by another person
        ['周五', 'bg_zhouwu', '东关镇中心校', '', ''], // 6 unknown unit
        ['吴六', 'bg_wuliu', '北关镇中心校', '局领导', ''], // 7 bureau role in a township
      ],
    );
    const { status, body } = await send<Preview>('preview', bytes);
    expect(status).toBe(200);
    expect(body.valid).toBe(false);
    expect(errorsOf(body, 'units', 2)).toEqual([]);
    expect(errorsOf(body, 'units', 3)).toEqual([]);
    expect(errorsOf(body, 'units', 4)).toEqual([
      '上级单位：学校的上级须为乡镇中心校，“县实验中学”是局直单位',
    ]);
    expect(errorsOf(body, 'units', 5)).toEqual([
      '上级单位：上级单位“西关镇中心校”不存在（系统和本文件中都没有）',
    ]);
    expect(errorsOf(body, 'units', 6)).toEqual(['单位名称：与第 2 行的单位名称重复']);
    expect(errorsOf(body, 'units', 7)[0]).toMatch(
      /^单位名称：系统中已有单位“城关镇中心校”（乡镇中心校/,
    );
    expect(errorsOf(body, 'units', 8)).toEqual([
      '单位类型：未知的单位类型“小学”，可选：乡镇中心校、局直单位、学校',
      '教职工人数：教职工人数须为非负整数',
      '直报点：直报点请填“是”或“否”',
    ]);
    expect(errorsOf(body, 'people', 2)).toEqual([]);
    expect(errorsOf(body, 'people', 3)).toEqual([
      '手机号：手机号“1380000abcd”格式不正确（5–20 位数字，可含 +、- 和空格）',
      '职责：未知职责“校长”，可选：一把手、分管领导、信息员、舆情责任人、宣传股审核员、局领导、系统管理员',
    ]);
    expect(errorsOf(body, 'people', 4)).toEqual(['用户名：与第 2 行的用户名重复']);
    expect(errorsOf(body, 'people', 5)[0]).toMatch(
      /^用户名：用户名“cg_officer”已被城关镇中心校的李信息使用/,
    );
    expect(errorsOf(body, 'people', 6)).toEqual([
      '所属单位：单位“东关镇中心校”不存在（系统和本文件“单位”表中都没有）',
    ]);
    expect(errorsOf(body, 'people', 7)).toEqual([
      '职责：局领导是局机关的职责，基层单位人员不能担任',
    ]);
    expect(body.units.counts).toEqual({ new: 2, unchanged: 0, invalid: 5 });

    // Confirming the same file is refused as a whole.
    const commit = await send<Result>('commit', bytes);
    expect(commit.status).toBe(422);
    expect(commit.body.error?.code).toBe('IMPORT.HAS_ERRORS');
    expect(commit.body.error?.message).toContain('没有导入任何数据');
    expect(await counts()).toEqual(before);
  });

  it('refuses what is not a workbook, or a workbook it cannot trust, with a message each', async () => {
    const before = await counts();
    const cases: [string, Uint8Array, number, string, RegExp][] = [
      [
        'text',
        new TextEncoder().encode('单位名称,单位类型\n'),
        422,
        'IMPORT.NOT_XLSX',
        /不是 Excel 工作簿/,
      ],
      [
        'a zip',
        await new JSZip().file('a.txt', 'x').generateAsync({ type: 'uint8array' }),
        422,
        'IMPORT.NOT_XLSX',
        /不是 Excel 工作簿/,
      ],
      ['an empty sheet', await workbook([]), 422, 'IMPORT.EMPTY', /没有数据行/],
      [
        'no sheet of the template',
        await (async () => {
          const book = new ExcelJS.Workbook();
          book.addWorksheet('Sheet1').addRow(['a']);
          return new Uint8Array(await book.xlsx.writeBuffer());
        })(),
        422,
        'IMPORT.NO_SHEET',
        /没有“单位”或“人员”工作表/,
      ],
      [
        'formulas',
        await workbook([['北关镇中心校', '乡镇中心校', BUREAU, '', 60, 0, '否']], [], (book) => {
          book.getWorksheet('单位')!.getCell('E2').value = { formula: '50+10', result: 60 };
        }),
        422,
        'IMPORT.FORMULAS',
        /含有公式（E2）/,
      ],
      [
        'merged cells',
        await workbook(
          [
            ['北关镇第一小学', '学校', '城关镇中心校', '', 1, 0, '否'],
            ['北关镇第二小学', '学校', '', '', 1, 0, '否'],
          ],
          [],
          (book) => book.getWorksheet('单位')!.mergeCells('C2:C3'),
        ),
        422,
        'IMPORT.MERGED_CELLS',
        /合并的单元格（C2:C3）/,
      ],
      [
        '50,000 rows',
        await workbook(
          Array.from({ length: 50_000 }, (_, i) => [`学校${i}`, '学校', '城关镇中心校']),
        ),
        422,
        'IMPORT.TOO_MANY_ROWS',
        new RegExp(`一次最多导入 ${MAX_IMPORT_ROWS.toLocaleString('zh-CN')} 行`),
      ],
      [
        'a 20 MB file',
        new Uint8Array(20 * 1024 * 1024),
        413,
        'REQUEST.TOO_LARGE',
        /请求内容过大（最多 6 MB）/,
      ],
      [
        'a 5.5 MB file',
        new Uint8Array(5.5 * 1024 * 1024),
        413,
        'IMPORT.TOO_LARGE',
        /文件不能超过 5 MB/,
      ],
    ];
    for (const [what, bytes, status, code, message] of cases) {
      for (const path of ['preview', 'commit'] as const) {
        const reply = await send<Preview>(path, bytes);
        expect({ what, path, status: reply.status, code: reply.body.error?.code }).toEqual({
          what,
          path,
          status,
          code,
        });
        expect(reply.body.error?.message).toMatch(message);
      }
    }
    expect(await counts()).toEqual(before);
  }, 60_000);

  it('is refused to anyone but an administrator', async () => {
    const bytes = await workbook([['北关镇中心校', '乡镇中心校', BUREAU]]);
    expect((await send('preview', bytes, 'reviewer')).status).toBe(403);
    expect((await send('commit', bytes, 'cg_officer')).status).toBe(403);
  });
});

describe('an import', () => {
  const units: Cells[] = [
    ['东关镇中心校', '乡镇中心校', BUREAU, 'dg', 70, 0, '否'],
    ['东关镇第一小学', '学校', '东关镇中心校', '', 30, 600, '是'],
    ['城关镇第四小学', '学校', '城关镇中心校', '', 25, 400, ''],
  ];
  const people: Cells[] = [
    ['冯校长', 'dg_head', '东关镇中心校', '一把手', '13900001111'],
    ['陈信息', 'dg_officer', '东关镇第一小学', '信息员、舆情责任人', ''],
    ['褚审核', 'bureau_chu', BUREAU, '审核员', ''],
    // Already in the database as it is: skipped.
    ['李信息', 'cg_officer', '城关镇中心校', '信息员', ''],
  ];

  it('writes every row in one go, audited, and gives each new person an initial password once', async () => {
    const before = await counts();
    const bytes = await workbook(units, people);
    const preview = await send<Preview>('preview', bytes);
    expect(preview.body.valid).toBe(true);
    expect(preview.body.people.counts).toEqual({ new: 3, unchanged: 1, invalid: 0 });
    expect(await counts()).toEqual(before);

    const { status, body } = await send<Result>('commit', bytes, 'admin', '东关镇.xlsx');
    expect(status).toBe(200);
    expect(body.units).toEqual({ created: 3, unchanged: 0 });
    expect(body.people).toEqual({ created: 3, unchanged: 1 });
    expect(await counts()).toEqual({
      units: before.units + 3,
      people: before.people + 3,
      audits: before.audits + 1,
    });
    const school = await db.unit.findFirstOrThrow({
      where: { name: '东关镇第一小学' },
      include: { parent: true },
    });
    expect(school.parent?.code).toBe('dg');
    expect(school.directReporting).toBe(true);
    const officer = await db.person.findUniqueOrThrow({
      where: { username: 'dg_officer' },
      include: { roles: true },
    });
    expect(officer.unitId).toBe(school.id);
    expect(officer.roles.map((r) => r.role).sort()).toEqual(['officer', 'opinion_officer']);
    const entry = await db.auditLog.findFirstOrThrow({ where: { action: 'import.commit' } });
    expect(JSON.parse(entry.after ?? '{}')).toEqual({
      fileName: '东关镇.xlsx',
      unitsCreated: 3,
      unitsUnchanged: 0,
      peopleCreated: 3,
      peopleUnchanged: 1,
    });

    // The initial password is stored only as a hash, and works.
    const initial = body.passwords.find((p) => p.username === 'dg_officer');
    expect(initial?.unit).toBe('东关镇第一小学');
    expect(officer.passwordHash).not.toContain(initial?.password ?? '-');
    const { response } = await login(app, 'dg_officer', initial?.password ?? '');
    expect(response.status).toBe(200);
  });

  it('changes nothing when the same file comes again', async () => {
    const before = await counts();
    const bytes = await workbook(units, people);
    const preview = await send<Preview>('preview', bytes);
    expect(preview.body.valid).toBe(true);
    expect(preview.body.units.counts).toEqual({ new: 0, unchanged: 3, invalid: 0 });
    expect(preview.body.people.counts).toEqual({ new: 0, unchanged: 4, invalid: 0 });
    const { status, body } = await send<Result>('commit', bytes);
    expect(status).toBe(200);
    expect(body.passwords).toEqual([]);
    expect({ units: body.units.created, people: body.people.created }).toEqual({
      units: 0,
      people: 0,
    });
    // Only the audit entry of the second attempt is new.
    expect(await counts()).toEqual({ ...before, audits: before.audits + 1 });
  });
});
