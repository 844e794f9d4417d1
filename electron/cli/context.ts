// What a CLI command receives: its parsed arguments, a lazily opened store with the service over it,
// and where to write. Commands print and return an exit code; they never call process.exit.
import type { Service } from '../service/service';

export interface CliIO {
  out: (text: string) => void;
  err: (text: string) => void;
}

export interface CliContext extends CliIO {
  positionals: string[];
  flags: Map<string, string | true>;
  dbPath: string;
  /** Opens the store (creating and seeding it if new) and the service over it. */
  service: () => Service;
  flag: (name: string) => string | undefined;
  has: (name: string) => boolean;
}

export interface CliCommand {
  name: string;
  summary: string;
  usage: string;
  /** Options that take a value (besides --db). */
  valueFlags?: string[];
  /** Options without a value. */
  switches?: string[];
  run: (ctx: CliContext) => Promise<number> | number;
}
