// `series --json` written as it is formatted (seriesJsonBytes.ts), from one state of the store. A two-thread
// version (a worker reading and formatting the second half) was built in round 6 and measured slower on this
// 2-core machine even at a load of 2.5 (3.9 s against 2.7–3.1 s, 3.7 s of CPU against 2.6, 253 MB against
// 147 MB), so it was removed rather than kept switched off.
import { compareSeries } from '../import/commitImport';
import type { Store } from '../store/openStore';
import { currentValues, seriesCatalog } from '../store/seriesDataRepo';
import { writeBytes, type CliIO } from './context';
import { seriesJsonBytes } from './seriesJsonBytes';

/**
 * Writes `series --json`'s text to `io`: every series (natural name order) with its current values, exactly
 * `JSON.stringify(list.map(seriesJson), null, 2)` and a line break. On SQLite the list and the values are read in
 * one read transaction, so an import committed meanwhile by another connection is either wholly in it or not.
 */
export async function writeSeriesJson(io: CliIO, db: Store): Promise<void> {
  const write = () => writeBytes(io, seriesJsonBytes(seriesCatalog(db).sort(compareSeries), currentValues(db)));
  if (db.engine !== 'sqlite' || db.inTransaction) {
    await write();
    return;
  }
  db.exec('BEGIN');
  try {
    await write();
  } finally {
    db.exec('COMMIT');
  }
}
