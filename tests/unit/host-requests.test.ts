// The desktop app's service threads ask the process above them to print and rasterise: each request is numbered,
// and only its own reply settles it, with the reply's error as a WorkbenchError.
import { describe, expect, it } from 'vitest';
import { hostRequests } from '../../electron/service/host/hostRequests';

describe('requests to the host', () => {
  it('numbers each request and settles it by its own reply', async () => {
    const sent: { id: number; kind: string; payload: unknown }[] = [];
    const host = hostRequests((r) => sent.push(r));
    const first = host.ask('printPdf')('<p>一</p>');
    const second = host.ask('rasterizeSvgs')([{ svg: '<svg/>', width: 10, height: 10 }]);
    expect(sent.map((r) => [r.id, r.kind])).toEqual([
      [1, 'printPdf'],
      [2, 'rasterizeSvgs'],
    ]);
    expect(sent[0].payload).toBe('<p>一</p>');
    host.answered({ id: 2, result: [new Uint8Array([1])] });
    host.answered({ id: 1, error: { code: 'internal', message: '打印失败 / Printing failed' } });
    expect(await second).toEqual([new Uint8Array([1])]);
    await expect(first).rejects.toMatchObject({ name: 'WorkbenchError', code: 'internal', message: '打印失败 / Printing failed' });
    // A reply nobody waits for (already answered) is ignored.
    expect(() => host.answered({ id: 1, result: null })).not.toThrow();
  });
});
