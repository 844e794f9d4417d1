// Opens a workbench store on a PostgreSQL server: connects (the password from PGPASSFILE/~/.pgpass or the
// environment, never from the workbench's own files), refuses a database that holds someone else's tables or a
// newer workbench's schema, and brings an older schema up to date in one transaction, under a lock, so two
// workbenches starting at once do not both migrate.
import type pg from 'pg';
import { messageError } from '../../../shared/errors';
import { PG_BASE, PG_BASE_VERSION, PG_GRANTS, PG_MIGRATIONS, SCHEMA_VERSION } from '../migrations';
import { PgConnection } from './pgConnection';
import { PgStore } from './pgStore';
import { permissionError, sessionRole } from './storeRole';

/** Is this store location a server (`postgres://…` or `postgresql://…`)? */
export function isServerLocation(location: string): boolean {
  return /^postgres(ql)?:\/\//i.test(location);
}

/** The URL as shown to people and written to logs: any password replaced. */
export function displayLocation(url: string): string {
  try {
    const u = new URL(url);
    if (u.password) u.password = '***';
    return u.toString();
  } catch {
    return url.replace(/:[^:@/]*@/, ':***@');
  }
}

const MIGRATION_LOCK_KEY = 7_202_612;

export interface OpenPgOptions {
  /** May an empty database be set up as a workbench store (init, or the owner's first start)? */
  create?: boolean;
}

/** Connection settings from the URL; the driver reads PGPASSFILE / ~/.pgpass when the URL has no password. */
function clientConfig(url: string): pg.ClientConfig {
  return { connectionString: url, application_name: 'plan-workbench' };
}

export function openPgStore(url: string, options: OpenPgOptions = {}): PgStore {
  const location = displayLocation(url);
  const connection = new PgConnection(clientConfig(url));
  try {
    connection.connect();
  } catch (e) {
    connection.close();
    throw messageError('store', 'server.cannotConnect', { location, reason: (e as Error).message });
  }
  const store = new PgStore(connection, location);
  try {
    migrate(store, location, options);
    return store;
  } catch (e) {
    store.close();
    throw e;
  }
}

function schemaVersion(store: PgStore): number | null {
  const exists = store.prepare("SELECT to_regclass('workbench_schema') IS NOT NULL AS present").pluck().get() as boolean;
  if (!exists) return null;
  return store.prepare('SELECT version FROM workbench_schema').pluck().get() as number;
}

function migrate(store: PgStore, location: string, options: OpenPgOptions): void {
  const seen = schemaVersion(store);
  if (seen !== null && seen > SCHEMA_VERSION) throw messageError('store', 'server.newerVersion', { version: seen, known: SCHEMA_VERSION });
  if (seen === SCHEMA_VERSION) return;
  // The lock is the session's, taken before the transaction begins: a transaction that began before waiting could
  // still see the catalogue as it was (PostgreSQL caches "no such table" until the next transaction starts), and
  // take a colleague's fresh set-up for someone else's tables.
  store.prepare('SELECT pg_advisory_lock(?)').get(MIGRATION_LOCK_KEY);
  try {
    store.runTransaction(() => {
      // Another workbench may have set up or migrated the store while this one waited for the lock. Whether the
      // database is empty is asked only here, under the lock: asked before it, a colleague's set-up committing in
      // between would look like someone else's tables (tests/integration/server-schema.test.ts).
      const found = schemaVersion(store);
      if (found === null) {
        const others = store.prepare('SELECT COUNT(*) FROM pg_tables WHERE schemaname = current_schema()').pluck().get() as number;
        if (others > 0) throw messageError('store', 'server.notWorkbench', { location });
        if (!options.create) throw messageError('store', 'server.needsSetup', { location });
      }
      let version = found ?? 0;
      if (version > SCHEMA_VERSION) throw messageError('store', 'server.newerVersion', { version, known: SCHEMA_VERSION });
      if (version === SCHEMA_VERSION) return;
      if (version === 0) {
        store.exec(PG_BASE);
        version = PG_BASE_VERSION;
      }
      for (let v = version + 1; v <= SCHEMA_VERSION; v++) {
        const step = PG_MIGRATIONS[v];
        if (step === undefined) throw new Error(`no PostgreSQL form of migration ${v}`);
        store.exec(step);
      }
      store.exec(PG_GRANTS);
      store.prepare('UPDATE workbench_schema SET version = ?').run(SCHEMA_VERSION);
    }, false);
  } catch (e) {
    // Setting up or upgrading a server store is the plan owner's or the DBA's.
    throw permissionError(e, () => sessionRole(store));
  } finally {
    try {
      store.prepare('SELECT pg_advisory_unlock(?)').get(MIGRATION_LOCK_KEY);
    } catch {
      // the connection is gone, and the session's lock with it; the error that matters is the one above
    }
  }
}
