// A fresh store on each engine, so a suite can run the same tests on SQLite and on PostgreSQL
// (`describe.each(ENGINES)`): a file in a temporary folder, or a new database on the test server (tests/helpers/pg.ts).
import path from 'node:path';
import { afterEach, beforeEach } from 'vitest';
import { openStoreAt, openWorkbench } from '../../electron/openWorkbench';
import type { Store } from '../../electron/store/openStore';
import type { StoreEngine } from '../../electron/store/storeDb';
import type { Service } from '../../electron/service/service';
import { dropDatabase, freshDatabase } from './pg';
import { makeTmpDir, removeDir } from './tmp';

export const ENGINES: readonly StoreEngine[] = ['sqlite', 'postgres'];

export interface StorePlace {
  engine: StoreEngine;
  /** What --db takes: the file's path or the database's URL. */
  location: string;
  /** Removes the file's folder or drops the database. */
  remove: () => Promise<void>;
}

/** Where a new, empty store can be made on `engine` (nothing created yet: a free path, an empty database). */
export async function freshPlace(engine: StoreEngine, prefix = 'wb'): Promise<StorePlace> {
  if (engine === 'sqlite') {
    const dir = makeTmpDir(`${prefix}-`);
    return { engine, location: path.join(dir, 'store.sqlite'), remove: async () => removeDir(dir) };
  }
  const db = await freshDatabase(prefix);
  return { engine, location: db.url, remove: () => dropDatabase(db.name) };
}

/** A new store at a fresh place, set up (schema) but not seeded. */
export async function freshStore(engine: StoreEngine, prefix?: string): Promise<StorePlace & { db: Store }> {
  const place = await freshPlace(engine, prefix);
  return { ...place, db: openStoreAt(place.location, { create: true }) };
}

/** The service over a new store, seeded with the 2025 plan as `init` leaves it. */
export async function freshService(engine: StoreEngine, shell: 'cli' | 'web' = 'cli', prefix?: string): Promise<StorePlace & { service: Service }> {
  const place = await freshPlace(engine, prefix);
  return { ...place, service: openWorkbench(place.location, shell, { create: true }) };
}

/**
 * Gives every test of the calling describe block a fresh seeded service on `engine` and an empty temporary folder
 * (through `use`), and closes, drops and removes them after it.
 */
export function freshServiceEachTest(engine: StoreEngine, shell: 'cli' | 'web', prefix: string, use: (fresh: { service: Service; dir: string }) => void, dirPrefix?: string): void {
  let place: StorePlace | null = null;
  let current: { service: Service; dir: string } | null = null;
  beforeEach(async () => {
    const dir = makeTmpDir(dirPrefix);
    const fresh = await freshService(engine, shell, prefix);
    place = fresh;
    current = { service: fresh.service, dir };
    use(current);
  });
  afterEach(async () => {
    current?.service.ctx.db.close();
    if (current) removeDir(current.dir);
    await place?.remove();
    place = null;
    current = null;
  });
}
