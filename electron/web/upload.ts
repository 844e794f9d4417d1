// A file the page sends to the browser shell (POST /api/upload?name=…): streamed to a temporary file of this run,
// never held whole in memory nor carried inside a JSON call. The call that reads it names it by its upload id.
import crypto from 'node:crypto';
import fs from 'node:fs';
import type http from 'node:http';
import path from 'node:path';
import { pipeline } from 'node:stream/promises';
import { Transform } from 'node:stream';
import { WorkbenchError } from '../../shared/errors';
import { uploadPath } from '../service/fileInput';

export interface UploadedFile {
  uploadId: string;
  fileName: string;
  size: number;
}

/** Uploads older than this are removed when the next one arrives. */
const KEEP_UPLOADS_MS = 6 * 60 * 60 * 1000;

function tooLarge(limit: number): WorkbenchError {
  const mb = limit / 1024 / 1024;
  return new WorkbenchError('too_large', `文件过大（上限 ${mb} MB） / File too large (limit ${mb} MB)`);
}

function removeOldUploads(dir: string): void {
  const cutoff = Date.now() - KEEP_UPLOADS_MS;
  for (const name of fs.readdirSync(dir)) {
    const file = path.join(dir, name);
    try {
      if (fs.statSync(file).mtimeMs < cutoff) fs.rmSync(file, { force: true });
    } catch {
      // Gone meanwhile: nothing to remove.
    }
  }
}

export async function receiveUpload(req: http.IncomingMessage, dir: string, fileName: string, limit: number): Promise<UploadedFile> {
  const name = fileName.trim();
  // eslint-disable-next-line no-control-regex
  if (name.length === 0 || name.length > 255 || /[\u0000-\u001f\\/]/.test(name)) {
    req.resume();
    throw new WorkbenchError('bad_request', '上传的文件名无效 / The uploaded file name is not valid');
  }
  const declared = Number(req.headers['content-length'] ?? NaN);
  // Refused before reading a byte when the size is declared.
  if (Number.isFinite(declared) && declared > limit) {
    req.resume();
    throw tooLarge(limit);
  }
  removeOldUploads(dir);
  const uploadId = crypto.randomUUID();
  const target = uploadPath(dir, uploadId);
  let size = 0;
  // Past the limit the rest is read and dropped (not written), so the client still receives the 413 with its message
  // instead of a reset connection.
  const counter = new Transform({
    transform(chunk: Buffer, _enc, done) {
      size += chunk.length;
      done(null, size > limit ? undefined : chunk);
    },
  });
  try {
    await pipeline(req, counter, fs.createWriteStream(target, { flags: 'wx', mode: 0o600 }));
  } catch (e) {
    fs.rmSync(target, { force: true });
    throw new WorkbenchError('bad_request', `上传中断 / The upload was interrupted: ${(e as Error).message}`);
  }
  if (size > limit) {
    fs.rmSync(target, { force: true });
    throw tooLarge(limit);
  }
  return { uploadId, fileName: name, size };
}
