import type { Db } from '@jyxc/db';
import {
  defaultScheme,
  validateScheme,
  type DomainError,
  type QuotaOverride,
  type Scheme,
} from '@jyxc/domain';
import { requireRole } from '../../shared/actor.js';
import { inTransaction } from '../../shared/db.js';
import { loadUnits, unitRows } from '../organisation/service.js';
import { namesOf } from '../people/service.js';
import {
  findSchemeRow,
  findSchemeVersions,
  insertScheme,
  insertSchemeVersion,
  loadScheme,
  replaceQuotaOverrides,
  storedScheme,
  updateSchemeIfVersion,
} from './repository.js';

export {
  insertFirstScheme,
  loadScheme,
  reminderSettingsAt,
  schemeAt,
  schemeCache,
  storedQuotaOverrides,
  storedScheme,
} from './repository.js';
import { ServiceError } from '../../shared/errors.js';
import { audit } from '../../shared/audit.js';
import type { ServiceContext } from '../../shared/context.js';

/** One problem of a scheme document, with the dotted path of its field (`quotaOverrides.2.half`). */
export interface SchemeIssue {
  readonly path: string;
  readonly code: string;
  readonly message: string;
}

/** `quotaOverrides[2].half` → `quotaOverrides.2.half`, the path form every 400/422 of the API uses. */
function dottedPath(path: string): string {
  return path.replace(/\[(\d+)\]/g, '.$1').replace(/^\./, '');
}

function issueOf(error: DomainError): SchemeIssue {
  return { path: dottedPath(error.path ?? ''), code: error.code, message: error.message };
}

export interface SchemeView {
  readonly year: number;
  readonly version: number;
  /** True when nothing is stored and the domain's defaults apply. */
  readonly isDefault: boolean;
  readonly updatedAt: string | null;
  readonly updatedBy: { readonly id: string; readonly name: string } | null;
  readonly scheme: Scheme;
}

export async function getScheme(ctx: ServiceContext, year: number): Promise<SchemeView> {
  const stored = await storedScheme(ctx.db, year);
  if (stored === null) {
    const scheme = defaultScheme(year);
    return {
      year,
      version: scheme.version,
      isDefault: true,
      updatedAt: null,
      updatedBy: null,
      scheme,
    };
  }
  const byId = stored.row.updatedById;
  const byName = byId === null ? undefined : (await namesOf(ctx.db, [byId])).get(byId);
  const by = byId === null || byName === undefined ? null : { id: byId, name: byName };
  return {
    year,
    version: stored.scheme.version,
    isDefault: false,
    updatedAt: stored.row.updatedAt.toISOString(),
    updatedBy: by,
    scheme: stored.scheme,
  };
}

const ADMIN_ONLY = '只有系统管理员可以修改考评办法';

/** Problems the domain cannot see: overrides must name evaluated units of this county. */
async function unitIssues(db: Db, input: unknown): Promise<SchemeIssue[]> {
  if (typeof input !== 'object' || input === null || !('quotaOverrides' in input)) return [];
  const list: unknown = input.quotaOverrides;
  if (!Array.isArray(list)) return [];
  const ids = list.flatMap((o: unknown) =>
    typeof o === 'object' &&
    o !== null &&
    'unitId' in o &&
    typeof o.unitId === 'string' &&
    o.unitId !== ''
      ? [o.unitId]
      : [],
  );
  if (ids.length === 0) return [];
  // A county has a few hundred units: reading them all binds no list of ids, however long the
  // submitted list is.
  const units = await loadUnits(db);
  const kinds = new Map(units.map((u) => [u.id, u.kind]));
  const issues: SchemeIssue[] = [];
  list.forEach((o: unknown, i: number) => {
    if (typeof o !== 'object' || o === null || !('unitId' in o) || typeof o.unitId !== 'string')
      return;
    const kind = kinds.get(o.unitId);
    if (kind === undefined) {
      issues.push({
        path: `quotaOverrides.${i}.unitId`,
        code: 'SCHEME.UNKNOWN_UNIT',
        message: `单位 ${o.unitId} 不存在`,
      });
    } else if (kind !== 'township_center' && kind !== 'direct_unit') {
      // DESIGN §3.4: quotas belong to the evaluated units only.
      issues.push({
        path: `quotaOverrides.${i}.unitId`,
        code: 'SCHEME.NOT_EVALUATED_UNIT',
        message: '只有乡镇中心校和局直单位有报送任务',
      });
    }
  });
  return issues;
}

function refuse(issues: readonly SchemeIssue[]): never {
  const first = issues[0];
  throw new ServiceError(
    'invalid',
    'SCHEME.INVALID',
    first ? `考评办法有 ${issues.length} 处问题：${first.message}` : '考评办法无效',
    { issues },
  );
}

/**
 * Saves a new version of the year's scheme: validated as a whole by the domain (every problem
 * reported with its field path, nothing stored on failure), the version numbered by the server,
 * the history kept as a `SchemeVersion` row, the quota overrides mirrored into their table, and
 * the audit entry written in the same transaction.
 */
export async function saveScheme(
  ctx: ServiceContext,
  year: number,
  input: unknown,
): Promise<SchemeView> {
  requireRole(ctx, ['admin'], ADMIN_ONLY);
  return writeScheme(ctx, year, await checkedScheme(ctx, year, input), 'scheme.update');
}

/**
 * A proposed scheme document of `year` checked as saving checks it (every problem with its
 * field path, refused as a whole), without saving it.
 */
export async function checkedScheme(
  ctx: ServiceContext,
  year: number,
  input: unknown,
): Promise<Scheme> {
  requireRole(ctx, ['admin'], ADMIN_ONLY);
  const parsed = validateScheme(input);
  const issues: SchemeIssue[] = parsed.ok ? [] : parsed.error.map(issueOf);
  if (parsed.ok && parsed.value.year !== year) {
    issues.push({
      path: 'year',
      code: 'SCHEME.YEAR_MISMATCH',
      message: `year 应为 ${year}（与地址中的年度一致）`,
    });
  }
  issues.push(...(await unitIssues(ctx.db, input)));
  if (!parsed.ok || issues.length > 0) refuse(issues);
  return parsed.value;
}

async function writeScheme(
  ctx: ServiceContext,
  year: number,
  edited: Scheme,
  action: string,
): Promise<SchemeView> {
  await inTransaction(ctx, async (tx) => {
    const current = await findSchemeRow(tx, year);
    const base = current?.version ?? 0;
    // Optimistic locking: the edit must start from the version stored now (the defaults, when
    // nothing is stored, may be edited from any version number).
    if (current !== null && edited.version !== current.version) {
      throw new ServiceError(
        'conflict',
        'SCHEME.STALE',
        `考评办法已被他人修改（当前为第 ${current.version} 版），请刷新后重试`,
        {
          currentVersion: current.version,
        },
      );
    }
    const scheme: Scheme = { ...edited, year, version: base + 1 };
    const document = JSON.stringify(scheme);
    let schemeId: string;
    if (current === null) {
      schemeId = await insertScheme(tx, {
        year,
        version: scheme.version,
        document,
        updatedById: ctx.actor.personId,
      });
    } else {
      const updated = await updateSchemeIfVersion(tx, current.id, current.version, {
        version: scheme.version,
        document,
        updatedById: ctx.actor.personId,
      });
      if (!updated) {
        throw new ServiceError('conflict', 'SCHEME.STALE', '考评办法已被他人修改，请刷新后重试');
      }
      schemeId = current.id;
    }
    await insertSchemeVersion(tx, {
      schemeId,
      year,
      version: scheme.version,
      document,
      createdById: ctx.actor.personId,
      createdAt: ctx.now,
    });
    await replaceQuotaOverrides(tx, year, scheme.quotaOverrides, ctx.actor.personId);
    await audit(tx, ctx, {
      action,
      entity: 'Scheme',
      entityId: schemeId,
      unitId: null,
      before:
        current === null
          ? null
          : { version: current.version, document: JSON.parse(current.document) as unknown },
      after: { version: scheme.version, document: scheme },
    });
  });
  return getScheme(ctx, year);
}

export interface SchemeVersionView {
  readonly version: number;
  readonly createdAt: string;
  readonly createdBy: { readonly id: string; readonly name: string } | null;
  readonly scheme: Scheme | null;
}

/** The saved versions of a year's scheme, newest first, paged. */
export async function listSchemeVersions(
  ctx: ServiceContext,
  year: number,
  page: number,
  pageSize: number,
) {
  const { total, rows } = await findSchemeVersions(ctx.db, year, {
    skip: (page - 1) * pageSize,
    take: pageSize,
  });
  const items: SchemeVersionView[] = rows.map((row) => {
    const parsed = validateScheme(JSON.parse(row.document));
    return {
      version: row.version,
      createdAt: row.createdAt.toISOString(),
      createdBy: row.createdBy,
      scheme: parsed.ok ? parsed.value : null,
    };
  });
  return { items, total, page, pageSize };
}

export interface QuotaOverrideView {
  readonly unitId: string;
  readonly unitName: string;
  readonly unitKind: string;
  readonly half: 'H1' | 'H2';
  readonly submitted: number;
  readonly adopted: number;
  /** The kind's default quota this override replaces. */
  readonly defaultQuota: { readonly submitted: number; readonly adopted: number };
}

/** The year's quota overrides, one line per unit and half-year (DESIGN §3.4). */
export async function getQuotaOverrides(ctx: ServiceContext, year: number) {
  const scheme = await loadScheme(ctx.db, year);
  const ids = [...new Set(scheme.quotaOverrides.map((o) => o.unitId))];
  const wanted = new Set(ids);
  const units = (await unitRows(ctx.db)).filter((u) => wanted.has(u.id));
  const byId = new Map(units.map((u) => [u.id, u]));
  const items: QuotaOverrideView[] = [];
  for (const o of scheme.quotaOverrides) {
    const unit = byId.get(o.unitId);
    if (unit === undefined) continue;
    const defaults =
      unit.kind === 'direct_unit' ? scheme.quotas.direct_unit : scheme.quotas.township_center;
    for (const half of o.half === 'both' ? (['H1', 'H2'] as const) : [o.half]) {
      items.push({
        unitId: unit.id,
        unitName: unit.name,
        unitKind: unit.kind,
        half,
        submitted: o.submitted,
        adopted: o.adopted,
        defaultQuota: defaults,
      });
    }
  }
  items.sort(
    (a, b) =>
      (byId.get(a.unitId)?.sortOrder ?? 0) - (byId.get(b.unitId)?.sortOrder ?? 0) ||
      (a.unitName < b.unitName ? -1 : a.unitName > b.unitName ? 1 : 0) ||
      (a.half < b.half ? -1 : 1),
  );
  return { year, version: scheme.version, defaults: scheme.quotas, items };
}

/**
 * Replaces the year's quota overrides. They are part of the scheme, so this saves a new scheme
 * version through the same validation (overlaps, negative numbers) and history as a full edit.
 */
export async function putQuotaOverrides(
  ctx: ServiceContext,
  year: number,
  input: {
    readonly expectedVersion?: number | undefined;
    readonly overrides: readonly QuotaOverride[];
  },
) {
  requireRole(ctx, ['admin'], ADMIN_ONLY);
  const current = await loadScheme(ctx.db, year);
  const candidate = {
    ...current,
    version: input.expectedVersion ?? current.version,
    quotaOverrides: input.overrides,
  };
  const parsed = validateScheme(candidate);
  const issues: SchemeIssue[] = parsed.ok ? [] : parsed.error.map(issueOf);
  issues.push(...(await unitIssues(ctx.db, candidate)));
  // The console edits only the overrides here: report their paths as its fields (`overrides.0.half`).
  const mapped = issues.map((i) => ({
    ...i,
    path: i.path.replace(/^quotaOverrides/, 'overrides'),
  }));
  if (!parsed.ok || mapped.length > 0) refuse(mapped);
  await writeScheme(ctx, year, parsed.value, 'scheme.quota_overrides');
  return getQuotaOverrides(ctx, year);
}
