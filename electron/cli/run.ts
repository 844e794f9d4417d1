// The CLI over the service: `workbench <command> [options] [--db PATH]`. Returns an exit code;
// every error becomes one line on stderr and a non-zero code.
import { resolveStoreLocation } from '../store/location';
import { isWorkbenchError } from '../../shared/errors';
import { reportError } from '../log';
import { defaultStorePath } from '../paths';
import { openWorkbench } from '../openWorkbench';
import { onBusyWait } from '../store/writeTransaction';
import type { Service } from '../service/service';
import { parseArgs } from './args';
import { COMMANDS } from './commands';
import type { CliContext, CliIO } from './context';

function helpText(): string {
  const lines = ['计划执行分析工作台 命令行 / Plan Workbench CLI', '', '用法 / Usage: npm run -s workbench -- <command> [options] [--db PATH]', ''];
  for (const c of COMMANDS) lines.push(`  ${c.usage.padEnd(58)} ${c.summary}`);
  lines.push('', `默认数据文件 / Default store: ${defaultStorePath()}`);
  return lines.join('\n');
}

export async function runCli(argv: string[], io: CliIO): Promise<number> {
  const [name, ...rest] = argv;
  if (!name || name === 'help' || name === '--help' || name === '-h') {
    io.out(helpText());
    return name ? 0 : 1;
  }
  const command = COMMANDS.find((c) => c.name === name);
  if (!command) {
    io.err(`未知命令“${name}”，用 help 查看命令列表 / Unknown command "${name}"; run help for the list`);
    return 2;
  }
  let service: Service | null = null;
  try {
    const parsed = parseArgs(rest, new Set(['db', ...(command.valueFlags ?? [])]), new Set(command.switches ?? []));
    const dbFlag = parsed.flags.get('db');
    const dbPath = typeof dbFlag === 'string' ? resolveStoreLocation(dbFlag) : defaultStorePath();
    const ctx: CliContext = {
      ...io,
      positionals: parsed.positionals,
      flags: parsed.flags,
      dbPath,
      // Only `init`, or the default store, may create a store: a mistyped --db is refused, naming the path.
      service: () => {
        if (!service) {
          service = openWorkbench(dbPath, 'cli', { create: command.name === 'init' || typeof dbFlag !== 'string' });
          onBusyWait(service.ctx.db, (m) => io.err(m));
        }
        return service;
      },
      flag: (n) => {
        const v = parsed.flags.get(n);
        return typeof v === 'string' ? v : undefined;
      },
      has: (n) => parsed.flags.has(n),
    };
    return await command.run(ctx);
  } catch (e) {
    // A refusal the user can act on is said as it is (the commands throw plain Errors for bad options);
    // anything else (a TypeError, an assertion without a message) is logged with its stack and says where.
    const plainRefusal = isWorkbenchError(e) ? e.code !== 'internal' : e instanceof Error && e.constructor === Error && e.message.trim() !== '';
    const message = plainRefusal ? (e as Error).message : reportError(`cli ${name}`, e).message;
    io.err(`错误 / Error: ${message.split('\n').join(' | ')}`);
    return 1;
  } finally {
    (service as Service | null)?.ctx.db.close();
  }
}
