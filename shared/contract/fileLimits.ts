// How large a file a call may name, apart from the schemas (call.ts) so that the browser shell's HTTP thread can
// check uploads without loading zod and the contract, which only its service threads need.

/** Largest file a call may name (a statistics workbook, a plan document, a returned workbook). */
export const MAX_FILE_BYTES = 200 * 1024 * 1024;
/** Largest file that may still travel inline as base64 (scripts and tests; the app never sends files this way). */
export const MAX_INLINE_FILE_BYTES = 8 * 1024 * 1024;
