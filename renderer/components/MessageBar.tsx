// A one-line message under the toolbar: errors stay until dismissed, information fades by itself.
import { useEffect } from 'react';
import { useI18n } from '../i18n';

export interface Message {
  kind: 'error' | 'info';
  text: string;
}

export function MessageBar({ message, onClose }: { message: Message | null; onClose: () => void }) {
  const { t } = useI18n();
  useEffect(() => {
    if (message?.kind !== 'info') return;
    const timer = setTimeout(onClose, 6000);
    return () => clearTimeout(timer);
  }, [message, onClose]);
  if (!message) return null;
  return (
    <div className={`message message-${message.kind}`} role={message.kind === 'error' ? 'alert' : 'status'} data-testid="message">
      <span className="message-text">{message.text}</span>
      <button type="button" className="message-close" onClick={onClose} aria-label={t('关闭', 'Close')}>
        ×
      </button>
    </div>
  );
}
