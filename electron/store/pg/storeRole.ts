// What the signed-in database role may do in a server store (issue 14). The server enforces it with its grants
// (migrations.ts PG_GRANTS); the workbench only reads it, to show a viewer a read-only grid and to name the role
// when the server refuses a write. A desk's own SQLite file has one user, who may do everything.
import type { StoreRole } from '../../../shared/contract/targetCalls';
import type { StoreDb } from '../storeDb';
import { PgError } from './pgConnection';
import { messageError } from '../../../shared/errors';

/** PostgreSQL's insufficient_privilege. */
export const NO_PRIVILEGE = '42501';

interface RoleRow {
  superuser: boolean;
  db_owner: boolean;
  owner: boolean;
  analyst: boolean;
}

/** The strongest workbench role the session's role holds (membership through other roles counts). */
export function storeRole(db: StoreDb): StoreRole {
  if (db.engine !== 'postgres') return 'owner';
  const member = (role: string) => `EXISTS (SELECT 1 FROM pg_roles r WHERE r.rolname = '${role}' AND pg_has_role(current_user, r.oid, 'MEMBER'))`;
  const row = db
    .prepare(
      `SELECT (SELECT rolsuper FROM pg_roles WHERE rolname = current_user) AS superuser,
              (SELECT datdba = (SELECT oid FROM pg_roles WHERE rolname = current_user) FROM pg_database WHERE datname = current_database()) AS db_owner,
              ${member('workbench_owner')} AS owner,
              ${member('workbench_analyst')} AS analyst`,
    )
    .get() as RoleRow;
  if (row.superuser || row.db_owner || row.owner) return 'owner';
  return row.analyst ? 'analyst' : 'viewer';
}

/** The role as the refusal names it: the login and what it may do, e.g. `wang（viewer）`. */
export function describeRole(login: string, role: StoreRole): string {
  return `${login}（${role}）`;
}

/** The session's login and workbench role, as a refusal names them. */
export function sessionRole(db: StoreDb): string {
  if (db.engine !== 'postgres') return describeRole('sqlite', 'owner');
  return describeRole(db.prepare('SELECT current_user').pluck().get() as string, storeRole(db));
}

/** A write the server refused for want of privilege, as the message the user reads (the transaction rolled back). */
export function permissionError(e: unknown, role: () => string): unknown {
  if (!(e instanceof PgError) || e.code !== NO_PRIVILEGE) return e;
  let named = '?';
  try {
    named = role();
  } catch {
    // the role could not be read: the refusal still stands
  }
  return messageError('forbidden', 'server.noPermission', { role: named }, e.message);
}
