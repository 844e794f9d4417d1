// The importer's refusal a test expects: the ImportFileError a read or parse ends with (anything else fails the test).
import { ImportFileError } from '../../../electron/import/importFileError';

export async function refusal(work: Promise<unknown>): Promise<ImportFileError> {
  try {
    await work;
  } catch (e) {
    if (e instanceof ImportFileError) return e;
    throw new Error(`expected an ImportFileError, got ${String(e)}`);
  }
  throw new Error('expected a refusal, but the file was accepted');
}
