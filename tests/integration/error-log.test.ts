// Every error that reaches a user carries a message, and internal errors are logged with their stack to
// `<log dir>/workbench.log` (here a temp folder via PLAN_WORKBENCH_LOG_DIR). A chart that throws is left out
// with a visible note, and the cause is logged.
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { logFilePath, reportError } from '../../electron/log';
import { drawnOrNote } from '../../electron/export/briefHtml';
import { toWireError, WorkbenchError } from '../../shared/errors';
import { makeTmpDir, removeDir } from '../helpers/tmp';

let dir: string;
const log = () => (fs.existsSync(logFilePath()) ? fs.readFileSync(logFilePath(), 'utf8') : '');

beforeAll(() => {
  dir = makeTmpDir('wb-log-');
  process.env.PLAN_WORKBENCH_LOG_DIR = path.join(dir, 'logs');
});
afterAll(() => {
  delete process.env.PLAN_WORKBENCH_LOG_DIR;
  removeDir(dir);
});

/** An assertion that throws with no message, as zrender's `assert` does inside ECharts. */
function assertWithoutMessage(): never {
  throw new Error();
}

describe('errors that reach a user', () => {
  it('an internal error without a message still says something, names the log, and is logged with its stack', () => {
    expect(logFilePath()).toBe(path.join(dir, 'logs', 'workbench.log'));
    let wire;
    try {
      assertWithoutMessage();
    } catch (e) {
      wire = reportError('test brief', e);
    }
    expect(wire!.code).toBe('internal');
    expect(wire!.message).toMatch(/^内部错误：Error（无说明 \/ no message）.* \/ Internal error: /);
    expect(wire!.message).toContain(logFilePath());
    const text = log();
    expect(text).toMatch(/ERROR \[test brief\] Error/);
    expect(text).toContain('assertWithoutMessage');
  });

  it('a refusal the user can act on is passed on as it is and not logged', () => {
    const before = log();
    const wire = reportError('test', new WorkbenchError('bad_request', '参数不正确 / Invalid arguments'));
    expect(wire).toEqual({ code: 'bad_request', message: '参数不正确 / Invalid arguments', details: undefined });
    expect(log()).toBe(before);
  });

  it('toWireError never gives an empty message', () => {
    expect(toWireError(new Error('')).message).toBe('内部错误 / Internal error: Error (no message)');
    expect(toWireError('').message).toBe('内部错误 / Internal error: (no message)');
  });
});

describe('a chart that cannot be drawn', () => {
  it('is replaced by a visible note and its cause is logged', () => {
    const html = drawnOrNote(() => {
      throw new RangeError('axis extent 5.1000000000000005');
    }, '城镇调查失业率走势图');
    expect(html).toContain('data-chart-missing="true"');
    expect(html).toContain('城镇调查失业率走势图无法绘制，已略去');
    expect(html).toContain('axis extent 5.1000000000000005');
    expect(log()).toMatch(/ERROR \[brief chart 城镇调查失业率走势图\] RangeError: axis extent/);
    expect(drawnOrNote(() => '<svg></svg>', 'x')).toBe('<svg></svg>');
  });
});
