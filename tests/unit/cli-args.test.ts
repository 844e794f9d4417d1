// The CLI's argument parser (node:util parseArgs, strict) and its bilingual refusals.
import { describe, expect, it } from 'vitest';
import { parseArgs } from '../../electron/cli/args';

const values = new Set(['db', 'plan', 'tolerance']);
const switches = new Set(['json', 'all']);

describe('parseArgs', () => {
  it('separates positionals, value options (both spellings) and switches', () => {
    const p = parseArgs(['plan', 'extract', 'a.txt', '--plan', '2', '--db=x.sqlite', '--json'], values, switches);
    expect(p.positionals).toEqual(['plan', 'extract', 'a.txt']);
    expect([...p.flags]).toEqual([
      ['plan', '2'],
      ['db', 'x.sqlite'],
      ['json', true],
    ]);
  });

  it('takes a value that starts with - only in the --name=value form, and anything after -- as positional', () => {
    expect(parseArgs(['--tolerance=-0.5'], values, switches).flags.get('tolerance')).toBe('-0.5');
    expect(() => parseArgs(['--tolerance', '-0.5'], values, switches)).toThrow(/Option --tolerance needs a value \(write --tolerance=VALUE/);
    expect(parseArgs(['--', '--json'], values, switches).positionals).toEqual(['--json']);
  });

  it('refuses unknown or misspelt options, missing and empty values, and values given to switches', () => {
    expect(() => parseArgs(['--jsno'], values, switches)).toThrow('未知选项 --jsno / Unknown option --jsno');
    expect(() => parseArgs(['-j'], values, switches)).toThrow('Unknown option -j');
    expect(() => parseArgs(['--plan'], values, switches)).toThrow(/选项 --plan 需要一个值/);
    expect(() => parseArgs(['--plan='], values, switches)).toThrow('选项 --plan 需要一个值 / Option --plan needs a value');
    expect(() => parseArgs(['--json=yes'], values, switches)).toThrow('选项 --json 不带值 / Option --json takes no value');
  });
});
