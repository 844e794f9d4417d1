// Turns a plan document into proposed targets for review: read the file, normalise its text, extract the
// targets and the plan's year, region and title. Writes nothing; shared by the service and the CLI.
import type { PlanExtraction } from '../../shared/contract/planCalls';
import { WorkbenchError } from '../../shared/errors';
import { extractPlanMeta, extractTargets } from '../../shared/plan/extract';
import { normalizePlanText } from '../../shared/plan/normalize';
// The readers (.docx, .pdf, GB18030 text) load when a document is read, not with the service.
const planReader = () => import('./readPlanFile');

export function proposeFromText(raw: string): Pick<PlanExtraction, 'text' | 'meta' | 'targets'> {
  const text = normalizePlanText(raw);
  return { text, meta: extractPlanMeta(text), targets: extractTargets(text) };
}

/** The same from a path (the CLI): the file's size is checked before it is read. */
export async function proposePlanFile(file: string): Promise<PlanExtraction> {
  const { PlanFileError, readPlanFile } = await planReader();
  try {
    const { text, format } = await readPlanFile(file);
    return { format, fileName: file, ...proposeFromText(text) };
  } catch (e) {
    if (e instanceof PlanFileError) throw new WorkbenchError('bad_request', e.message, { fileError: e.code });
    throw e;
  }
}

/** File problems (empty, binary, not a .docx, a scanned PDF) become a `bad_request` with the reader's message. */
export async function proposePlan(bytes: Uint8Array, fileName: string): Promise<PlanExtraction> {
  const { PlanFileError, readPlanBytes } = await planReader();
  try {
    const { text, format } = await readPlanBytes(bytes, fileName);
    return { format, fileName, ...proposeFromText(text) };
  } catch (e) {
    if (e instanceof PlanFileError) throw new WorkbenchError('bad_request', e.message, { fileError: e.code });
    throw e;
  }
}
