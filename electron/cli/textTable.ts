// A plain-text table for the terminal that stays aligned with Chinese text (CJK characters are two columns wide).
import { displayWidth } from '../../shared/format/chinese';

export type Align = 'left' | 'right';

export function textTable(header: string[], rows: string[][], align: Align[] = []): string {
  const widths = header.map((h, i) => Math.max(displayWidth(h), ...rows.map((r) => displayWidth(r[i] ?? ''))));
  const pad = (text: string, i: number) => {
    const space = ' '.repeat(Math.max(0, widths[i] - displayWidth(text)));
    return align[i] === 'right' ? space + text : text + space;
  };
  const line = (cells: string[]) => cells.map((c, i) => pad(c, i)).join('  ').trimEnd();
  return [line(header), widths.map((w) => '─'.repeat(w)).join('  '), ...rows.map(line)].join('\n');
}
