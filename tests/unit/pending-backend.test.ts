// The browser shell listens before its service threads are ready (electron/web/main.ts): calls made meanwhile wait
// and go in order, listeners subscribed meanwhile hear the events, and a backend that fails refuses every call.
import { describe, expect, it } from 'vitest';
import type { ServiceEvent } from '../../shared/contract/events';
import { EventHub, type ServiceBackend } from '../../electron/service/host/backend';
import { jsonOfResult } from '../../electron/service/host/answerJson';
import { pendingBackend } from '../../electron/service/host/pendingBackend';

/** A backend that answers each call with its name and arguments, and records the order calls reached it. */
function echoBackend(): ServiceBackend & { order: string[]; hub: EventHub; closed: boolean } {
  const hub = new EventHub();
  const backend = {
    order: [] as string[],
    hub,
    closed: false,
    call: async (name: string, args: unknown) => {
      backend.order.push(name);
      return name === 'nothing' ? undefined : { name, args };
    },
    subscribe: (l: (e: ServiceEvent) => void) => hub.subscribe(l),
    close: async () => {
      backend.closed = true;
    },
  };
  return backend;
}

describe('pendingBackend', () => {
  it('holds calls made before the backend is ready and sends them in order', async () => {
    const inner = echoBackend();
    let ready!: (b: typeof inner) => void;
    const backend = pendingBackend(new Promise<typeof inner>((r) => (ready = r)), '/tmp/uploads');
    expect(backend.uploadsDir).toBe('/tmp/uploads');
    const answers = [backend.call('appInfo', {}), backend.callJson!('listTargets', { planId: 2 }), backend.call('undoState', {})];
    await new Promise((r) => setTimeout(r, 10));
    expect(inner.order).toEqual([]);
    ready(inner);
    const [info, targets, undo] = await Promise.all(answers);
    expect(inner.order).toEqual(['appInfo', 'listTargets', 'undoState']);
    expect(info).toEqual({ name: 'appInfo', args: {} });
    expect(Buffer.from(targets as Uint8Array).toString('utf8')).toBe('{"name":"listTargets","args":{"planId":2}}');
    expect(undo).toEqual({ name: 'undoState', args: {} });
    // After start, straight through; an answer of nothing is sent as null, as the shell always did.
    expect(Buffer.from(await backend.callJson!('nothing', {})).toString('utf8')).toBe('null');
    await backend.close();
    expect(inner.closed).toBe(true);
  });

  it('lets listeners subscribe before start and stop listening either side of it', async () => {
    const inner = echoBackend();
    let ready!: (b: typeof inner) => void;
    const backend = pendingBackend(new Promise<typeof inner>((r) => (ready = r)));
    const heard: ServiceEvent[] = [];
    const dropped: ServiceEvent[] = [];
    const stopLater = backend.subscribe((e) => heard.push(e));
    backend.subscribe((e) => dropped.push(e))();
    ready(inner);
    await Promise.resolve();
    inner.hub.emit({ type: 'changed', by: 'editTargets' });
    stopLater();
    inner.hub.emit({ type: 'changed', by: 'undo' });
    expect(heard).toEqual([{ type: 'changed', by: 'editTargets' }]);
    expect(dropped).toEqual([]);
  });

  it('refuses every call with the error of a backend that could not start', async () => {
    const failure = new Error('数据文件版本较新 / The store is newer');
    const starting = Promise.reject(failure);
    starting.catch(() => undefined);
    const backend = pendingBackend(starting);
    await expect(backend.call('listTargets', {})).rejects.toBe(failure);
    await expect(backend.callJson!('listTargets', {})).rejects.toBe(failure);
    await expect(backend.close()).resolves.toBeUndefined();
  });

  it('writes an answer as JSON.stringify does, in UTF-8', () => {
    const answer = { notes: '调度会\u2028“口径”\\', value: -0, none: undefined, list: [1.5, null] };
    expect(Buffer.from(jsonOfResult(answer)).toString('utf8')).toBe(JSON.stringify(answer));
    expect(Buffer.from(jsonOfResult(undefined)).toString('utf8')).toBe('null');
  });
});
