// Every zod schema the project defines, by a stable name: each contract call's arguments, and the other schemas
// that check what enters the Node side (mappings, drafts, settings, seeds, the stored statements). The schema
// equality test (tests/unit/schema-equality.test.ts) replays a recorded corpus of inputs through each of them.
import { contract, CALL_NAMES } from '../../shared/contract';
import { fileSchema, idSchema } from '../../shared/contract/call';
import { plausibleNumber, safeText, safeTextMax } from '../../shared/contract/safeSchemas';
import { statementRefSchema, targetDraftSchema } from '../../shared/contract/targetDraft';
import { commitImportArgs, headerRowHintSchema, previewImportArgs, startImportArgs } from '../../shared/contract/importCalls';
import { commitPlanArgs } from '../../shared/contract/planCalls';
import { briefArgsSchema, gridViewSchema } from '../../shared/contract/handoffCalls';
import { monthSchema } from '../../shared/contract/varianceCalls';
import {
  columnsMappingSchema,
  gridMappingSchema,
  longMappingSchema,
  periodColumnSchema,
  rowOverrideSchema,
  seriesColumnSchema,
  sheetMappingSchema,
} from '../../shared/import/mapping';
import { storeSettingsRequestSchema } from '../../shared/settings/storeLocation';
import { settingsSchema } from '../../electron/main/storeSettings';
import { manifestSchema, seedTargetsSchema } from '../../electron/store/seed';
import { storedStatementsSchema } from '../../electron/store/targetsRepo';

/** What the test needs of a schema, whichever zod API built it. */
export interface ParsingSchema {
  safeParse(input: unknown): { success: boolean; data?: unknown; error?: { issues: readonly unknown[] } };
}

export function projectSchemas(): Record<string, ParsingSchema> {
  const schemas: Record<string, ParsingSchema> = {};
  for (const name of CALL_NAMES) schemas[`call.${name}`] = contract[name].args;
  Object.assign(schemas, {
    idSchema,
    fileSchema,
    plausibleNumber,
    safeText,
    'safeTextMax(5)': safeTextMax(5),
    'safeTextMax(8, 3)': safeTextMax(8, 3),
    statementRefSchema,
    targetDraftSchema,
    headerRowHintSchema,
    previewImportArgs,
    commitImportArgs,
    startImportArgs,
    commitPlanArgs,
    gridViewSchema,
    briefArgsSchema,
    monthSchema,
    periodColumnSchema,
    rowOverrideSchema,
    gridMappingSchema,
    seriesColumnSchema,
    columnsMappingSchema,
    longMappingSchema,
    sheetMappingSchema,
    storeSettingsRequestSchema,
    'storeSettings.settingsSchema': settingsSchema,
    'seed.manifestSchema': manifestSchema,
    'seed.seedTargetsSchema': seedTargetsSchema,
    'targetsRepo.storedStatementsSchema': storedStatementsSchema,
  });
  return schemas;
}
