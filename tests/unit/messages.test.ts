// The message catalog: every key speaks both languages with the same parameters, the parameters are filled,
// the Node side sends key + params beside the combined text, and the renderer shows the chosen language.
import { describe, expect, it } from 'vitest';
import { messageError, toWireError, WorkbenchError } from '../../shared/errors';
import { combinedMessage, isMessageKey, MESSAGES, messageText, type MessageKey } from '../../shared/messages';
import { checkFieldValue } from '../../shared/domain/targetEdit';
import { ClientError } from '../../renderer/client/createClient';
import { errorText, wireText } from '../../renderer/messages';

const KEYS = Object.keys(MESSAGES) as MessageKey[];

/** The parameter names a sentence asks for. */
function paramsOf(key: MessageKey, lang: 'zh' | 'en'): string[] {
  const names: string[] = [];
  MESSAGES[key][lang]((name) => {
    names.push(name);
    return '';
  });
  return [...new Set(names)].sort();
}

describe('message catalog', () => {
  it('every key has a Chinese and an English sentence asking for the same parameters', () => {
    expect(KEYS.length).toBeGreaterThan(25);
    for (const key of KEYS) {
      expect(paramsOf(key, 'zh'), key).toEqual(paramsOf(key, 'en').filter((n) => paramsOf(key, 'zh').includes(n)));
      // English may say more (an underlying reason), never less than the Chinese.
      for (const n of paramsOf(key, 'zh')) expect(paramsOf(key, 'en'), key).toContain(n);
      const params = Object.fromEntries(paramsOf(key, 'en').map((n) => [n, `‹${n}›`]));
      const zh = messageText(key, params, 'zh');
      const en = messageText(key, params, 'en');
      expect(zh.trim(), key).not.toBe('');
      expect(en.trim(), key).not.toBe('');
      expect(/[\u4e00-\u9fff]/.test(zh), `${key} zh is Chinese`).toBe(true);
      for (const n of paramsOf(key, 'en')) expect(en, key).toContain(`‹${n}›`);
      expect(en + zh, key).not.toMatch(/\{\w+\}/);
      expect(combinedMessage(key, params)).toBe(`${zh} / ${en}`);
    }
  });

  it('fills numbers and picks the language of a two-language parameter', () => {
    const params = { indicator: '煤炭产量', series: '城镇调查失业率(%)', why: { zh: '单位不可比', en: 'units cannot be compared' } };
    expect(messageText('link.incompatible', params, 'zh')).toBe('不能关联“煤炭产量”与“城镇调查失业率(%)”：单位不可比');
    expect(messageText('link.incompatible', params, 'en')).toBe('cannot link "煤炭产量" to "城镇调查失业率(%)": units cannot be compared');
    expect(messageText('store.newerVersion', { version: 9, known: 3 }, 'en')).toContain('schema 9, this one knows up to 3');
    // A parameter left out shows as a placeholder rather than as "undefined".
    expect(messageText('plan.notFound', {}, 'en')).toBe('Plan {id} does not exist');
    expect(isMessageKey('plan.notFound')).toBe(true);
    expect(isMessageKey('toString')).toBe(false);
  });
});

describe('errors across the seam', () => {
  it('a catalog error carries key and params on the wire beside the combined message', () => {
    const wire = toWireError(messageError('not_found', 'target.notFound', { id: 42 }));
    expect(wire).toEqual({ code: 'not_found', message: '目标 42 不存在 / Target 42 does not exist', details: undefined, key: 'target.notFound', params: { id: 42 } });
    // JSON (HTTP) and structured clone (IPC) keep it.
    const back = JSON.parse(JSON.stringify(wire));
    expect(wireText(back, 'en')).toBe('Target 42 does not exist');
    expect(wireText(back, 'zh')).toBe('目标 42 不存在');
  });

  it('the renderer shows a keyed error in English even where the combined text would split wrongly', () => {
    // The Chinese half holds " / " itself: splitting the combined text would cut it in the wrong place.
    const e = new ClientError(toWireError(messageError('bad_request', 'edit.unknownUnit', { unit: 'km / h' })));
    expect(errorText(e, 'en')).toBe('Unknown unit "km / h"');
    expect(errorText(e, 'zh')).toBe('未知单位“km / h”');
  });

  it('messages not in the catalog fall back to the matching half; an empty one still says something', () => {
    expect(wireText({ code: 'bad_request', message: '只有中文 / English only' }, 'en')).toBe('English only');
    expect(wireText({ code: 'internal', message: '' }, 'zh')).toBe('出错了（internal），没有更多说明');
    expect(wireText({ code: 'internal', message: '' }, 'en')).toBe('Something went wrong (internal), with no further message');
    expect(toWireError(new WorkbenchError('conflict', '冲突 / Conflict')).key).toBeUndefined();
  });

  it('an edit refused by validation carries its key, with the field name in both languages', () => {
    const check = checkFieldValue('value', '约5');
    expect(check.ok).toBe(false);
    if (check.ok) return;
    expect(check.key).toBe('edit.notNumber');
    expect(messageText(check.key, check.params, 'en')).toBe('Value must be a number, got "约5"');
    expect(check.message.split(' / ')[0]).toMatch(/^目标值必须是数字|^.+必须是数字，收到“约5”$/);
  });
});
