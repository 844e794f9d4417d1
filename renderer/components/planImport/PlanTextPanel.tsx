// The document beside the proposals: the normalised text as it was read, with the selected row's source
// sentence marked and scrolled into view, so the analyst checks each figure against its words.
import { useEffect, useRef, type ReactNode } from 'react';
import { useI18n } from '../../i18n';

export interface QuoteSpan {
  start: number;
  end: number;
}

/** Marks the selected statement and, more lightly, where the plan states the same target again (`also`). */
export function PlanTextPanel({ text, quote, also = [], fileName }: { text: string; quote: QuoteSpan | null; also?: QuoteSpan[]; fileName: string }) {
  const { t } = useI18n();
  const markRef = useRef<HTMLElement>(null);
  useEffect(() => {
    // `center` keeps the lines before the sentence in view: they often name the section it belongs to.
    markRef.current?.scrollIntoView({ block: 'center', behavior: 'auto' });
  }, [quote?.start, quote?.end]);
  const fits = (q: QuoteSpan) => q.start >= 0 && q.end <= text.length && q.start < q.end;
  const valid = quote !== null && fits(quote);
  // Non-overlapping marks in document order; the selected statement is the one scrolled to.
  const marks = valid ? [{ ...quote, main: true }, ...also.filter(fits).map((q) => ({ ...q, main: false }))].sort((a, b) => a.start - b.start) : [];
  const pieces: ReactNode[] = [];
  let at = 0;
  for (const m of marks) {
    if (m.start < at) continue;
    pieces.push(text.slice(at, m.start));
    pieces.push(
      m.main ? (
        <mark key={m.start} ref={markRef} data-testid="quote-mark">
          {text.slice(m.start, m.end)}
        </mark>
      ) : (
        <mark key={m.start} className="also-mark" data-testid="also-mark" title={t('同一目标的另一处表述', 'The same target, stated again')}>
          {text.slice(m.start, m.end)}
        </mark>
      ),
    );
    at = m.end;
  }
  pieces.push(text.slice(at));
  return (
    <section className="plan-text" aria-label={t('计划原文', 'Plan text')} data-testid="plan-text">
      <header className="plan-text-head">
        <span>{t('原文', 'Document')}</span>
        <span className="muted plan-text-file">{fileName}</span>
      </header>
      <div className="plan-text-body">
        {valid ? pieces : text}
      </div>
    </section>
  );
}
