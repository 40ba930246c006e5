/**
 * Reading an uploaded .xlsx for the import (DESIGN §6): the file is checked as a zip before
 * exceljs parses it, so that a wrong type, a zip bomb or a sheet of 50,000 rows is refused
 * after a cheap look rather than after seconds of parsing on the event loop.
 */
import ExcelJS from 'exceljs';
import JSZip from 'jszip';
import { ServiceError } from '../../shared/errors.js';

/** The largest file accepted; a county's units and people fit in well under 1 MB. */
export const MAX_IMPORT_BYTES = 5 * 1024 * 1024;
/** The most data rows one file may hold (both sheets together). */
export const MAX_IMPORT_ROWS = 5_000;
/** Unpacked, the sheets may not grow beyond this (a zip bomb is refused before parsing). */
const MAX_UNPACKED_BYTES = 80 * 1024 * 1024;

/** One data row of a sheet: its row number in Excel and its cells as trimmed text. */
export interface SheetRow {
  readonly row: number;
  readonly cells: readonly string[];
}

export interface ImportSheets {
  /** Data rows of each named sheet (the header row left out); missing sheets are absent. */
  readonly sheets: ReadonlyMap<string, readonly SheetRow[]>;
}

function refuse(code: string, message: string, details?: unknown): never {
  throw new ServiceError('invalid', code, message, details);
}

/** Counts rows and refuses unpacked sizes beyond reason, without parsing the sheets. */
async function precheck(bytes: Uint8Array): Promise<void> {
  const isZip = bytes[0] === 0x50 && bytes[1] === 0x4b && bytes[2] === 0x03 && bytes[3] === 0x04;
  if (!isZip) refuse('IMPORT.NOT_XLSX', '文件不是 Excel 工作簿（.xlsx），请用下载的模板填写后上传');
  let zip: JSZip;
  try {
    zip = await JSZip.loadAsync(bytes);
  } catch {
    refuse('IMPORT.NOT_XLSX', '文件已损坏或不是 Excel 工作簿（.xlsx）');
  }
  if (zip.file('xl/workbook.xml') === null) {
    refuse('IMPORT.NOT_XLSX', '文件不是 Excel 工作簿（.xlsx），请用下载的模板填写后上传');
  }
  const sheets = zip.file(/^xl\/worksheets\/sheet\d+\.xml$/);
  let unpacked = 0;
  let rows = 0;
  for (const sheet of sheets) {
    // JSZip keeps the size the zip's directory declares; a lie there fails the inflate below.
    const declared = (sheet as unknown as { _data?: { uncompressedSize?: number } })._data
      ?.uncompressedSize;
    unpacked += declared ?? 0;
    if (unpacked > MAX_UNPACKED_BYTES) refuse('IMPORT.TOO_MANY_ROWS', tooManyRows());
    const xml = await sheet.async('string');
    unpacked += declared === undefined ? xml.length : 0;
    if (unpacked > MAX_UNPACKED_BYTES) refuse('IMPORT.TOO_MANY_ROWS', tooManyRows());
    rows += xml.split('<row ').length - 1;
  }
  // The header row of each sheet and the notes sheet are allowed on top of the data rows.
  if (rows > MAX_IMPORT_ROWS + 200) refuse('IMPORT.TOO_MANY_ROWS', tooManyRows(rows));
}

function tooManyRows(rows?: number): string {
  const found = rows === undefined ? '' : `（本文件约 ${rows.toLocaleString('zh-CN')} 行）`;
  return `一次最多导入 ${MAX_IMPORT_ROWS.toLocaleString('zh-CN')} 行${found}，请分成几个文件导入`;
}

/** A cell's value as the text a person typed; formulas were refused before. */
function cellText(value: ExcelJS.CellValue): string {
  if (value === null || value === undefined) return '';
  if (typeof value === 'string') return value.trim();
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  if (value instanceof Date) return value.toISOString().slice(0, 10);
  if ('richText' in value)
    return value.richText
      .map((t) => t.text)
      .join('')
      .trim();
  if ('text' in value && typeof value.text === 'string') return value.text.trim();
  return '';
}

/**
 * The data rows of the sheets named in `names`, each cut to `width` cells. Refuses formulas
 * and merged cells (both hide what a row really says) and a file with no data row at all.
 */
export async function readImportSheets(
  bytes: Uint8Array<ArrayBuffer>,
  names: readonly string[],
  width: number,
): Promise<ImportSheets> {
  if (bytes.byteLength > MAX_IMPORT_BYTES) {
    throw new ServiceError(
      'too_large',
      'IMPORT.TOO_LARGE',
      `文件不能超过 ${MAX_IMPORT_BYTES / 1024 / 1024} MB`,
    );
  }
  await precheck(bytes);
  const workbook = new ExcelJS.Workbook();
  try {
    // A copy of exactly the upload's bytes (the view may sit inside a larger buffer).
    await workbook.xlsx.load(bytes.slice().buffer);
  } catch {
    refuse('IMPORT.NOT_XLSX', '文件已损坏或不是 Excel 工作簿（.xlsx）');
  }
  const sheets = new Map<string, SheetRow[]>();
  for (const name of names) {
    const sheet = workbook.getWorksheet(name);
    if (sheet === undefined) continue;
    const merges = (sheet.model as { merges?: string[] }).merges ?? [];
    if (merges.length > 0) {
      refuse(
        'IMPORT.MERGED_CELLS',
        `工作表“${name}”有合并的单元格（${merges.slice(0, 3).join('、')}），请取消合并，每行填写完整后再导入`,
        { sheet: name, cells: merges.slice(0, 20) },
      );
    }
    const rows: SheetRow[] = [];
    const formulas: string[] = [];
    sheet.eachRow({ includeEmpty: false }, (row, rowNumber) => {
      if (rowNumber === 1) return;
      const cells: string[] = [];
      for (let col = 1; col <= width; col += 1) {
        const cell = row.getCell(col);
        if (cell.type === ExcelJS.ValueType.Formula) formulas.push(cell.address);
        cells.push(cellText(cell.value));
      }
      if (cells.some((c) => c !== '')) rows.push({ row: rowNumber, cells });
    });
    if (formulas.length > 0) {
      refuse(
        'IMPORT.FORMULAS',
        `工作表“${name}”含有公式（${formulas.slice(0, 3).join('、')}），请复制后“选择性粘贴为数值”再导入`,
        { sheet: name, cells: formulas.slice(0, 20) },
      );
    }
    sheets.set(name, rows);
  }
  if (sheets.size === 0) {
    refuse('IMPORT.NO_SHEET', `文件中没有“${names.join('”或“')}”工作表，请用下载的模板填写`);
  }
  const total = [...sheets.values()].reduce((n, rows) => n + rows.length, 0);
  if (total === 0) refuse('IMPORT.EMPTY', '工作表中没有数据行，请在表头下方填写后再导入');
  if (total > MAX_IMPORT_ROWS) refuse('IMPORT.TOO_MANY_ROWS', tooManyRows(total));
  return { sheets };
}
