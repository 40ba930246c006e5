import {
  AlignmentType,
  BorderStyle,
  Document,
  Packer,
  Paragraph,
  Table as DocxTable,
  TableCell,
  TableRow,
  TextRun,
  VerticalAlign,
  WidthType,
  type IRunOptions,
} from 'docx';
import type { BulletinDocument, Cell, Table } from './document.js';

export const DOCX_TYPE = 'application/vnd.openxmlformats-officedocument.wordprocessingml.document';

// The fonts of an official document (党政机关公文格式): the title in 方正小标宋简体, headings in
// 黑体, body text in 仿宋; Latin text falls back to SimSun-like faces where they are missing.
const TITLE_FONT = { ascii: 'SimSun', hAnsi: 'SimSun', eastAsia: '方正小标宋简体' };
const HEADING_FONT = { ascii: 'SimHei', hAnsi: 'SimHei', eastAsia: '黑体' };
const BODY_FONT = { ascii: 'FangSong', hAnsi: 'FangSong', eastAsia: '仿宋_GB2312' };
const TABLE_FONT = { ascii: 'SimSun', hAnsi: 'SimSun', eastAsia: '宋体' };

/** Half-points: 二号 22 pt, 三号 16 pt, 小四 12 pt, 五号 10.5 pt. */
const SIZE = { title: 44, body: 32, table: 21 } as const;

const LINE = { style: BorderStyle.SINGLE, size: 4, color: '000000' } as const;
const BORDERS = { top: LINE, bottom: LINE, left: LINE, right: LINE } as const;

function run(text: string, options: Omit<IRunOptions, 'text'> = {}): TextRun {
  return new TextRun({ text, font: BODY_FONT, size: SIZE.body, ...options });
}

function body(text: string): Paragraph {
  return new Paragraph({
    children: [run(text)],
    indent: { firstLine: 640 },
    spacing: { line: 560 },
    alignment: AlignmentType.JUSTIFIED,
  });
}

function heading(text: string): Paragraph {
  return new Paragraph({
    children: [run(text, { font: HEADING_FONT })],
    indent: { firstLine: 640 },
    spacing: { line: 560 },
  });
}

function format(value: Cell, kind: Table['columns'][number]['format']): string {
  if (value === null) return '—';
  if (typeof value === 'string') return value;
  if (kind === 'percent') return `${Math.round(value * 1000) / 10}%`;
  if (kind === 'score') return value.toFixed(2);
  return String(value);
}

function table(t: Table): DocxTable {
  const total = t.columns.reduce((s, c) => s + c.width, 0);
  const cell = (text: string, bold: boolean, align: 'center' | 'left', width: number) =>
    new TableCell({
      borders: BORDERS,
      verticalAlign: VerticalAlign.CENTER,
      width: { size: Math.round((width / total) * 100), type: WidthType.PERCENTAGE },
      children: [
        new Paragraph({
          alignment: align === 'center' ? AlignmentType.CENTER : AlignmentType.LEFT,
          children: [new TextRun({ text, bold, font: TABLE_FONT, size: SIZE.table })],
        }),
      ],
    });
  return new DocxTable({
    width: { size: 100, type: WidthType.PERCENTAGE },
    rows: [
      new TableRow({
        tableHeader: true,
        children: t.columns.map((c) => cell(c.header, true, 'center', c.width)),
      }),
      ...t.rows.map(
        (values) =>
          new TableRow({
            cantSplit: true,
            children: t.columns.map((c, i) =>
              cell(
                format(values[i] ?? null, c.format),
                false,
                c.format === undefined ? 'left' : 'center',
                c.width,
              ),
            ),
          }),
      ),
    ],
  });
}

const CHINESE_NUMBERS = ['一', '二', '三', '四', '五', '六', '七', '八', '九', '十'];

/**
 * The bulletin as a Word document laid out as an official 通报: the title centred, the
 * addressee, numbered sections with the tables bordered, and the issuer and date at the end.
 */
export async function bulletinDocx(doc: BulletinDocument): Promise<Buffer> {
  let section = 0;
  const next = (text: string) =>
    heading(`${CHINESE_NUMBERS[section++] ?? String(section)}、${text}`);
  const listed = (entries: BulletinDocument['commended'], none: string) =>
    entries.length === 0
      ? [body(none)]
      : entries.map((e, i) => body(`${i + 1}. ${e.name}：${e.reason}`));

  const children: (Paragraph | DocxTable)[] = [
    new Paragraph({
      alignment: AlignmentType.CENTER,
      spacing: { before: 240, after: doc.draft ? 120 : 480, line: 700 },
      children: [new TextRun({ text: doc.title, font: TITLE_FONT, size: SIZE.title })],
    }),
    ...(doc.draft
      ? [
          new Paragraph({
            alignment: AlignmentType.CENTER,
            spacing: { after: 360 },
            children: [run('（征求意见稿）', { font: BODY_FONT })],
          }),
        ]
      : []),
    new Paragraph({ children: [run(doc.addressee)], spacing: { line: 560 } }),
    body(
      `为进一步做好全县教育信息宣传工作，根据年度信息报送量化考评办法，现将${doc.periodText}全县教育信息报送情况通报如下：`,
    ),
    next('总体情况'),
    ...doc.summary.map(body),
    next('考评结果'),
    table(doc.units),
    next('表扬单位'),
    ...listed(doc.commended, '本期没有予以表扬的单位。'),
    next('批评单位'),
    ...listed(doc.criticised, '本期没有予以批评的单位。'),
    next('取消评优资格的单位'),
    ...listed(doc.disqualified, '本期没有取消评优资格的单位。'),
    next('审核把关情况'),
    ...doc.review.text.map(body),
    table(doc.review.table),
    next('信息类别结构'),
    ...doc.categories.text.map(body),
    table(doc.categories.table),
    next('信息报送时效'),
    ...doc.timeliness.text.map(body),
    table(doc.timeliness.table),
    next('优秀信息员'),
    table({ columns: doc.officers.columns, rows: doc.officers.rows.slice(0, 20) }),
    next('有关要求'),
    body(doc.closing),
    new Paragraph({ spacing: { before: 480 }, children: [] }),
    new Paragraph({ alignment: AlignmentType.RIGHT, children: [run(doc.issuer)] }),
    new Paragraph({ alignment: AlignmentType.RIGHT, children: [run(doc.dateText)] }),
  ];

  const document = new Document({
    creator: doc.issuer,
    title: doc.title,
    styles: { default: { document: { run: { font: BODY_FONT, size: SIZE.body } } } },
    sections: [
      {
        properties: {
          // A4 with the margins of an official document (top 37 mm, left 28 mm).
          page: {
            size: { width: 11906, height: 16838 },
            margin: { top: 2098, bottom: 1984, left: 1588, right: 1474 },
          },
        },
        children,
      },
    ],
  });
  return Packer.toBuffer(document);
}
