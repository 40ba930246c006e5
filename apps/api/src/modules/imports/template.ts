/**
 * The import template (DESIGN §6): one sheet for units, one for people, each with a filled
 * example row, drop-down lists where a cell has a fixed set of values, and a notes sheet that
 * lists every allowed value.
 */
import { ROLE_LABELS, UNIT_KIND_LABELS, type Role } from '@jyxc/domain';
import ExcelJS from 'exceljs';

export const UNIT_SHEET = '单位';
export const PEOPLE_SHEET = '人员';
const NOTES_SHEET = '填写说明';

export const UNIT_COLUMNS = [
  '单位名称',
  '单位类型',
  '上级单位',
  '单位代码',
  '教职工人数',
  '学生人数',
  '直报点',
] as const;
export const PEOPLE_COLUMNS = ['姓名', '用户名', '所属单位', '职责', '手机号'] as const;

/** Kinds a file may create: the bureau exists already (first run creates it). */
export const IMPORTABLE_KINDS = ['township_center', 'direct_unit', 'school'] as const;
export const YES = '是';
export const NO = '否';

const zh = ROLE_LABELS['zh-CN'];
const kindLabel = UNIT_KIND_LABELS['zh-CN'];

function header(sheet: ExcelJS.Worksheet, columns: readonly string[], widths: number[]): void {
  const row = sheet.addRow([...columns]);
  row.font = { bold: true };
  row.fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFDCE6F1' } };
  columns.forEach((_, i) => {
    sheet.getColumn(i + 1).width = widths[i] ?? 14;
  });
  sheet.views = [{ state: 'frozen', ySplit: 1 }];
}

function listValidation(sheet: ExcelJS.Worksheet, column: number, values: readonly string[]) {
  for (let r = 2; r <= 1_000; r += 1) {
    sheet.getCell(r, column).dataValidation = {
      type: 'list',
      allowBlank: true,
      formulae: [`"${values.join(',')}"`],
      showErrorMessage: true,
      errorTitle: '取值不在列表中',
      error: `请从列表中选择：${values.join('、')}`,
    };
  }
}

/** The template, its example rows using the county's real bureau name. */
export async function importTemplate(bureauName: string): Promise<Uint8Array> {
  const workbook = new ExcelJS.Workbook();
  workbook.creator = bureauName;

  const units = workbook.addWorksheet(UNIT_SHEET);
  header(units, UNIT_COLUMNS, [26, 14, 26, 14, 12, 12, 10]);
  units.addRow(['城关镇中心校', kindLabel.township_center, bureauName, '', 120, 0, NO]);
  units.addRow(['城关镇第一小学', kindLabel.school, '城关镇中心校', '', 45, 860, NO]);
  listValidation(
    units,
    2,
    IMPORTABLE_KINDS.map((k) => kindLabel[k]),
  );
  listValidation(units, 7, [YES, NO]);

  const people = workbook.addWorksheet(PEOPLE_SHEET);
  header(people, PEOPLE_COLUMNS, [12, 18, 26, 30, 16]);
  people.addRow([
    '张三',
    'cgzx_zhangsan',
    '城关镇中心校',
    `${zh.head}、${zh.officer}`,
    '13800000000',
  ]);

  const notes = workbook.addWorksheet(NOTES_SHEET);
  notes.getColumn(1).width = 18;
  notes.getColumn(2).width = 90;
  const unitRoles: Role[] = ['head', 'deputy', 'officer', 'opinion_officer'];
  const bureauRoles: Role[] = ['reviewer', 'leader', 'admin'];
  const lines: [string, string][] = [
    ['填写说明', '“单位”和“人员”两张工作表各有示例行，导入前请改成本县的实际数据或删除。'],
    ['', '第一行是表头，请勿修改；不要合并单元格，不要使用公式；一次最多 5,000 行。'],
    ['单位名称', '必填，全县唯一，最多 100 个字符。'],
    ['单位类型', `必填：${IMPORTABLE_KINDS.map((k) => kindLabel[k]).join('、')}。`],
    [
      '上级单位',
      `乡镇中心校和局直单位填“${bureauName}”（或留空）；学校填所属乡镇中心校的名称（系统中已有的或本文件中的），不能挂在局直单位下。`,
    ],
    ['单位代码', '选填，字母、数字、下划线或连字符，全县唯一；留空则自动生成。'],
    ['教职工人数、学生人数', '选填，非负整数，用于按人数核定报送任务。'],
    ['直报点', `选填：${YES} 或 ${NO}；只有学校可以设为直报点。`],
    ['姓名', '必填，最多 50 个字符。'],
    ['用户名', '必填，全县唯一，3–64 个字母、数字、下划线、点或连字符，用于登录。'],
    ['所属单位', '必填，系统中已有的或本文件“单位”表中的单位名称。'],
    [
      '职责',
      `选填，多个用顿号、逗号或空格分隔。基层单位：${unitRoles.map((r) => zh[r]).join('、')}；县教体局：${bureauRoles.map((r) => zh[r]).join('、')}。`,
    ],
    ['手机号', '选填，5–20 位数字，可含 +、- 和空格。'],
    [
      '初始密码',
      '系统为每位新导入的人员生成随机初始密码，只在导入完成时显示一次，请当场下发；人员登录后可自行修改。',
    ],
    ['重复导入', '已存在且内容相同的单位和人员会被跳过，同一文件导入两次不会产生任何变化。'],
  ];
  for (const [title, text] of lines) {
    const row = notes.addRow([title, text]);
    row.getCell(1).font = { bold: true };
    row.getCell(2).alignment = { wrapText: true, vertical: 'top' };
  }

  const buffer = await workbook.xlsx.writeBuffer();
  return new Uint8Array(buffer as ArrayBuffer);
}
