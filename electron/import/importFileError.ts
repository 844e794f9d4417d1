// A whole-file refusal: the file cannot be imported at all (corrupt, wrong type, too large, empty, no table), or
// an import/undo the store refuses. Cell-level issues are CellProblems instead, so the analyst can skip them.
// It is a WorkbenchError so it crosses IPC/HTTP/CLI like any other; `reason` says which refusal it is.

import { WorkbenchError, type ErrorCode } from '../../shared/errors';

export type ImportFileErrorReason =
  | 'empty'
  | 'corrupt'
  | 'wrong_type'
  | 'zip_bomb'
  | 'too_many_entries'
  | 'too_many_sheets'
  | 'too_large'
  | 'encoding'
  | 'no_table'
  | 'sheet_not_found'
  | 'invalid_mapping'
  | 'refused_problems'
  | 'batch_not_found'
  | 'batch_undone'
  | 'batch_superseded';

const WIRE_CODES: Partial<Record<ImportFileErrorReason, ErrorCode>> = {
  sheet_not_found: 'not_found',
  batch_not_found: 'not_found',
  batch_undone: 'conflict',
  batch_superseded: 'conflict',
};

export class ImportFileError extends WorkbenchError {
  constructor(
    public readonly reason: ImportFileErrorReason,
    message: string,
    details?: Record<string, unknown>,
  ) {
    super(WIRE_CODES[reason] ?? 'bad_request', message, { reason, ...details });
    this.name = 'ImportFileError';
  }
}
