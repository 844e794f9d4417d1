// xl/workbook.xml and the relationships parts: which sheets the workbook has, in its order, and where each
// sheet's part is. Pure functions of the parts' text, parsed with saxes.

import { SaxesParser, type SaxesTagPlain } from 'saxes';
import { ImportFileError } from '../importFileError';
import type { XlsxSheetKind } from './types';
import { decodeXlsxEscapes, localName } from './xlsxText';

export interface Relationship {
  id: string;
  /** The relationship type's last segment: `worksheet`, `sharedStrings`, `styles`, `officeDocument`, … */
  type: string;
  /** The target part, resolved to a path inside the zip (no leading slash); external targets as written. */
  target: string;
  external: boolean;
}

export interface WorkbookSheetEntry {
  name: string;
  relId: string | undefined;
  hidden: 0 | 1 | 2;
}

export interface WorkbookProps {
  sheets: WorkbookSheetEntry[];
  date1904: boolean;
}

/** Calls `onOpen` for every element of a (small, whole) XML document; a malformed one is a corrupt file. */
export function eachElement(xml: string, part: string, onOpen: (name: string, attributes: Record<string, string>) => void): void {
  const parser = new SaxesParser({ xmlns: false, position: false });
  parser.on('opentag', (tag: SaxesTagPlain) => onOpen(localName(tag.name), tag.attributes));
  try {
    parser.write(xml).close();
  } catch (e) {
    throw corruptXml(part, e);
  }
}

export function corruptXml(part: string, e: unknown): ImportFileError {
  if (e instanceof ImportFileError) return e;
  const message = (e as Error | null)?.message ?? String(e);
  return new ImportFileError('corrupt', `文件已损坏或不完整（${part} 不是有效的 XML）/ The file is corrupt or truncated (${part} is not valid XML: ${message.slice(0, 200)})`);
}

/** An attribute by its local name (`r:id` and `id` alike for the relationship id). */
function attribute(attributes: Record<string, string>, name: string): string | undefined {
  if (name in attributes) return attributes[name];
  for (const key of Object.keys(attributes)) if (localName(key) === name && !key.startsWith('xmlns')) return attributes[key];
  return undefined;
}

/** xsd:boolean as SheetJS reads it: `1`/`true` → true, `0`/`false` → false, anything else undefined. */
export function xmlBoolean(value: string | undefined): boolean | undefined {
  if (value === '1' || value === 'true') return true;
  if (value === '0' || value === 'false') return false;
  return undefined;
}

export function parseWorkbookXml(xml: string, part: string): WorkbookProps {
  const sheets: WorkbookSheetEntry[] = [];
  let date1904 = false;
  eachElement(xml, part, (name, attributes) => {
    if (name === 'workbookPr') date1904 = xmlBoolean(attributes.date1904) === true;
    else if (name === 'sheet') {
      const state = attributes.state;
      sheets.push({
        name: decodeXlsxEscapes(attributes.name ?? ''),
        // The relationship id is `r:id` in the officeDocument namespace, whatever its prefix.
        relId: attribute(attributes, 'id'),
        hidden: state === 'hidden' ? 1 : state === 'veryHidden' ? 2 : 0,
      });
    }
  });
  return { sheets, date1904 };
}

/** A part's relationships, targets resolved against the part (`xl/workbook.xml` + `worksheets/a.xml`). */
export function parseRelationships(xml: string, relsPart: string, sourcePart: string): Relationship[] {
  const rels: Relationship[] = [];
  eachElement(xml, relsPart, (name, attributes) => {
    if (name !== 'Relationship') return;
    const external = attributes.TargetMode === 'External';
    const target = attributes.Target ?? '';
    rels.push({
      id: attributes.Id ?? '',
      type: (attributes.Type ?? '').replace(/^.*\//, ''),
      target: external ? target : resolvePartPath(target, sourcePart),
      external,
    });
  });
  return rels;
}

/** OPC part name resolution: absolute targets from the root, relative ones from the source part's folder. */
export function resolvePartPath(target: string, sourcePart: string): string {
  const segments = target.startsWith('/') ? [] : sourcePart.split('/').slice(0, -1);
  for (const step of target.replace(/^\/+/, '').split('/')) {
    if (step === '..') segments.pop();
    else if (step !== '.' && step !== '') segments.push(step);
  }
  return segments.join('/');
}

/** `xl/workbook.xml` → `xl/_rels/workbook.xml.rels` */
export function relsPathOf(part: string): string {
  const slash = part.lastIndexOf('/');
  return `${part.slice(0, slash + 1)}_rels/${part.slice(slash + 1)}.rels`;
}

const SHEET_KINDS: Record<string, XlsxSheetKind> = {
  worksheet: 'worksheet',
  chartsheet: 'chartsheet',
  dialogsheet: 'dialogsheet',
  xlMacrosheet: 'macrosheet',
  xlIntlMacrosheet: 'macrosheet',
};

export function sheetKindOf(relationshipType: string): XlsxSheetKind | undefined {
  return SHEET_KINDS[relationshipType];
}
