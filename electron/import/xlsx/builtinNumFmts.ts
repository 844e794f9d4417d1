// The built-in number formats (ids without a `<numFmt>` in styles.xml), exactly as SheetJS's table has them
// when it reads with `cellText: false` (XLSX.SSF.get_table() before any workbook is read). Ids missing here
// (5–8, 23–36, 41–44, 50–55, 57+) SheetJS leaves without a format (`z` undefined), and so does this reader;
// tests/integration/xlsx-stream.test.ts compares this table with SheetJS's.
export const BUILTIN_NUM_FMTS: Readonly<Record<number, string>> = {
  0: "General",
  1: "0",
  2: "0.00",
  3: "#,##0",
  4: "#,##0.00",
  9: "0%",
  10: "0.00%",
  11: "0.00E+00",
  12: "# ?/?",
  13: "# ??/??",
  14: "m/d/yy",
  15: "d-mmm-yy",
  16: "d-mmm",
  17: "mmm-yy",
  18: "h:mm AM/PM",
  19: "h:mm:ss AM/PM",
  20: "h:mm",
  21: "h:mm:ss",
  22: "m/d/yy h:mm",
  37: "#,##0 ;(#,##0)",
  38: "#,##0 ;[Red](#,##0)",
  39: "#,##0.00;(#,##0.00)",
  40: "#,##0.00;[Red](#,##0.00)",
  45: "mm:ss",
  46: "[h]:mm:ss",
  47: "mmss.0",
  48: "##0.0E+0",
  49: "@",
  56: "\"上午/下午 \"hh\"時\"mm\"分\"ss\"秒 \"",
};

/**
 * The built-in ids whose format depends on the locale Excel was set to (ECMA-376 Part 1, 18.8.30), as a zh-CN Excel
 * and WPS write them: a header cell of months shown as `2025年1月` is often stored as a date serial with id 57 or 31
 * and no `<numFmt>`. SheetJS's table lacks them (its cell then has no format, and the date reads as a plain number);
 * here they are read as the dates they are. Used only where BUILTIN_NUM_FMTS has no entry.
 */
export const ZH_CN_NUM_FMTS: Readonly<Record<number, string>> = {
  27: 'yyyy"年"m"月"',
  28: 'm"月"d"日"',
  29: 'm"月"d"日"',
  30: 'm-d-yy',
  31: 'yyyy"年"m"月"d"日"',
  32: 'h"时"mm"分"',
  33: 'h"时"mm"分"ss"秒"',
  34: '上午/下午h"时"mm"分"',
  35: '上午/下午h"时"mm"分"ss"秒"',
  36: 'yyyy"年"m"月"',
  50: 'yyyy"年"m"月"',
  51: 'm"月"d"日"',
  52: 'yyyy"年"m"月"',
  53: 'm"月"d"日"',
  54: 'm"月"d"日"',
  55: '上午/下午h"时"mm"分"',
  57: 'yyyy"年"m"月"',
  58: 'm"月"d"日"',
};
