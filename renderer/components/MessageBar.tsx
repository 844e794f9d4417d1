// A one-line message under the toolbar: errors stay until dismissed, information fades by itself. A server
// error is shown from its key and parameters in the language chosen now, also after switching.
import { useEffect } from 'react';
import type { WireError } from '../../shared/errors';
import { useI18n } from '../i18n';
import { wireText } from '../messages';

export interface Message {
  kind: 'error' | 'info';
  text: string;
  /** The server's error, when the message is one: shown by key in the current language. */
  wire?: WireError;
}

export function MessageBar({ message, onClose }: { message: Message | null; onClose: () => void }) {
  const { t, lang } = useI18n();
  useEffect(() => {
    if (message?.kind !== 'info') return;
    const timer = setTimeout(onClose, 6000);
    return () => clearTimeout(timer);
  }, [message, onClose]);
  if (!message) return null;
  return (
    <div className={`message message-${message.kind}`} role={message.kind === 'error' ? 'alert' : 'status'} data-testid="message">
      <span className="message-text">{message.wire ? wireText(message.wire, lang) : message.text}</span>
      <button type="button" className="message-close" onClick={onClose} aria-label={t('关闭', 'Close')}>
        ×
      </button>
    </div>
  );
}
