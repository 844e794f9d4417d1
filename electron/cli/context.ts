// What a CLI command receives: its parsed arguments, a lazily opened store with the service over it,
// and where to write. Commands print and return an exit code; they never call process.exit.
import type { Service } from '../service/service';

export interface CliIO {
  out: (text: string) => void;
  err: (text: string) => void;
  /**
   * Bytes as they are (no line break added), for output too large to hold as one text (`series --json`). A
   * promise when the reader is behind: the caller waits for it before writing more. Without it, `writeBytes`
   * (below) gives the same text to `out`.
   */
  write?: (bytes: Uint8Array) => void | Promise<void>;
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

/**
 * Writes pieces of UTF-8 through `io.write`, waiting whenever the reader is behind (so a 78 MB output is never
 * queued in memory), or, where there is no `write`, as one text through `out` (the text must end with a line
 * break, which `out` adds back).
 */
export async function writeBytes(io: CliIO, pieces: Iterable<Uint8Array> | AsyncIterable<Uint8Array>): Promise<void> {
  if (io.write) {
    for await (const piece of pieces) {
      const behind = io.write(piece);
      if (behind) await behind;
    }
    return;
  }
  const decoder = new TextDecoder('utf-8', { fatal: true });
  let all = '';
  for await (const piece of pieces) all += decoder.decode(piece, { stream: true });
  all += decoder.decode();
  if (!all.endsWith('\n')) throw new Error('writeBytes: the text does not end with a line break');
  io.out(all.slice(0, -1));
}
