import type { Db } from '@jyxc/db';
import type { Reader } from '../../shared/db.js';
import type { Tx } from '../../shared/context.js';

/** The one row of the installation (see the Installation model). */
const INSTALLATION_ID = 1;

/**
 * Whether the product still waits for its first run (DESIGN §7): nobody has ever been made an
 * administrator, by the setup or otherwise (the demo county, a restored backup). Once either
 * exists it never waits again, even if every administrator later leaves.
 */
export async function setupPending(db: Reader): Promise<boolean> {
  const [installation, admins] = await Promise.all([
    db.installation.findUnique({ where: { id: INSTALLATION_ID }, select: { id: true } }),
    adminCount(db),
  ]);
  return installation === null && admins === 0;
}

/** How many people have ever been made administrators (active or not). */
export function adminCount(db: Reader): Promise<number> {
  return db.personRole.count({ where: { role: 'admin' } });
}

/**
 * Writes the installation's row first thing in the setup's transaction: a second setup racing
 * this one fails here on the primary key (or waits for this one and then fails), before it
 * has created anything.
 */
export async function claimInstallation(
  tx: Tx,
  data: { readonly countyName: string; readonly setupAt: Date },
): Promise<void> {
  await tx.installation.create({ data: { id: INSTALLATION_ID, ...data, setupById: '' } });
}

export async function recordFirstAdmin(tx: Tx, personId: string): Promise<void> {
  await tx.installation.update({ where: { id: INSTALLATION_ID }, data: { setupById: personId } });
}

interface BureauRow {
  readonly id: string;
  readonly name: string;
}

const bureauFields = { id: true, name: true } as const;

export function findBureauRow(tx: Tx): Promise<BureauRow | null> {
  return tx.unit.findFirst({
    where: { kind: 'bureau' },
    orderBy: { createdAt: 'asc' },
    select: bureauFields,
  });
}

/** The bureau of a county that has none yet: the root of the unit tree. */
export function insertBureauRow(tx: Tx, name: string): Promise<BureauRow> {
  return tx.unit.create({
    data: { name, kind: 'bureau', code: 'bureau', parentId: null },
    select: bureauFields,
  });
}

export function renameUnitRow(tx: Tx, id: string, name: string): Promise<BureauRow> {
  return tx.unit.update({ where: { id }, data: { name }, select: bureauFields });
}

/** The county's name, once the setup has run. */
export async function countyName(db: Db): Promise<string | null> {
  const row = await db.installation.findUnique({
    where: { id: INSTALLATION_ID },
    select: { countyName: true },
  });
  return row?.countyName ?? null;
}
