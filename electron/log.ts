// The workbench's log file: internal errors with their stack, so that a message an analyst reports
// ("错误 / Error: …") can be traced. One file per data folder, `<data folder>/logs/workbench.log`, shared by
// the CLI, the browser shell and the Electron main process. Logging never throws: a full disk must not turn
// a handled error into a crash.
import fs from 'node:fs';
import path from 'node:path';
import { isWorkbenchError, toWireError, type WireError } from '../shared/errors';
import { defaultDataDir } from './paths';

export const LOG_FILE_NAME = 'workbench.log';
/** Above this size the log is rotated once to `workbench.log.1`, so it never grows without bound. */
const MAX_LOG_BYTES = 5 * 1024 * 1024;

let logDirOverride: string | null = null;

/** The Electron main process keeps its data in `userData`; it points the log there. */
export function setLogDir(dir: string): void {
  logDirOverride = dir;
}

/** `PLAN_WORKBENCH_LOG_DIR` (tests), else the folder set by the shell, else `<data folder>/logs`. */
export function logDir(): string {
  return process.env.PLAN_WORKBENCH_LOG_DIR || logDirOverride || path.join(defaultDataDir(), 'logs');
}

export function logFilePath(): string {
  return path.join(logDir(), LOG_FILE_NAME);
}

function describe(e: unknown): string {
  if (e instanceof Error) {
    const stack = e.stack && e.stack.length > 0 ? e.stack : `${e.name}: ${e.message}`;
    const cause = e.cause !== undefined ? `\n  caused by: ${describe(e.cause)}` : '';
    return `${stack}${cause}`;
  }
  try {
    return JSON.stringify(e);
  } catch {
    return String(e);
  }
}

/** Appends one entry (`time level [where] text`, then the stack) to the log file. */
export function writeLog(level: 'error' | 'warn' | 'info', where: string, text: string): void {
  try {
    const file = logFilePath();
    fs.mkdirSync(path.dirname(file), { recursive: true });
    try {
      if (fs.statSync(file).size > MAX_LOG_BYTES) fs.renameSync(file, `${file}.1`);
    } catch {
      // No file yet.
    }
    fs.appendFileSync(file, `${new Date().toISOString()} ${level.toUpperCase()} [${where}] ${text}\n`);
  } catch {
    // The log is a help, never a failure of its own.
  }
}

export function logError(where: string, e: unknown): void {
  writeLog('error', where, describe(e));
}

/**
 * The error as it reaches a user, logged first when it is internal (not a WorkbenchError the user can act
 * on): the message always says something, and for an internal error it names the log file.
 */
export function reportError(where: string, e: unknown): WireError {
  if (isWorkbenchError(e) && e.code !== 'internal') return toWireError(e);
  logError(where, e);
  const file = logFilePath();
  const what = isWorkbenchError(e) ? e.message : errorText(e);
  return { code: 'internal', message: `内部错误：${what}（详情已记入日志 ${file}） / Internal error: ${what} (details logged to ${file})` };
}

/** Never empty: an assertion thrown with no message still says which kind of error it was. */
export function errorText(e: unknown): string {
  if (e instanceof Error) return e.message.trim() !== '' ? e.message : `${e.name}（无说明 / no message）`;
  const text = String(e);
  return text.trim() !== '' ? text : '（无说明 / no message）';
}
