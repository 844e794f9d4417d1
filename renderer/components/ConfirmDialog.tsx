// A modal question with two answers, inside the page (no window.confirm: it blocks the renderer and looks foreign).
import { useEffect, useRef } from 'react';
import { useI18n } from '../i18n';

export interface ConfirmRequest {
  title: string;
  body: string;
  confirmLabel: string;
}

export function ConfirmDialog({ request, onAnswer }: { request: ConfirmRequest | null; onAnswer: (yes: boolean) => void }) {
  const { t } = useI18n();
  const cancelRef = useRef<HTMLButtonElement>(null);
  useEffect(() => {
    if (!request) return;
    cancelRef.current?.focus();
    const onKey = (e: KeyboardEvent) => e.key === 'Escape' && onAnswer(false);
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [request, onAnswer]);
  if (!request) return null;
  return (
    <div className="modal-backdrop">
      <div className="modal" role="dialog" aria-modal="true" aria-labelledby="confirm-title" data-testid="confirm-dialog">
        <h3 id="confirm-title">{request.title}</h3>
        <p>{request.body}</p>
        <div className="modal-actions">
          <button type="button" className="button" ref={cancelRef} onClick={() => onAnswer(false)}>
            {t('取消', 'Cancel')}
          </button>
          <button type="button" className="button primary" onClick={() => onAnswer(true)} data-testid="confirm-yes">
            {request.confirmLabel}
          </button>
        </div>
      </div>
    </div>
  );
}
