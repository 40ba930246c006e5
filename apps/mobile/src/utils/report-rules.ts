import { timeLimitMs, toShanghaiTime, type Category, type Scheme } from '@jyxc/domain';

/** What the 写快报 form holds before it is sent. */
export interface ReportForm {
  readonly title: string;
  readonly body: string;
  readonly category: Category | '';
  /** The event time in milliseconds, or null when none was chosen. */
  readonly eventAt: number | null;
}

/** A field problem as an i18n key with its parameters. */
export interface FieldProblem {
  readonly key: string;
  readonly params?: Readonly<Record<string, string | number>>;
}

export type ReportProblems = Partial<Record<keyof ReportForm, FieldProblem>>;

// The API's own limits (apps/api submissions schemas), checked here so a phone learns at once.
export const TITLE_MAX = 200;
export const BODY_MAX = 50_000;
// A phone's clock may run a little ahead of the server's.
const CLOCK_SLACK_MS = 5 * 60_000;

/** The problems of a report's fields; an empty object when it can be sent. */
export function reportProblems(form: ReportForm, now: number): ReportProblems {
  const problems: ReportProblems = {};
  const title = form.title.trim();
  if (title === '') problems.title = { key: 'write.rules.titleRequired' };
  else if ([...title].length > TITLE_MAX)
    problems.title = { key: 'write.rules.titleTooLong', params: { max: TITLE_MAX } };
  if (form.body.trim() === '') problems.body = { key: 'write.rules.bodyRequired' };
  else if (form.body.length > BODY_MAX)
    problems.body = { key: 'write.rules.bodyTooLong', params: { max: BODY_MAX } };
  if (form.category === '') problems.category = { key: 'write.rules.categoryRequired' };
  if (form.eventAt === null) problems.eventAt = { key: 'write.rules.eventRequired' };
  else if (form.eventAt > now + CLOCK_SLACK_MS)
    problems.eventAt = { key: 'write.rules.eventFuture' };
  return problems;
}

/**
 * What the form says about the category's time limit (rules §3.3): for 重大信息 always (the 2 h
 * limit), for the others only once the limit has passed. Null when there is nothing to say.
 * The limits are those of `scheme`, the year's scheme as the bureau saved it (DESIGN §3: every
 * number is the scheme's, editable per year), never the domain's defaults.
 */
export function timeLimitNotice(
  category: Category | '',
  eventAt: number | null,
  now: number,
  scheme: Scheme,
): FieldProblem | null {
  if (category === '' || eventAt === null) return null;
  const limit = timeLimitMs(category, scheme);
  if (limit === null) return null;
  const hours = limit / 3_600_000;
  const due = eventAt + limit;
  const t = toShanghaiTime(due);
  const dueText = `${t.month}/${t.day} ${String(t.hour).padStart(2, '0')}:${String(t.minute).padStart(2, '0')}`;
  if (due <= now) return { key: 'write.limit.passed', params: { hours } };
  if (category === 'major') return { key: 'write.limit.major', params: { hours, due: dueText } };
  return null;
}
