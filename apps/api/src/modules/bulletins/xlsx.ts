import ExcelJS from 'exceljs';
import type { BulletinDocument, Cell, Table } from './document.js';

export { XLSX_TYPE } from '../../http/download.js';

const FONT = 'SimSun';
const TITLE_FONT = '方正小标宋简体';
const HEADER_FILL: ExcelJS.Fill = {
  type: 'pattern',
  pattern: 'solid',
  fgColor: { argb: 'FFDCE6F1' },
};
const THIN: ExcelJS.Border = { style: 'thin', color: { argb: 'FF808080' } };
const BOX: Partial<ExcelJS.Borders> = { top: THIN, left: THIN, bottom: THIN, right: THIN };

const NUM_FMT = { int: '0', score: '0.00', percent: '0.0%' } as const;

/** Writes a table at the sheet's next row: a styled header, then numbers kept as numbers. */
function writeTable(sheet: ExcelJS.Worksheet, table: Table): number {
  const headerRow = sheet.addRow(table.columns.map((c) => c.header));
  headerRow.height = 22;
  headerRow.eachCell((cell) => {
    cell.font = { name: FONT, bold: true, size: 11 };
    cell.fill = HEADER_FILL;
    cell.alignment = { vertical: 'middle', horizontal: 'center', wrapText: true };
    cell.border = BOX;
  });
  for (const values of table.rows) {
    const row = sheet.addRow(values.map((v: Cell) => (v === null ? '' : v)));
    table.columns.forEach((column, i) => {
      const cell = row.getCell(i + 1);
      cell.font = { name: FONT, size: 11 };
      cell.border = BOX;
      cell.alignment = {
        vertical: 'middle',
        horizontal: column.format === undefined ? 'left' : 'center',
      };
      if (column.format !== undefined && typeof values[i] === 'number') {
        cell.numFmt = NUM_FMT[column.format];
      }
    });
  }
  return headerRow.number;
}

function setWidths(sheet: ExcelJS.Worksheet, table: Table): void {
  table.columns.forEach((column, i) => {
    sheet.getColumn(i + 1).width = column.width;
  });
}

/** A sheet holding one table with its header frozen. */
function tableSheet(workbook: ExcelJS.Workbook, name: string, heading: string, table: Table): void {
  const sheet = workbook.addWorksheet(name);
  setWidths(sheet, table);
  const title = sheet.addRow([heading]);
  title.font = { name: FONT, bold: true, size: 14 };
  sheet.mergeCells(title.number, 1, title.number, table.columns.length);
  title.getCell(1).alignment = { horizontal: 'center' };
  const header = writeTable(sheet, table);
  sheet.views = [{ state: 'frozen', ySplit: header }];
}

function textLines(
  sheet: ExcelJS.Worksheet,
  lines: readonly string[],
  span: number,
  options: { readonly bold?: boolean } = {},
): void {
  for (const line of lines) {
    const row = sheet.addRow([line]);
    sheet.mergeCells(row.number, 1, row.number, span);
    const cell = row.getCell(1);
    cell.font = { name: FONT, size: 11, bold: options.bold === true };
    cell.alignment = { wrapText: true, vertical: 'top' };
    // Merged cells do not grow with wrapped text: size the row for its length.
    row.height = Math.max(18, Math.ceil(line.length / (span * 4)) * 16);
  }
}

/**
 * The bulletin as a workbook: a 通报 sheet (title, issuer and date, summary, the table of
 * units with its header frozen), then 表彰与批评, 审核与时效, 优秀信息员 and 明细 sheets.
 */
export async function bulletinXlsx(doc: BulletinDocument): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook();
  workbook.creator = doc.issuer;
  workbook.title = doc.title;
  workbook.created = new Date(0);

  const span = doc.units.columns.length;
  const sheet = workbook.addWorksheet('通报');
  setWidths(sheet, doc.units);
  const title = sheet.addRow([doc.title]);
  sheet.mergeCells(title.number, 1, title.number, span);
  title.height = 36;
  title.getCell(1).font = { name: TITLE_FONT, size: 18, bold: true };
  title.getCell(1).alignment = { horizontal: 'center', vertical: 'middle' };
  if (doc.draft) {
    const sub = sheet.addRow(['（征求意见稿）']);
    sheet.mergeCells(sub.number, 1, sub.number, span);
    sub.getCell(1).font = { name: FONT, size: 12 };
    sub.getCell(1).alignment = { horizontal: 'center' };
  }
  const meta = sheet.addRow([`${doc.issuer}\u3000${doc.dateText}`]);
  sheet.mergeCells(meta.number, 1, meta.number, span);
  meta.getCell(1).font = { name: FONT, size: 11 };
  meta.getCell(1).alignment = { horizontal: 'center' };
  textLines(sheet, [doc.addressee], span);
  textLines(sheet, doc.summary, span);
  const header = writeTable(sheet, doc.units);
  sheet.views = [{ state: 'frozen', ySplit: header }];
  sheet.pageSetup = {
    orientation: 'landscape',
    paperSize: 9,
    fitToPage: true,
    fitToWidth: 1,
    fitToHeight: 0,
  };

  const judged = workbook.addWorksheet('表彰与批评');
  judged.getColumn(1).width = 12;
  judged.getColumn(2).width = 28;
  judged.getColumn(3).width = 70;
  const judgedHeader = judged.addRow(['等次', '单位', '理由']);
  judgedHeader.eachCell((cell) => {
    cell.font = { name: FONT, bold: true };
    cell.fill = HEADER_FILL;
    cell.border = BOX;
  });
  const groups = [
    ['表扬', doc.commended],
    ['批评', doc.criticised],
    ['取消评优资格', doc.disqualified],
  ] as const;
  for (const [label, list] of groups) {
    for (const entry of list) {
      const row = judged.addRow([label, entry.name, entry.reason]);
      row.eachCell((cell) => {
        cell.font = { name: FONT };
        cell.border = BOX;
        cell.alignment = { wrapText: true, vertical: 'top' };
      });
    }
  }
  judged.views = [{ state: 'frozen', ySplit: 1 }];

  const review = workbook.addWorksheet('审核与时效');
  const reviewSpan = Math.max(doc.review.table.columns.length, doc.timeliness.table.columns.length);
  doc.timeliness.table.columns.forEach((c, i) => {
    review.getColumn(i + 1).width = Math.max(c.width, doc.review.table.columns[i]?.width ?? 0);
  });
  textLines(review, ['审核把关情况'], reviewSpan, { bold: true });
  textLines(review, doc.review.text, reviewSpan);
  writeTable(review, doc.review.table);
  review.addRow([]);
  textLines(review, ['信息报送时效'], reviewSpan, { bold: true });
  textLines(review, doc.timeliness.text, reviewSpan);
  writeTable(review, doc.timeliness.table);

  const mix = workbook.addWorksheet('类别结构');
  const mixSpan = doc.categories.table.columns.length;
  doc.categories.table.columns.forEach((c, i) => (mix.getColumn(i + 1).width = c.width));
  textLines(mix, ['信息类别结构'], mixSpan, { bold: true });
  textLines(mix, doc.categories.text, mixSpan);
  writeTable(mix, doc.categories.table);

  tableSheet(workbook, '优秀信息员', '信息员排名', doc.officers);
  tableSheet(workbook, '明细', '各单位（含所属学校）报送明细', doc.details);

  const data = await workbook.xlsx.writeBuffer();
  return Buffer.from(data);
}
