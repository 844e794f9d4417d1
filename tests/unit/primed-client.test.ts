// The first screen's calls sent early (renderer/client/primedClient.ts): each primed answer goes to the first call
// with the same name and arguments, once; anything else, and everything after a drop, goes to the service.
import { describe, expect, it } from 'vitest';
import type { WorkbenchClient } from '../../shared/contract';
import { primedClient } from '../../renderer/client/primedClient';

/** A client that records what it is asked and answers `name#n` (the n-th call of that name). */
function recordingClient() {
  const asked: string[] = [];
  const client: WorkbenchClient = {
    call: (name, args) => {
      asked.push(`${name} ${JSON.stringify(args)}`);
      const n = asked.filter((a) => a.startsWith(`${name} `)).length;
      return Promise.resolve(`${name}#${n}` as never);
    },
  };
  return { client, asked };
}

describe('primedClient', () => {
  it('sends the primed calls at once and hands each answer to the first matching call only', async () => {
    const inner = recordingClient();
    const primed = primedClient(inner.client, [['listPlans', {}], ['listTargets', {}]]);
    expect(inner.asked).toEqual(['listPlans {}', 'listTargets {}']);
    expect(await primed.client.call('listTargets', {})).toBe('listTargets#1');
    expect(inner.asked).toHaveLength(2);
    // The second time is a fresh call (a reload after a change must not get the start's answer).
    expect(await primed.client.call('listTargets', {})).toBe('listTargets#2');
    expect(primed.pending()).toEqual(['listPlans {}']);
  });

  it('sends calls with other arguments to the service, keeping the primed answer', async () => {
    const inner = recordingClient();
    const primed = primedClient(inner.client, [['listTargets', {}]]);
    expect(await primed.client.call('listTargets', { planId: 2 })).toBe('listTargets#2');
    expect(inner.asked).toEqual(['listTargets {}', 'listTargets {"planId":2}']);
    expect(primed.pending()).toEqual(['listTargets {}']);
  });

  it('after a drop (the store changed) asks the service again', async () => {
    const inner = recordingClient();
    const primed = primedClient(inner.client, [['knownUnits', {}]]);
    primed.drop();
    expect(await primed.client.call('knownUnits', {})).toBe('knownUnits#2');
    expect(primed.pending()).toEqual([]);
  });

  it('hands a refused primed call to the view as the same refusal, and an untaken one is not unhandled', async () => {
    const failing: WorkbenchClient = { call: () => Promise.reject(new Error('服务未就绪 / not ready')) };
    const primed = primedClient(failing, [['appInfo', {}], ['undoState', {}]]);
    await expect(primed.client.call('appInfo', {})).rejects.toThrow('not ready');
    // undoState is never taken: vitest fails the run on an unhandled rejection, so reaching here is the check.
    await new Promise((r) => setTimeout(r, 10));
    expect(primed.pending()).toEqual(['undoState {}']);
  });

  it('shows an answer that has arrived, without taking it, and nothing once it is taken, refused or dropped', async () => {
    const inner = recordingClient();
    const primed = primedClient(inner.client, [['listTargets', {}], ['knownUnits', {}], ['listPlans', {}]]);
    // Sent, not yet arrived.
    expect(primed.answered('listTargets', {})).toBeUndefined();
    await new Promise((r) => setTimeout(r, 0));
    expect(primed.answered('listTargets', {})).toEqual({ value: 'listTargets#1' });
    expect(primed.answered('listTargets', { planId: 2 })).toBeUndefined();
    // Looking took nothing: the view's call gets that same answer, and the service is not asked again.
    expect(primed.pending()).toEqual(['listTargets {}', 'knownUnits {}', 'listPlans {}']);
    expect(await primed.client.call('listTargets', {})).toBe('listTargets#1');
    expect(inner.asked).toHaveLength(3);
    expect(primed.answered('listTargets', {})).toBeUndefined();
    primed.drop();
    expect(primed.answered('knownUnits', {})).toBeUndefined();
    const failing: WorkbenchClient = { call: () => Promise.reject(new Error('服务未就绪 / not ready')) };
    const refused = primedClient(failing, [['appInfo', {}]]);
    await new Promise((r) => setTimeout(r, 0));
    expect(refused.answered('appInfo', {})).toBeUndefined();
    await expect(refused.client.call('appInfo', {})).rejects.toThrow('not ready');
  });
  it('with a batch, sends the primed calls in it once, not through the client, and hands out its answers and refusals', async () => {
    const inner = recordingClient();
    const batches: string[][] = [];
    const batch = (calls: readonly (readonly [string, unknown])[]) => {
      batches.push(calls.map(([name, args]) => `${name} ${JSON.stringify(args)}`));
      return calls.map(([name]) => (name === 'undoState' ? Promise.reject(new Error('无权查看 / not allowed')) : Promise.resolve(`${name}@batch`)));
    };
    const primed = primedClient(inner.client, [['listTargets', {}], ['undoState', {}], ['listPlans', {}]], batch);
    expect(batches).toEqual([['listTargets {}', 'undoState {}', 'listPlans {}']]);
    expect(inner.asked).toEqual([]);
    await new Promise((r) => setTimeout(r, 0));
    expect(primed.answered('listTargets', {})).toEqual({ value: 'listTargets@batch' });
    expect(primed.answered('undoState', {})).toBeUndefined();
    expect(await primed.client.call('listTargets', {})).toBe('listTargets@batch');
    await expect(primed.client.call('undoState', {})).rejects.toThrow('not allowed');
    // Taken once: the next call of the same name goes to the client, as without a batch.
    expect(await primed.client.call('listTargets', {})).toBe('listTargets#1');
    primed.drop();
    expect(await primed.client.call('listPlans', {})).toBe('listPlans#1');
    expect(batches).toHaveLength(1);
  });
});
