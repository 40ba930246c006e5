/**
 * The year's holiday calendar (rules §1.3, §9.2): the public holidays (法定节假日) and the
 * weekend days worked in lieu of them (调休上班). A new year's scheme starts from the calendar
 * shipped here; bureau admins edit it in the scheme when the State Council publishes a change.
 */

/** Public holidays and make-up working days of one year, as `YYYY-MM-DD` in Shanghai. */
export interface HolidayCalendar {
  /** Days off (法定节假日 and the days joined to them), treated like weekends. */
  readonly holidays: readonly string[];
  /** Saturdays and Sundays worked in lieu (调休上班), treated as working days. */
  readonly workdays: readonly string[];
}

/** `from` to `to` inclusive, both `YYYY-MM-DD`. */
function days(from: string, to: string): string[] {
  const out: string[] = [];
  for (
    let t = Date.parse(`${from}T00:00:00Z`);
    t <= Date.parse(`${to}T00:00:00Z`);
    t += 86_400_000
  ) {
    out.push(new Date(t).toISOString().slice(0, 10));
  }
  return out;
}

/**
 * The calendars shipped with the package.
 *
 * 2026: the State Council's arrangement as published (国务院办公厅关于2026年部分节假日安排的通知):
 * 元旦 1月1日–3日 (1月4日上班); 春节 2月15日–23日 (2月14日、2月28日上班); 清明节 4月4日–6日;
 * 劳动节 5月1日–5日 (5月9日上班); 端午节 6月19日–21日; 中秋节 9月25日–27日;
 * 国庆节 10月1日–7日 (9月20日、10月10日上班).
 *
 * 2027: the arrangement had not been verified when this was written, so only the statutory
 * days of the 全国年节及纪念日放假办法 (as revised in 2024) are listed, the lunar ones read from
 * the lunar calendar: 元旦 1月1日; 春节 除夕 2月5日 and 正月初一–初三 2月6日–8日; 清明节 4月5日
 * (the solar term); 劳动节 5月1日–2日; 端午节 (五月初五) 6月9日; 中秋节 (八月十五) 9月15日;
 * 国庆节 10月1日–3日. The joined days off and the 调休 working days are decided by the State
 * Council each year: enter them in the 2027 scheme once published.
 */
const SHIPPED: Readonly<Record<number, HolidayCalendar>> = {
  2026: {
    holidays: [
      ...days('2026-01-01', '2026-01-03'),
      ...days('2026-02-15', '2026-02-23'),
      ...days('2026-04-04', '2026-04-06'),
      ...days('2026-05-01', '2026-05-05'),
      ...days('2026-06-19', '2026-06-21'),
      ...days('2026-09-25', '2026-09-27'),
      ...days('2026-10-01', '2026-10-07'),
    ],
    workdays: ['2026-01-04', '2026-02-14', '2026-02-28', '2026-05-09', '2026-09-20', '2026-10-10'],
  },
  2027: {
    holidays: [
      '2027-01-01',
      ...days('2027-02-05', '2027-02-08'),
      '2027-04-05',
      ...days('2027-05-01', '2027-05-02'),
      '2027-06-09',
      '2027-09-15',
      ...days('2027-10-01', '2027-10-03'),
    ],
    workdays: [],
  },
};

/**
 * The holiday calendar shipped for `year`, or an empty one for a year the package does not
 * know (the bureau enters it in the scheme).
 *
 * @example
 * ```ts
 * shippedHolidayCalendar(2026).workdays.includes('2026-02-28'); // true: a 调休 Saturday
 * shippedHolidayCalendar(2031); // { holidays: [], workdays: [] }
 * ```
 */
export function shippedHolidayCalendar(year: number): HolidayCalendar {
  const shipped = SHIPPED[year];
  return shipped === undefined
    ? { holidays: [], workdays: [] }
    : { holidays: [...shipped.holidays], workdays: [...shipped.workdays] };
}
