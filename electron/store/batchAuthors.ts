// Who imported each batch and who undid it (issue 14). Kept apart from the import itself: the import writes the
// batch; this records the undoer in the same transaction as the undo and reads both authors back for the history.
import type { ImportBatch } from '../../shared/domain/series';
import type { Store } from './openStore';
import { writeTransaction } from './writeTransaction';

/** Runs the undo of one batch and records who undid it and when, in one write transaction. */
export function undoBatchAs<T>(db: Store, batchId: number, user: string, undo: () => T, now = new Date()): T {
  return writeTransaction(db, () => {
    const result = undo();
    db.prepare('UPDATE import_batches SET undone_by = ?, undone_at = ? WHERE id = ?').run(user, now.toISOString(), batchId);
    return result;
  });
}

interface AuthorRow {
  id: number;
  imported_by: string | null;
  undone_by: string | null;
  undone_at: string | null;
}

/** The batches with their authors filled in. */
export function withBatchAuthors(db: Store, batches: ImportBatch[]): ImportBatch[] {
  const rows = db.prepare('SELECT id, imported_by, undone_by, undone_at FROM import_batches').all() as AuthorRow[];
  const byId = new Map(rows.map((r) => [r.id, r]));
  return batches.map((b) => {
    const r = byId.get(b.id);
    return { ...b, importedBy: r?.imported_by ?? '', undoneBy: r?.undone_by ?? null, undoneAt: r?.undone_at ?? null };
  });
}
