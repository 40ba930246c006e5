/**
 * The first run (DESIGN §7): on an empty database the product waits in setup mode until the
 * county's bureau and its first administrator exist. The console's setup page and
 * `pnpm setup:admin` both end up here.
 */
import type { Db } from '@jyxc/db';
import type { Actor } from '../../context.js';
import { audit } from '../../shared/audit.js';
import type { ServiceContext } from '../../shared/context.js';
import { inTransaction, isUniqueViolation } from '../../shared/db.js';
import { ServiceError } from '../../shared/errors.js';
import { assertPasswordPolicy, forgetAllSessions, hashPassword } from '../auth/service.js';
import { insertPerson } from '../people/service.js';
import {
  adminCount,
  claimInstallation,
  findBureauRow,
  insertBureauRow,
  recordFirstAdmin,
  renameUnitRow,
  setupPending,
} from './repository.js';

export { countyName, setupPending } from './repository.js';

export interface SetupInput {
  readonly countyName: string;
  readonly bureauName: string;
  readonly username: string;
  readonly name: string;
  readonly password: string;
}

export interface SetupResult {
  readonly countyName: string;
  readonly bureau: { readonly id: string; readonly name: string };
  readonly admin: { readonly id: string; readonly username: string; readonly name: string };
}

/** The answer to any setup once an administrator exists: the setup is gone for good. */
export function setupDone(): ServiceError {
  return new ServiceError('not_found', 'SETUP.DONE', '系统已完成初始化，设置入口已关闭');
}

/**
 * Creates the bureau (or names the one already there) and the first administrator, and
 * records it in the audit log as the administrator's own act, in one transaction. Refused
 * once an administrator exists; of two setups at the same moment exactly one succeeds.
 */
export async function completeSetup(
  deps: { readonly db: Db; readonly now: Date; readonly requestId: string },
  input: SetupInput,
): Promise<SetupResult> {
  assertPasswordPolicy(input.password, input.username, 'password');
  if (!(await setupPending(deps.db))) throw setupDone();
  const passwordHash = await hashPassword(input.password);
  let result: SetupResult;
  try {
    result = await inTransaction(deps, async (tx) => {
      // The claim first: a concurrent setup stops here, before writing anything.
      await claimInstallation(tx, { countyName: input.countyName, setupAt: deps.now });
      if ((await adminCount(tx)) > 0) throw setupDone();
      const existing = await findBureauRow(tx);
      const bureau =
        existing === null
          ? await insertBureauRow(tx, input.bureauName)
          : await renameUnitRow(tx, existing.id, input.bureauName);
      const admin = await insertPerson(tx, {
        name: input.name,
        username: input.username,
        passwordHash,
        unitId: bureau.id,
        phone: null,
        roles: ['admin'],
      }).catch((error: unknown) => {
        if (!isUniqueViolation(error)) throw error;
        throw new ServiceError('conflict', 'PERSON.USERNAME_TAKEN', '用户名已被使用', {
          path: 'username',
        });
      });
      await recordFirstAdmin(tx, admin.id);
      const actor: Actor = {
        personId: admin.id,
        name: admin.name,
        username: admin.username,
        unit: { id: bureau.id, name: bureau.name, kind: 'bureau' },
        roles: ['admin'],
      };
      const ctx: ServiceContext = { ...deps, actor, via: 'user' };
      await audit(tx, ctx, {
        action: 'setup.complete',
        entity: 'Installation',
        entityId: null,
        unitId: bureau.id,
        before: existing === null ? null : { bureau: { id: existing.id, name: existing.name } },
        after: {
          countyName: input.countyName,
          bureau: { id: bureau.id, name: bureau.name },
          admin: { id: admin.id, username: admin.username, name: admin.name },
        },
      });
      return {
        countyName: input.countyName,
        bureau: { id: bureau.id, name: bureau.name },
        admin: { id: admin.id, username: admin.username, name: admin.name },
      };
    });
  } catch (error) {
    // The other setup of a race claimed the installation first (or took the username).
    if (isUniqueViolation(error)) throw setupDone();
    throw error;
  }
  forgetAllSessions(deps.db);
  return result;
}
