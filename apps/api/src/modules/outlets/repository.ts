/** The outlet registry (媒体/平台, issue 16): its rows and their view. */
import type { Prisma } from '@jyxc/db';
import { ADOPTION_LEVELS, type AdoptionLevel, type OutletKind } from '@jyxc/domain';
import type { Tx } from '../../shared/context.js';
import type { Reader } from '../../shared/db.js';

const outletSelect = {
  id: true,
  name: true,
  level: true,
  kind: true,
  active: true,
  createdAt: true,
  updatedAt: true,
  _count: { select: { adoptions: { where: { counteredAt: null } } } },
} satisfies Prisma.OutletSelect;

type OutletRow = Prisma.OutletGetPayload<{ select: typeof outletSelect }>;

function outletView(row: OutletRow) {
  return {
    id: row.id,
    name: row.name,
    level: row.level,
    kind: row.kind,
    active: row.active,
    /** Adoptions in force recorded from this outlet. */
    adoptions: row._count.adoptions,
    createdAt: row.createdAt.toISOString(),
    updatedAt: row.updatedAt.toISOString(),
  };
}

export type OutletView = ReturnType<typeof outletView>;

export interface OutletFilter {
  readonly q?: string | undefined;
  readonly active?: boolean | undefined;
}

export async function findOutlets(db: Reader, filter: OutletFilter): Promise<OutletView[]> {
  const rows = await db.outlet.findMany({
    where: {
      ...(filter.active === undefined ? {} : { active: filter.active }),
      ...(filter.q ? { name: { contains: filter.q } } : {}),
    },
    select: outletSelect,
  });
  // The highest level first, then by name as Chinese readers order it.
  const rank = (level: AdoptionLevel) => ADOPTION_LEVELS.indexOf(level);
  return rows
    .sort((a, b) => rank(b.level) - rank(a.level) || a.name.localeCompare(b.name, 'zh-CN'))
    .map(outletView);
}

export async function findOutlet(db: Reader, id: string): Promise<OutletView | null> {
  const row = await db.outlet.findUnique({ where: { id }, select: outletSelect });
  return row === null ? null : outletView(row);
}

export async function findOutletByName(db: Reader, name: string): Promise<OutletView | null> {
  const row = await db.outlet.findUnique({ where: { name }, select: outletSelect });
  return row === null ? null : outletView(row);
}

export async function insertOutlet(
  tx: Tx,
  data: {
    readonly name: string;
    readonly level: AdoptionLevel;
    readonly kind: OutletKind;
    readonly now: Date;
  },
): Promise<OutletView> {
  return outletView(
    await tx.outlet.create({
      data: {
        name: data.name,
        level: data.level,
        kind: data.kind,
        createdAt: data.now,
        updatedAt: data.now,
      },
      select: outletSelect,
    }),
  );
}

export async function writeOutlet(
  tx: Tx,
  id: string,
  data: {
    readonly name?: string | undefined;
    readonly level?: AdoptionLevel | undefined;
    readonly kind?: OutletKind | undefined;
    readonly active?: boolean | undefined;
    readonly now: Date;
  },
): Promise<OutletView> {
  return outletView(
    await tx.outlet.update({
      where: { id },
      data: {
        ...(data.name === undefined ? {} : { name: data.name }),
        ...(data.level === undefined ? {} : { level: data.level }),
        ...(data.kind === undefined ? {} : { kind: data.kind }),
        ...(data.active === undefined ? {} : { active: data.active }),
        updatedAt: data.now,
      },
      select: outletSelect,
    }),
  );
}
