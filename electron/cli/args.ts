// Parses `command sub --flag value --switch positional` into a command path, flags and positionals.
// Flags are declared per command so an unknown or misspelt flag is refused rather than ignored.

export interface ParsedArgs {
  positionals: string[];
  flags: Map<string, string | true>;
}

export function parseArgs(argv: string[], valueFlags: ReadonlySet<string>, switches: ReadonlySet<string>): ParsedArgs {
  const positionals: string[] = [];
  const flags = new Map<string, string | true>();
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    if (a.startsWith('--')) {
      const eq = a.indexOf('=');
      const name = eq > 0 ? a.slice(2, eq) : a.slice(2);
      if (valueFlags.has(name)) {
        const value = eq > 0 ? a.slice(eq + 1) : argv[++i];
        if (value === undefined || value === '') throw new Error(`选项 --${name} 需要一个值 / Option --${name} needs a value`);
        flags.set(name, value);
      } else if (switches.has(name)) {
        flags.set(name, true);
      } else {
        throw new Error(`未知选项 --${name} / Unknown option --${name}`);
      }
    } else {
      positionals.push(a);
    }
  }
  return { positionals, flags };
}
