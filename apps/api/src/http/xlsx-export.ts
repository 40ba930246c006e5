/**
 * Every list of the console exported to .xlsx the same way (DESIGN §6: every list can be
 * exported to Excel). A list's export asks its own list service page by page, with the same
 * filters and as the same person, so the file holds exactly the rows and numbers the screen
 * shows, and nothing outside the viewer's scope. The workbook is written as a stream while the
 * pages arrive: a large export never holds the whole file in memory, and it hands the event
 * loop back between pages so other requests are answered meanwhile.
 */
import { PassThrough, Readable } from 'node:stream';
import ExcelJS from 'exceljs';
import type { Context } from 'hono';
import type { AppEnv } from '../context.js';
import { ServiceError } from '../shared/errors.js';
import { XLSX_TYPE, contentDisposition } from './download.js';

/** One column of an export: its Chinese header and how a row's cell is read. */
export interface ExportColumn<T> {
  readonly header: string;
  readonly width?: number;
  readonly value: (row: T) => string | number | null | undefined;
  /** Numbers keep their type in the cell; this is how Excel shows them. */
  readonly format?: 'int' | 'score' | 'percent';
}

/** One page of a list, as its list service answers it. */
export interface ExportPage<T> {
  readonly items: readonly T[];
  readonly total: number;
}

export interface ExportSpec<T> {
  /** The file's name without `.xlsx`, in Chinese; `fallback` is its ASCII form. */
  readonly fileName: string;
  readonly fallback: string;
  readonly sheet: string;
  readonly columns: readonly ExportColumn<T>[];
  /** Page `page` (from 1) of `pageSize` rows; a list without pages answers all at once. */
  readonly page: (page: number, pageSize: number) => Promise<ExportPage<T>>;
}

/** The largest page every list route accepts. */
export const EXPORT_PAGE_SIZE = 200;
/** More rows than this are refused: a narrower filter is what the person wants then. */
export const MAX_EXPORT_ROWS = 100_000;

const NUM_FMT = { int: '0', score: '0.00', percent: '0.0%' } as const;

function cell(value: string | number | null | undefined): string | number {
  return value === null || value === undefined ? '' : value;
}

async function writeRows<T>(
  spec: ExportSpec<T>,
  first: ExportPage<T>,
  out: PassThrough,
): Promise<void> {
  const book = new ExcelJS.stream.xlsx.WorkbookWriter({
    stream: out,
    useStyles: true,
    useSharedStrings: false,
  });
  const sheet = book.addWorksheet(spec.sheet, { views: [{ state: 'frozen', ySplit: 1 }] });
  sheet.columns = spec.columns.map((c, i) => ({
    key: String(i),
    width: c.width ?? 14,
    ...(c.format === undefined ? {} : { style: { numFmt: NUM_FMT[c.format] } }),
  }));
  const header = sheet.addRow(spec.columns.map((c) => c.header));
  header.font = { bold: true };
  header.commit();
  let page = first;
  let number = 1;
  let written = 0;
  for (;;) {
    for (const item of page.items) {
      sheet.addRow(spec.columns.map((c) => cell(c.value(item)))).commit();
    }
    written += page.items.length;
    if (page.items.length === 0 || written >= page.total) break;
    // Give the event loop back between pages: other people's requests go first.
    await new Promise<void>((resolve) => setImmediate(resolve));
    number += 1;
    page = await spec.page(number, EXPORT_PAGE_SIZE);
  }
  sheet.commit();
  await book.commit();
}

/**
 * Answers the list as a streamed .xlsx download. The first page is read before the answer
 * starts, so a refusal (no permission, a bad filter, too many rows) is still a JSON error.
 */
export async function xlsxExport<T>(c: Context<AppEnv>, spec: ExportSpec<T>): Promise<Response> {
  const first = await spec.page(1, EXPORT_PAGE_SIZE);
  if (first.total > MAX_EXPORT_ROWS) {
    throw new ServiceError(
      'invalid',
      'EXPORT.TOO_MANY_ROWS',
      `一次最多导出 ${MAX_EXPORT_ROWS.toLocaleString('zh-CN')} 行（当前筛选共 ${first.total.toLocaleString('zh-CN')} 行），请缩小筛选范围`,
    );
  }
  const out = new PassThrough();
  writeRows(spec, first, out).catch((error: unknown) => {
    // The status is sent already: the download ends broken rather than looking complete.
    c.get('deps').logger?.error?.({ err: error }, 'export failed');
    out.destroy(error instanceof Error ? error : new Error(String(error)));
  });
  return new Response(Readable.toWeb(out) as ReadableStream<Uint8Array>, {
    status: 200,
    headers: {
      'content-type': XLSX_TYPE,
      'content-disposition': contentDisposition(`${spec.fallback}.xlsx`, `${spec.fileName}.xlsx`),
      'cache-control': 'no-store',
    },
  });
}

const BEIJING_MS = 8 * 3600 * 1000;

/** An instant as the console shows it: Beijing time, `2026-07-08 09:30`; blank for none. */
export function beijingTime(at: string | null | undefined): string {
  if (at === null || at === undefined) return '';
  return new Date(new Date(at).getTime() + BEIJING_MS).toISOString().slice(0, 16).replace('T', ' ');
}

/** Yes or no as a sheet says it. */
export function yesNo(value: boolean | null | undefined): string {
  if (value === null || value === undefined) return '';
  return value ? '是' : '否';
}

/** 分 as 元 with two decimals, the way amounts are shown. */
export function yuan(fen: number): number {
  return Math.round(fen) / 100;
}
