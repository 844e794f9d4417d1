// A new store for a benchmark, opened exactly as the workbench opens one (openStore: WAL, synchronous NORMAL,
// foreign keys, every migration), so that floors and imports are measured under the settings analysts run with.
import fs from 'node:fs';
import { openStore } from '../electron/store/openStore';
import type { SqliteStore } from '../electron/store/sqliteStore';

export function benchStore(file: string): SqliteStore {
  for (const suffix of ['', '-wal', '-shm']) fs.rmSync(file + suffix, { force: true });
  return openStore(file);
}
