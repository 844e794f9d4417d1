// The bytes of a file a call names (shared/contract/call.ts fileSchema): an upload of the browser shell, a path the
// CLI or the desktop app's open dialog gave, or a small inline file. Each form is checked before anything is read.
import fs from 'node:fs';
import path from 'node:path';
import type { FileInput } from '../../shared/contract/call';
import { MAX_FILE_BYTES } from '../../shared/contract/fileLimits';
import { messageError, WorkbenchError } from '../../shared/errors';
import type { ServiceContext } from './service';

const MB = 1024 * 1024;

/** Base64 to bytes, refusing text that is not base64 (Node would silently skip the foreign characters). */
export function decodeBase64(data: string): Uint8Array {
  const clean = data.replace(/\s+/g, '');
  if (!/^[A-Za-z0-9+/]*={0,2}$/.test(clean) || clean.length % 4 === 1) {
    throw messageError('bad_request', 'import.badBase64');
  }
  return Buffer.from(clean, 'base64');
}

function readChecked(file: string, shownName: string): Uint8Array {
  let stat: fs.Stats;
  try {
    stat = fs.statSync(file);
  } catch {
    throw new WorkbenchError('not_found', `找不到文件 ${shownName} / File not found: ${shownName}`);
  }
  if (!stat.isFile()) throw new WorkbenchError('bad_request', `${shownName} 不是文件 / ${shownName} is not a file`);
  if (stat.size > MAX_FILE_BYTES) {
    throw new WorkbenchError('bad_request', `文件过大（${(stat.size / MB).toFixed(0)} MB，上限 ${MAX_FILE_BYTES / MB} MB）：${shownName} / File too large (${(stat.size / MB).toFixed(0)} MB, limit ${MAX_FILE_BYTES / MB} MB): ${shownName}`);
  }
  return fs.readFileSync(file);
}

/** Where an upload of the browser shell is kept: its id is a UUID, so it cannot name anything outside the folder. */
export function uploadPath(uploadsDir: string, uploadId: string): string {
  return path.join(uploadsDir, uploadId);
}

export function fileBytes(ctx: Pick<ServiceContext, 'shell' | 'uploadsDir' | 'grantedPaths'>, file: FileInput): Uint8Array {
  if ('dataBase64' in file) return decodeBase64(file.dataBase64);
  if ('uploadId' in file) {
    if (!ctx.uploadsDir) throw new WorkbenchError('bad_request', '此处不接受上传的文件 / Uploads are not accepted here');
    return readChecked(uploadPath(ctx.uploadsDir, file.uploadId), file.fileName);
  }
  // A path: the CLI names files on its own machine; the desktop app only those its open dialog returned, so a
  // page that went wrong cannot read arbitrary files; the browser shell never (its files come as uploads).
  const allowed = ctx.shell === 'cli' || (ctx.shell === 'electron' && (ctx.grantedPaths?.has(path.resolve(file.path)) ?? false));
  if (!allowed) throw new WorkbenchError('unauthorized', `不能按路径读取文件，请通过“选择文件”打开 / Files cannot be read by path here; choose the file with the file dialog`);
  if (!path.isAbsolute(file.path)) throw new WorkbenchError('bad_request', `文件路径须为绝对路径：${file.path} / The file path must be absolute: ${file.path}`);
  return readChecked(file.path, file.fileName);
}
