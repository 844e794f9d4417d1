// copy-store: a desk's store to the server and back (and file to file, server to server), exactly, ids kept;
// store-digest: the fingerprint that shows two stores hold the same (storeDigest.ts).
import fs from 'node:fs';
import { WorkbenchError } from '../../../shared/errors';
import { permissionError, sessionRole } from '../../store/pg/storeRole';
import { openStoreAt } from '../../openWorkbench';
import { copyStore } from '../../store/storeCopy';
import { storeDigest, type StoreDigest } from '../../store/storeDigest';
import { isServerLocation, resolveStoreLocation, shownLocation } from '../../store/location';
import type { Store } from '../../store/openStore';
import type { CliCommand } from '../context';

function tableLines(d: StoreDigest): string {
  return d.tables.map((t) => `  ${t.name.padEnd(16)} ${String(t.rows).padStart(9)}`).join('\n');
}

function digestLine(d: StoreDigest): string {
  return `数据摘要 / Store digest: sha256:${d.sha256} (schema ${d.schemaVersion})`;
}

function requiredFlag(value: string | undefined, name: string): string {
  if (!value) throw new Error(`缺少 --${name} / Missing --${name}`);
  return resolveStoreLocation(value);
}

/** A SQLite target that did not exist before and a failed copy would leave behind, empty: removed again. */
function removeNewFile(file: string): void {
  for (const f of [file, `${file}-wal`, `${file}-shm`]) fs.rmSync(f, { force: true });
}

/** The copy, with the server's refusal of a role that may not write every table said in words. */
function copyTo(source: Store, target: Store): ReturnType<typeof copyStore> {
  try {
    return copyStore(source, target);
  } catch (e) {
    // Copying in writes plans and moves sequences, which only the plan owner or DBA may.
    throw permissionError(e, () => sessionRole(target));
  }
}

export const copyStoreCommand: CliCommand = {
  name: 'copy-store',
  summary: '把整个数据文件/服务器数据库原样复制到另一处（目标须为空） / Copy a whole store to another place, exactly (the target must be empty)',
  usage: 'copy-store --from PATH|postgres://… --to PATH|postgres://…',
  valueFlags: ['from', 'to'],
  run: (ctx) => {
    const from = requiredFlag(ctx.flag('from'), 'from');
    const to = requiredFlag(ctx.flag('to'), 'to');
    if (from === to) throw new WorkbenchError('store', `来源与目标是同一个数据文件：${shownLocation(from)} / The source and the target are the same store: ${shownLocation(from)}`);
    const newFile = !isServerLocation(to) && !fs.existsSync(to);
    let source: Store | null = null;
    let target: Store | null = null;
    let done = false;
    try {
      source = openStoreAt(from);
      // The target may be new: a file that does not exist yet, or an empty database (set up here, never seeded).
      target = openStoreAt(to, { create: true });
      const result = copyTo(source, target);
      done = true;
      if (result.outcome === 'identical') {
        ctx.out(`无需复制：目标与来源完全相同 / Nothing to copy: the target is identical to the source\n${digestLine(result.digest)}`);
      } else {
        ctx.out(
          `已复制 / Copied: ${shownLocation(from)} → ${shownLocation(to)}\n${tableLines(result.digest)}\n${digestLine(result.digest)}`,
        );
      }
      return 0;
    } finally {
      source?.close();
      target?.close();
      if (!done && newFile) removeNewFile(to);
    }
  },
};

export const storeDigestCommand: CliCommand = {
  name: 'store-digest',
  summary: '数据文件的摘要（各表行数与 sha256），用于确认两处数据完全相同 / The store digest (rows per table, sha256): two stores with one digest hold the same',
  usage: 'store-digest [--db PATH|postgres://…]',
  run: (ctx) => {
    const db = openStoreAt(ctx.dbPath);
    try {
      const d = db.transaction(() => {
        if (db.engine === 'postgres') db.exec('SET TRANSACTION ISOLATION LEVEL REPEATABLE READ, READ ONLY');
        return storeDigest(db);
      })();
      ctx.out(`${shownLocation(ctx.dbPath)}\n${tableLines(d)}\n${digestLine(d)}`);
      return 0;
    } finally {
      db.close();
    }
  },
};
