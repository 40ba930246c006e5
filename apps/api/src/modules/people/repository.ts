/**
 * People and their roles (DESIGN §2): the one place that reads and writes the Person rows and
 * maps them to the domain's {@link Person}.
 */
import type { Db, Prisma } from '@jyxc/db';
import { ROLES, type Person, type Role, type UnitKind } from '@jyxc/domain';
import { everyUnit, jsonSize, ReadCache } from '../../cache/read-cache.js';
import type { Tx } from '../../shared/context.js';
import type { Reader, UnitScope } from '../../shared/db.js';
import { literalText } from '../../shared/search.js';

function isRole(value: string): value is Role {
  return (ROLES as readonly string[]).includes(value);
}

/** A person's roles as the rules read them: each once, only known ones. */
function rolesOf(rows: readonly { readonly role: string }[]): Role[] {
  return [...new Set(rows.map((r) => r.role).filter(isRole))];
}

// ---------------------------------------------------------------------------
// The county's people in the domain's shape
// ---------------------------------------------------------------------------

/** Everyone with their roles and an index by id, kept between requests until the next write. */
interface PeopleIndex {
  readonly list: readonly Person[];
  readonly byId: ReadonlyMap<string, Person>;
}

const peopleCache = new ReadCache<PeopleIndex>('people', {
  maxEntries: 1,
  maxBytes: 64 * 2 ** 20,
  sizeOf: (people) => jsonSize(people.list),
});

const PEOPLE = [everyUnit('Person', 'PersonRole')];

async function people(db: Db): Promise<PeopleIndex> {
  return peopleCache.read(db, 'people', 0, PEOPLE, async () => {
    const list = await readPeople(db);
    return { value: { list, byId: new Map(list.map((p) => [p.id, p])) } };
  });
}

/** Every person with their roles, in the domain's shape (a county has a few thousand). */
export async function loadPeople(db: Db): Promise<Person[]> {
  return [...(await people(db)).list];
}

/** Everyone by id (names of authors in lists, without a query per page). */
export async function peopleById(db: Db): Promise<ReadonlyMap<string, Person>> {
  return (await people(db)).byId;
}

async function readPeople(db: Db): Promise<Person[]> {
  const [rows, roles] = await Promise.all([
    db.person.findMany({
      select: { id: true, name: true, unitId: true, active: true },
      orderBy: { id: 'asc' },
    }),
    db.personRole.findMany({ select: { personId: true, role: true } }),
  ]);
  const rolesByPerson = new Map<string, { role: string }[]>();
  for (const r of roles) {
    const list = rolesByPerson.get(r.personId) ?? [];
    list.push(r);
    rolesByPerson.set(r.personId, list);
  }
  return rows.map((p) => ({ ...p, roles: rolesOf(rolesByPerson.get(p.id) ?? []) }));
}

/**
 * The people of some units, read through `db` (inside a transaction: what it sees, never the
 * kept list), for the recipients of messages.
 */
export async function peopleOfUnits(db: Reader, unitIds: readonly string[]): Promise<Person[]> {
  const rows = await db.person.findMany({
    where: { unitId: { in: [...unitIds] } },
    include: { roles: true },
    orderBy: { id: 'asc' },
  });
  return rows.map((p) => ({
    id: p.id,
    name: p.name,
    unitId: p.unitId,
    roles: rolesOf(p.roles),
    active: p.active,
  }));
}

/** Names of people by id (blank ids left out). */
export async function namesOf(db: Reader, ids: Iterable<string>): Promise<Map<string, string>> {
  const unique = [...new Set(ids)].filter((id) => id !== '');
  const rows = await db.person.findMany({
    where: { id: { in: unique } },
    select: { id: true, name: true },
  });
  return new Map(rows.map((r) => [r.id, r.name]));
}

// ---------------------------------------------------------------------------
// People as the console manages them
// ---------------------------------------------------------------------------

export interface PersonView {
  readonly id: string;
  readonly name: string;
  readonly username: string;
  readonly phone: string | null;
  readonly active: boolean;
  readonly unit: { readonly id: string; readonly name: string; readonly kind: UnitKind };
  readonly roles: Role[];
  /** Whether the person has linked a chat account on any channel (DESIGN §4). */
  readonly chatLinked: boolean;
  readonly hasPassword: boolean;
}

const personInclude = {
  unit: { select: { id: true, name: true, kind: true } },
  roles: { select: { role: true } },
  chatIdentities: { select: { id: true }, take: 1 },
} as const;

type PersonRow = Prisma.PersonGetPayload<{ include: typeof personInclude }>;

function personView(row: PersonRow): PersonView {
  return {
    id: row.id,
    name: row.name,
    username: row.username,
    phone: row.phone,
    active: row.active,
    unit: row.unit,
    roles: rolesOf(row.roles).sort((a, b) => ROLES.indexOf(a) - ROLES.indexOf(b)),
    chatLinked: row.chatIdentities.length > 0,
    hasPassword: row.passwordHash !== null,
  };
}

export interface PeopleFilter {
  readonly scope: UnitScope;
  readonly unitId?: string | undefined;
  readonly role?: Role | undefined;
  readonly active?: boolean | undefined;
  /** Part of a name or login name. */
  readonly q?: string | undefined;
}

/** People whose name or username holds `q` as typed (`%` and `_` are no wildcards). */
async function personText(db: Db, q: string): Promise<Prisma.PersonWhereInput> {
  const match = await literalText(db, 'Person', ['name', 'username'], q);
  return 'ids' in match
    ? { id: { in: match.ids } }
    : { OR: [{ name: { contains: match.contains } }, { username: { contains: match.contains } }] };
}

/** A page of people matching the filter, by unit order, then name. */
export async function findPeople(
  db: Db,
  filter: PeopleFilter,
  page: { readonly skip: number; readonly take: number },
): Promise<{ total: number; items: PersonView[] }> {
  const where: Prisma.PersonWhereInput = {
    AND: [
      filter.scope,
      filter.unitId !== undefined ? { unitId: filter.unitId } : {},
      filter.role !== undefined ? { roles: { some: { role: filter.role } } } : {},
      filter.active !== undefined ? { active: filter.active } : {},
      filter.q !== undefined ? await personText(db, filter.q) : {},
    ],
  };
  const [total, rows] = await Promise.all([
    db.person.count({ where }),
    db.person.findMany({
      where,
      include: personInclude,
      orderBy: [{ unit: { sortOrder: 'asc' } }, { name: 'asc' }, { id: 'asc' }],
      skip: page.skip,
      take: page.take,
    }),
  ]);
  return { total, items: rows.map(personView) };
}

/** One person with their unit and roles, or null. */
export async function findPerson(
  db: Reader,
  id: string,
): Promise<(PersonView & { readonly unitId: string }) | null> {
  const row = await db.person.findUnique({ where: { id }, include: personInclude });
  return row === null ? null : { ...personView(row), unitId: row.unitId };
}

/** Whether a person exists and is active, and their unit; null when unknown. */
export function findPersonState(
  db: Reader,
  id: string,
): Promise<{ id: string; unitId: string; active: boolean } | null> {
  return db.person.findUnique({ where: { id }, select: { id: true, unitId: true, active: true } });
}

/** The login fields of a person (for password checks), or null. */
export function findCredentials(db: Reader, id: string) {
  return db.person.findUnique({
    where: { id },
    select: { id: true, unitId: true, username: true, passwordHash: true },
  });
}

export interface NewPersonRow {
  readonly name: string;
  readonly username: string;
  readonly passwordHash: string;
  readonly unitId: string;
  readonly phone: string | null;
  readonly roles: readonly Role[];
}

export async function insertPerson(tx: Tx, data: NewPersonRow): Promise<PersonView> {
  const created = await tx.person.create({
    data: {
      name: data.name,
      username: data.username,
      passwordHash: data.passwordHash,
      unitId: data.unitId,
      phone: data.phone,
      roles: { create: data.roles.map((role) => ({ role, unitId: data.unitId })) },
    },
    include: personInclude,
  });
  return personView(created);
}

export interface PersonChanges {
  readonly name?: string | undefined;
  readonly active?: boolean | undefined;
  readonly phone?: string | null | undefined;
  /** A new unit. */
  readonly unitId?: string | undefined;
  /** The roles to hold from now on, in `rolesUnitId`. */
  readonly roles?: { readonly list: readonly Role[]; readonly unitId: string } | undefined;
}

/** Writes the changes of a person and answers them as they now are. */
export async function updatePersonRow(
  tx: Tx,
  id: string,
  changes: PersonChanges,
): Promise<PersonView> {
  const data: Prisma.PersonUpdateInput = {};
  if (changes.name !== undefined) data.name = changes.name;
  if (changes.active !== undefined) data.active = changes.active;
  if (changes.phone !== undefined) data.phone = changes.phone;
  if (changes.unitId !== undefined) data.unit = { connect: { id: changes.unitId } };
  await tx.person.update({ where: { id }, data });
  if (changes.roles !== undefined) {
    const { list, unitId } = changes.roles;
    await tx.personRole.deleteMany({ where: { personId: id } });
    if (list.length > 0) {
      await tx.personRole.createMany({
        data: list.map((role) => ({ personId: id, unitId, role })),
      });
    }
  }
  return personView(await tx.person.findUniqueOrThrow({ where: { id }, include: personInclude }));
}

/** Stores a new password hash. */
export async function setPasswordHash(tx: Tx, id: string, passwordHash: string): Promise<void> {
  await tx.person.update({ where: { id }, data: { passwordHash } });
}

/** What an import compares a row with: everyone's login name, unit, roles and phone. */
export async function personLogins(db: Reader) {
  const rows = await db.person.findMany({
    select: {
      id: true,
      name: true,
      username: true,
      unitId: true,
      phone: true,
      roles: { select: { role: true } },
    },
  });
  return rows.map((r) => ({ ...r, roles: rolesOf(r.roles) }));
}
