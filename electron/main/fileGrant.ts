// A file the window picked, as the preload reports it (webUtils.getPathForFile): checked here before the service
// process may read it by path. Only real files of a sensible size are granted; nothing else can be named by path.
import fs from 'node:fs';
import path from 'node:path';
import { MAX_FILE_BYTES, type FileInput } from '../../shared/contract/call';
import { WorkbenchError } from '../../shared/errors';

export function grantableFile(raw: unknown): FileInput & { path: string } {
  if (typeof raw !== 'string' || raw.length === 0 || raw.length > 4096 || !path.isAbsolute(raw)) {
    throw new WorkbenchError('bad_request', '无法读取所选文件的位置 / The chosen file has no readable location');
  }
  let stat: fs.Stats;
  try {
    stat = fs.statSync(raw);
  } catch {
    throw new WorkbenchError('not_found', `找不到文件 ${raw} / File not found: ${raw}`);
  }
  if (!stat.isFile()) throw new WorkbenchError('bad_request', `${raw} 不是文件 / ${raw} is not a file`);
  if (stat.size > MAX_FILE_BYTES) {
    throw new WorkbenchError('too_large', `文件过大（上限 ${MAX_FILE_BYTES / 1024 / 1024} MB）：${raw} / File too large (limit ${MAX_FILE_BYTES / 1024 / 1024} MB): ${raw}`);
  }
  const resolved = path.resolve(raw);
  return { fileName: path.basename(resolved), path: resolved };
}
