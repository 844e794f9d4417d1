// Parses `command sub --flag value --switch positional` into flags and positionals with Node's own
// `util.parseArgs` in strict mode: flags are declared per command, so an unknown or misspelt flag, a
// missing value or a value given to a switch is refused rather than ignored. Its messages are English and
// name Node's codes; they are turned into the workbench's `中文 / English` lines here.
import { parseArgs as parseNodeArgs } from 'node:util';

export interface ParsedArgs {
  positionals: string[];
  flags: Map<string, string | true>;
}

/** The option named in one of util.parseArgs's messages (`Unknown option '--jsno'`, `Option '--plan <value>' …`). */
function optionIn(message: string): string {
  const m = /'(-{1,2}[^' <]+)/.exec(message);
  return m ? m[1] : '';
}

function refusal(e: unknown): Error {
  const code = (e as { code?: string }).code;
  const message = e instanceof Error ? e.message : String(e);
  const opt = optionIn(message);
  switch (code) {
    case 'ERR_PARSE_ARGS_UNKNOWN_OPTION':
      return new Error(`未知选项 ${opt} / Unknown option ${opt}`);
    case 'ERR_PARSE_ARGS_INVALID_OPTION_VALUE':
      // A value option at the end or followed by something that looks like an option, or a switch given a value.
      return /does not take an argument/.test(message)
        ? new Error(`选项 ${opt} 不带值 / Option ${opt} takes no value`)
        : new Error(`选项 ${opt} 需要一个值（以 - 开头的值请写成 ${opt}=值） / Option ${opt} needs a value (write ${opt}=VALUE for one that starts with -)`);
    default:
      return new Error(`参数无法解析 / Cannot parse the arguments: ${message}`);
  }
}

export function parseArgs(argv: string[], valueFlags: ReadonlySet<string>, switches: ReadonlySet<string>): ParsedArgs {
  const options: Record<string, { type: 'string' | 'boolean' }> = {};
  for (const name of valueFlags) options[name] = { type: 'string' };
  for (const name of switches) options[name] = { type: 'boolean' };
  let parsed: ReturnType<typeof parseNodeArgs>;
  try {
    parsed = parseNodeArgs({ args: argv, options, strict: true, allowPositionals: true });
  } catch (e) {
    throw refusal(e);
  }
  const flags = new Map<string, string | true>();
  for (const [name, value] of Object.entries(parsed.values)) {
    if (value === undefined || value === false) continue;
    if (Array.isArray(value)) continue; // no option is declared `multiple`
    if (value === '') throw new Error(`选项 --${name} 需要一个值 / Option --${name} needs a value`);
    flags.set(name, value);
  }
  return { positionals: parsed.positionals, flags };
}
