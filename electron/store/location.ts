// Where a store is: a SQLite file (a path, relative to where the user typed it) or a PostgreSQL server
// (`postgres://analyst@host/plan`), which is never touched as a path.
import path from 'node:path';
import { displayLocation, isServerLocation } from './pg/openPgStore';

export { displayLocation, isServerLocation };

export function resolveStoreLocation(value: string, cwd: string = process.cwd()): string {
  return isServerLocation(value) ? value : path.resolve(cwd, value);
}

/** The store's place as shown to people: a path as is, a URL without its password. */
export function shownLocation(location: string): string {
  return isServerLocation(location) ? displayLocation(location) : location;
}
