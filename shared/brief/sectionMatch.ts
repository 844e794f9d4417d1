// Which targets a briefing's `section` picks: `一` selects 一、 and its subsections but not 十一、;
// `一、(二)` selects that subsection. Pure, so the CLI, the service and the briefing view agree.

const NUMERALS = '一二三四五六七八九十';

/** Brackets and the enumeration comma compared in half-width form, as the plan text mixes both. */
function normalise(text: string): string {
  return text.normalize('NFKC').replace(/\s+/g, '').replace(/[，,]/g, '、');
}

export function sectionMatches(section: string, wanted: string): boolean {
  const s = normalise(section);
  const w = normalise(wanted);
  if (w === '' || !s.startsWith(w)) return false;
  // A bare numeral must not run on into a longer one (`十` vs `十一`).
  return !(NUMERALS.includes(w.charAt(w.length - 1)) && NUMERALS.includes(s.charAt(w.length)));
}

/** The top-level part of a section, `一、(二)` → `一`; a section without `、` (`总体目标`) is its own part. */
export function topSection(section: string): string {
  const s = normalise(section);
  const i = s.indexOf('、');
  return i > 0 ? s.slice(0, i) : s;
}
