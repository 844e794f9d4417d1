// Colleagues' commits on a server store, as the `changed` events the shells already push to the renderer (SSE in
// the browser shell, the window's MessagePort in the desktop app), so an open grid reloads within seconds.
// The store's triggers NOTIFY one message per table and transaction (migrations.ts); this folds a burst of them
// into one event, leaves out the workbench's own sessions (their calls already said `changed`), and names the
// colleague when the committing session is still connected.
import type { ServiceEvent } from '../../../shared/contract/events';
import type { StoreDb } from '../../store/storeDb';
import type { Notification } from '../../store/pg/pgConnection';

/** What a session calls itself on the server (application_name), so colleagues can name its author. */
export const SESSION_NAME_PREFIX = 'plan-workbench:';

/** application_name is cut by the server at 63 bytes: the prefix and the name, whole characters only. */
export function sessionName(user: string): string {
  let name = SESSION_NAME_PREFIX;
  for (const ch of user) {
    if (Buffer.byteLength(name + ch) > 63) break;
    name += ch;
  }
  return name;
}

/** The author a session stands for: the name it gave itself, else its database role. */
export function authorOf(session: { usename: string | null; application_name: string | null }): string | null {
  const app = session.application_name ?? '';
  if (app.startsWith(SESSION_NAME_PREFIX) && app.length > SESSION_NAME_PREFIX.length) return app.slice(SESSION_NAME_PREFIX.length);
  return session.usename;
}

/** Names the session on the server, so a colleague's workbench can say who changed what. */
export function nameSession(db: StoreDb, user: string): void {
  if (db.engine !== 'postgres') return;
  db.prepare("SELECT set_config('application_name', ?, false)").get(sessionName(user));
}

/** The authors of the sessions that are still connected (one that has ended is simply not named). */
export function sessionAuthors(db: StoreDb, processIds: readonly number[]): string[] {
  if (processIds.length === 0) return [];
  const rows = db
    .prepare("SELECT usename, application_name FROM pg_stat_activity WHERE pid = ANY(string_to_array(?, ',')::int[]) ORDER BY pid")
    .all(processIds.join(',')) as { usename: string | null; application_name: string | null }[];
  return [...new Set(rows.map(authorOf).filter((a): a is string => !!a))];
}

export interface ColleagueChangesOptions {
  /** How long a burst of notifications is gathered before one event goes out. */
  settleMs: number;
  authors: (processIds: readonly number[]) => string[];
  emit: (event: ServiceEvent) => void;
}

export class ColleagueChanges {
  private own = new Set<number>();
  private tables = new Set<string>();
  private sessions = new Set<number>();
  private timer: ReturnType<typeof setTimeout> | null = null;

  constructor(private readonly options: ColleagueChangesOptions) {}

  /** The server sessions of this workbench (its service threads and import jobs). */
  setOwnSessions(processIds: Iterable<number>): void {
    this.own = new Set(processIds);
  }

  notice(n: Notification): void {
    if (this.own.has(n.processId)) return;
    if (n.payload) this.tables.add(n.payload);
    this.sessions.add(n.processId);
    if (!this.timer) this.timer = setTimeout(() => this.flush(), this.options.settleMs);
  }

  flush(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    if (this.sessions.size === 0) return;
    const tables = [...this.tables].sort();
    const sessions = [...this.sessions];
    this.tables = new Set();
    this.sessions = new Set();
    let colleagues: string[] = [];
    try {
      colleagues = this.options.authors(sessions);
    } catch {
      // Naming is a courtesy: the change is reported all the same.
    }
    this.options.emit({ type: 'changed', by: 'colleague', tables, ...(colleagues.length > 0 ? { colleagues } : {}) });
  }

  stop(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
  }
}
