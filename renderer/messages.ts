// A server error in the analyst's language: by its catalog key and parameters where it has one, else the
// matching half of the combined `中文 / English` text.
import type { WireError } from '../shared/errors';
import type { Message } from './components/MessageBar';
import { isMessageKey, messageText } from '../shared/messages';
import { ClientError } from './client/createClient';
import { pickMessage, type Lang } from './i18n';

export function wireText(wire: WireError, lang: Lang): string {
  if (isMessageKey(wire.key)) return messageText(wire.key, wire.params ?? {}, lang);
  const text = wire.message?.trim();
  return text ? pickMessage(text, lang) : lang === 'zh' ? `出错了（${wire.code}），没有更多说明` : `Something went wrong (${wire.code}), with no further message`;
}

/** Any error a call rejects with, as one line (or a few) to show. */
export function errorText(e: unknown, lang: Lang): string {
  if (e instanceof ClientError) return wireText(e.wire, lang);
  const text = e instanceof Error ? e.message : String(e);
  return pickMessage(text, lang);
}

/** An error for the message bar: it keeps the wire error, so the bar shows it again in a newly chosen language. */
export function errorMessage(e: unknown, lang: Lang): Message {
  return e instanceof ClientError ? { kind: 'error', text: wireText(e.wire, lang), wire: e.wire } : { kind: 'error', text: errorText(e, lang) };
}
