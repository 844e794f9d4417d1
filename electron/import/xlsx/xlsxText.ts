// Text values of SpreadsheetML after the XML parser has decoded entities and character references: the
// `_xHHHH_` escapes that Excel writes for characters XML cannot carry (`_x000D_` for a carriage return), and
// CR LF line ends, decoded the way SheetJS decodes them (its unescapexml), so both readers give the same text.

// Case-insensitive, as SheetJS's (`_X000D_` too).
const ESCAPE = /_x([\da-fA-F]{4})_/gi;

/** `_x000D_` → `\r`, `_x0041_` → `A` (one pass, like SheetJS: `_x005F_x0041_` gives `_x0041_`). */
export function decodeXlsxEscapes(text: string): string {
  if (text.indexOf('_') === -1) return text;
  return text.replace(ESCAPE, (_, hex: string) => String.fromCharCode(parseInt(hex, 16)));
}

/** A string cell's text: the escapes decoded, then CR LF → LF (SheetJS's `unescapexml(text, true)`). */
export function decodeXlsxString(text: string): string {
  const decoded = decodeXlsxEscapes(text);
  return decoded.indexOf('\r\n') === -1 ? decoded : decoded.replace(/\r\n/g, '\n');
}

/** The local name of a tag (`x:c` → `c`): writers may put the SpreadsheetML namespace on a prefix. */
export function localName(name: string): string {
  const colon = name.indexOf(':');
  return colon === -1 ? name : name.slice(colon + 1);
}
