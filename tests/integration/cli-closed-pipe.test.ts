// `workbench series --json | head`: the reader closes the pipe after a few bytes. The CLI stops writing and exits 0,
// saying nothing on stderr (before, Node printed an unhandled EPIPE error with its stack and exited 1).
import { spawn, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { BUILT_CLI } from '../helpers/cli';
import { makeTmpDir, removeDir } from '../helpers/tmp';
import { wideCsv } from '../helpers/wideCsv';

describe('the CLI when its reader closes the pipe early', () => {
  const dir = makeTmpDir('wb-cli-pipe-');
  afterAll(() => removeDir(dir));

  it('exits 0 without a stack trace', async () => {
    const db = path.join(dir, 'store.sqlite');
    expect(spawnSync(process.execPath, [BUILT_CLI, 'init', '--db', db], { encoding: 'utf8' }).status).toBe(0);
    const file = path.join(dir, 'wide.csv');
    fs.writeFileSync(file, wideCsv(3000, 24));
    expect(spawnSync(process.execPath, [BUILT_CLI, 'import', file, '--db', db], { encoding: 'utf8' }).status).toBe(0);
    // series --json writes its text in many pieces: once the reader is gone, the next piece fails to write.
    const child = spawn(process.execPath, [BUILT_CLI, 'series', '--json', '--db', db], { stdio: ['ignore', 'pipe', 'pipe'] });
    let stderr = '';
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    let first = 0;
    // 72,000 values are several MB of JSON, far more than a pipe holds.
    child.stdout.once('data', (d: Buffer) => {
      first = d.byteLength;
      child.stdout.destroy();
    });
    const code = await new Promise<number | null>((resolve) => child.once('exit', resolve));
    expect(first).toBeGreaterThan(0);
    expect(stderr).toBe('');
    expect(code).toBe(0);
  });
});
