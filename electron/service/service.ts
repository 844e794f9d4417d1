// The service behind the contract: one handler per call, each given arguments that have already
// passed the call's schema. Electron's IPC, the browser shell and the CLI all dispatch through here.
import { type CallName, type CallResult, type ParsedArgs, contract, isCallName } from '../../shared/contract';
import type { ServiceEvent } from '../../shared/contract/events';
import { messageError } from '../../shared/errors';
import type { Store } from '../store/openStore';
import { describeRole, permissionError, storeRole } from '../store/pg/storeRole';
import { targetHandlers } from './targetHandlers';
import { importHandlers } from './importHandlers';
import { planHandlers } from './planHandlers';
import { varianceHandlers } from './varianceHandlers';
import { handoffHandlers } from './handoffHandlers';
import { settingsHandlers } from './settingsHandlers';

export interface ServiceContext {
  db: Store;
  storePath: string;
  shell: 'electron' | 'web' | 'cli';
  user: string;
  version: string;
  /** Prints briefing HTML to PDF; the desktop app sets Electron's printToPDF here, otherwise headless Chromium is used. */
  printPdf?: (html: string) => Promise<Uint8Array>;
  /** Pushes an event to whoever listens (the renderer): job progress; set by the process that hosts the service. */
  emit?: (event: ServiceEvent) => void;
  /** The browser shell's folder of uploaded files (fileSchema `uploadId`). */
  uploadsDir?: string;
  /** Files the desktop app's open dialog returned (fileSchema `path`); nothing else may be read by path there. */
  grantedPaths?: Set<string>;
  /** Rasterises SVG charts to PNG for .docx; the desktop app sets its own window here, otherwise headless Chromium is used. */
  rasterizeSvgs?: (images: readonly { svg: string; width: number; height: number }[]) => Promise<Uint8Array[]>;
}

export type Handlers = { [N in CallName]: (args: ParsedArgs<N>) => CallResult<N> | Promise<CallResult<N>> };

export interface Service {
  ctx: ServiceContext;
  handlers: Handlers;
}

// Each area implements its calls in its own module; this joins them. A call missing here fails the typecheck.
export function createService(ctx: ServiceContext): Service {
  // The exports and the briefing read the analysis through the variance calls themselves (one cache per store).
  const variance = varianceHandlers(ctx);
  const handlers: Handlers = {
    ...targetHandlers(ctx),
    ...importHandlers(ctx),
    ...planHandlers(ctx),
    ...variance,
    ...handoffHandlers(ctx, variance),
    ...settingsHandlers(ctx),
  };
  return { ctx, handlers };
}

/** Validates raw arguments against the contract, then runs the handler. Unknown calls and bad arguments are refused. */
export async function dispatch(service: Service, name: unknown, rawArgs: unknown): Promise<unknown> {
  if (!isCallName(name)) {
    throw messageError('bad_request', 'call.unknown', { name: String(name).slice(0, 60) });
  }
  const parsed = contract[name].args.safeParse(rawArgs ?? {});
  if (!parsed.success) {
    const issues = parsed.error.issues.slice(0, 5).map((i) => `${i.path.join('.') || '(参数)'}: ${i.message}`).join('; ');
    throw messageError('bad_request', 'call.invalidArgs', { name, issues }, parsed.error.issues);
  }
  const handler = service.handlers[name] as (a: unknown) => unknown;
  try {
    return await handler(parsed.data);
  } catch (e) {
    // The server refused a write for the role's want of privilege (issue 14): say so, naming the role.
    throw permissionError(e, () => describeRole(service.ctx.user, storeRole(service.ctx.db)));
  }
}

/** The store's own write count: a call that raised it changed the store (the shells then push a `changed` event). */
export function storeWrites(service: Service): number {
  return service.ctx.db.changeCount();
}

/** dispatch, and whether the call wrote to the store. */
export async function dispatchTracked(service: Service, name: unknown, rawArgs: unknown): Promise<{ result: unknown; changed: boolean }> {
  const before = storeWrites(service);
  const result = await dispatch(service, name, rawArgs);
  return { result, changed: storeWrites(service) !== before };
}
