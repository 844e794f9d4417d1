// LibreOffice, installed from Debian (as on CI). A test that needs it fails saying so when it is missing, rather
// than skipping: a workbook saved by LibreOffice is part of what the readers must read.
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { makeTmpDir, removeDir } from './tmp';

export const SOFFICE_PATHS = ['/usr/bin/soffice', '/usr/local/bin/soffice'];

export function requireSoffice(): string {
  const found = SOFFICE_PATHS.find((p) => fs.existsSync(p));
  if (!found) throw new Error(`LibreOffice (soffice) not found at ${SOFFICE_PATHS.join(' or ')}: apt-get install -y libreoffice-calc`);
  return found;
}

/** `soffice --headless --convert-to FORMAT` of one file, in a profile of its own; the converted file's bytes. */
export function sofficeConvert(input: string, format: string): Buffer {
  const soffice = requireSoffice();
  const work = makeTmpDir('wb-soffice-');
  try {
    const out = path.join(work, 'out');
    execFileSync(soffice, [`-env:UserInstallation=file://${path.join(work, 'profile')}`, '--headless', '--norestore', '--convert-to', format, '--outdir', out, input], {
      stdio: 'ignore',
      timeout: 120_000,
    });
    const name = `${path.basename(input).replace(/\.[^.]*$/, '')}.${format.replace(/:.*$/, '')}`;
    return fs.readFileSync(path.join(out, name));
  } finally {
    removeDir(work);
  }
}
