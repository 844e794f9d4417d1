// The month's hand-on files (the analysis workbook, the briefing PDF, the report .docx), written by the service
// into one folder as of the month analysed. A file is saved through the browser on demand, built again by its
// own call at the same month (the renderer never reads files by path).
import type { WorkbenchClient } from '../../shared/contract';
import type { HandOnKind } from '../../shared/contract/handoffCalls';
import { PDF_MIME, saveBase64, XLSX_MIME } from '../handoff/saveFile';

const DOCX_MIME = 'application/vnd.openxmlformats-officedocument.wordprocessingml.document';

export interface HandOnFile {
  kind: HandOnKind;
  fileName: string;
  /** Where the service wrote the file. */
  path: string;
  bytes: number;
}

export interface HandOnFiles {
  asOf: string;
  /** The folder the files were written to. */
  dir: string;
  files: HandOnFile[];
}

export async function writeHandOnFiles(client: WorkbenchClient, asOf: string): Promise<HandOnFiles> {
  const r = await client.call('handOn', { asOf });
  return { asOf: r.asOf, dir: r.dir, files: r.files };
}

/** Saves one hand-on file through the browser (a download), as of the same month. */
export async function saveHandOnFile(client: WorkbenchClient, kind: HandOnKind, asOf: string): Promise<string> {
  if (kind === 'workbook') {
    const f = await client.call('exportWorkbook', { asOf });
    saveBase64(f.fileName, f.dataBase64, XLSX_MIME);
    return f.fileName;
  }
  if (kind === 'briefing') {
    const f = await client.call('briefPdf', { asOf });
    saveBase64(f.fileName, f.dataBase64, PDF_MIME);
    return f.fileName;
  }
  const f = await client.call('reportDocx', { asOf });
  saveBase64(f.fileName, f.dataBase64, DOCX_MIME);
  return f.fileName;
}
