// The document beside the proposals: the normalised text as it was read, with the selected row's source
// sentence marked and scrolled into view, so the analyst checks each figure against its words.
import { useEffect, useRef } from 'react';
import { useI18n } from '../../i18n';

export interface QuoteSpan {
  start: number;
  end: number;
}

export function PlanTextPanel({ text, quote, fileName }: { text: string; quote: QuoteSpan | null; fileName: string }) {
  const { t } = useI18n();
  const markRef = useRef<HTMLElement>(null);
  useEffect(() => {
    // `center` keeps the lines before the sentence in view: they often name the section it belongs to.
    markRef.current?.scrollIntoView({ block: 'center', behavior: 'auto' });
  }, [quote?.start, quote?.end]);
  const valid = quote !== null && quote.start >= 0 && quote.end <= text.length && quote.start < quote.end;
  return (
    <section className="plan-text" aria-label={t('计划原文', 'Plan text')} data-testid="plan-text">
      <header className="plan-text-head">
        <span>{t('原文', 'Document')}</span>
        <span className="muted plan-text-file">{fileName}</span>
      </header>
      <div className="plan-text-body">
        {valid ? (
          <>
            {text.slice(0, quote.start)}
            <mark ref={markRef} data-testid="quote-mark">
              {text.slice(quote.start, quote.end)}
            </mark>
            {text.slice(quote.end)}
          </>
        ) : (
          text
        )}
      </div>
    </section>
  );
}
