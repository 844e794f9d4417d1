// Where a CLI command writes a file: checked before any work is done, so a wrong path fails in a second
// with one clear line instead of after the export has been computed.
import fs from 'node:fs';
import path from 'node:path';

/** The resolved path of the output file; throws a bilingual one-line error when it cannot be written. */
export function checkedOutputPath(given: string | undefined, extension: '.xlsx' | '.pdf' | '.docx' | readonly ('.pdf' | '.docx')[], usage: string): string {
  if (!given) throw new Error(`缺少输出文件名，用法：${usage} / Missing the output file; usage: ${usage}`);
  const file = path.resolve(given);
  const allowed: readonly string[] = typeof extension === 'string' ? [extension] : extension;
  if (!allowed.includes(path.extname(file).toLowerCase())) {
    const ends = allowed.join(' / ');
    throw new Error(`输出文件应以 ${ends} 结尾：${given} / The output file must end in ${ends}: ${given}`);
  }
  const dir = path.dirname(file);
  if (!fs.existsSync(dir) || !fs.statSync(dir).isDirectory()) {
    throw new Error(`目录不存在：${dir} / No such directory: ${dir}`);
  }
  if (fs.existsSync(file) && fs.statSync(file).isDirectory()) {
    throw new Error(`${file} 是一个目录 / ${file} is a directory`);
  }
  try {
    fs.accessSync(fs.existsSync(file) ? file : dir, fs.constants.W_OK);
  } catch {
    throw new Error(`无法写入 ${file}（没有写权限） / Cannot write ${file} (permission denied)`);
  }
  return file;
}

/** Writes the file, turning a failure into one bilingual line. */
export function writeOutput(file: string, bytes: Uint8Array): void {
  try {
    fs.writeFileSync(file, bytes);
  } catch (e) {
    throw new Error(`无法写入 ${file}：${(e as Error).message} / Cannot write ${file}: ${(e as Error).message}`);
  }
}

/** `2025-10`; checked here too so a typo fails before the store is opened. */
export function checkedMonth(value: string | undefined, flag: string): string | undefined {
  if (value === undefined) return undefined;
  if (!/^\d{4}-(0[1-9]|1[0-2])$/.test(value)) {
    throw new Error(`--${flag} 的格式应为 YYYY-MM（例如 2025-10），收到“${value}” / --${flag} must be YYYY-MM (e.g. 2025-10), got "${value}"`);
  }
  return value;
}

export function elapsedSeconds(start: number): string {
  return ((performance.now() - start) / 1000).toFixed(2);
}
