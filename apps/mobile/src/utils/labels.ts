import {
  CATEGORY_LABELS,
  INCIDENT_SEVERITY_LABELS,
  INCIDENT_SOURCE_LABELS,
  INCIDENT_STATE_LABELS,
  ROLE_LABELS,
  SUBMISSION_STATE_LABELS,
  UNIT_KIND_LABELS,
  type Labels,
} from '@jyxc/domain';
import { currentLocale } from '../i18n.js';

/** The domain's word for a value in the chosen language; never the raw value (DESIGN §6). */
function labelOf<K extends string>(labels: Labels<K>, value: string): string {
  const table = labels[currentLocale()] as Readonly<Record<string, string>>;
  return table[value] ?? '';
}

export const stateLabel = (v: string) => labelOf(SUBMISSION_STATE_LABELS, v);
export const categoryLabel = (v: string) => labelOf(CATEGORY_LABELS, v);
export const roleLabel = (v: string) => labelOf(ROLE_LABELS, v);
export const unitKindLabel = (v: string) => labelOf(UNIT_KIND_LABELS, v);
export const incidentStateLabel = (v: string) => labelOf(INCIDENT_STATE_LABELS, v);
export const severityLabel = (v: string) => labelOf(INCIDENT_SEVERITY_LABELS, v);
export const sourceLabel = (v: string) => labelOf(INCIDENT_SOURCE_LABELS, v);

/** Vant tag colours by workflow state. */
export function stateTagType(
  state: string,
): 'primary' | 'success' | 'warning' | 'danger' | 'default' {
  if (state === 'adopted') return 'success';
  if (state === 'returned') return 'danger';
  if (state === 'unit_review' || state === 'bureau_review') return 'primary';
  if (state === 'draft') return 'warning';
  return 'default';
}

/** A time for a list or a card: `5/10 15:30` this year, with the year otherwise. */
export function shortTime(iso: string | null, now = Date.now()): string {
  if (iso === null) return '';
  const at = Date.parse(iso);
  const locale = currentLocale();
  const sameYear = new Date(at).getFullYear() === new Date(now).getFullYear();
  return new Intl.DateTimeFormat(locale, {
    timeZone: 'Asia/Shanghai',
    ...(sameYear ? {} : { year: 'numeric' }),
    month: 'numeric',
    day: 'numeric',
    hour: '2-digit',
    minute: '2-digit',
    hour12: false,
  }).format(at);
}
