// Every cell the importer would not take, with its reason: the file is refused unless the analyst skips them.
import type { CellProblem } from '../../../shared/import/mapping';
import { pickMessage, useI18n } from '../../i18n';

export function ProblemList({ problems }: { problems: CellProblem[] }) {
  const { t, lang } = useI18n();
  if (problems.length === 0) return null;
  return (
    <section className="problems" data-testid="problem-list">
      <h4>
        {t(`${problems.length} 个单元格无法导入`, `${problems.length} cell(s) cannot be imported`)}
        <span className="muted">{t('（不跳过则整个文件不导入）', ' (unless skipped, the whole file is refused)')}</span>
      </h4>
      <table>
        <thead>
          <tr>
            <th>{t('单元格', 'Cell')}</th>
            <th>{t('内容', 'Content')}</th>
            <th>{t('原因', 'Reason')}</th>
          </tr>
        </thead>
        <tbody>
          {problems.map((p, i) => (
            <tr key={`${i}-${p.sheet}!${p.cell}`}>
              <td className="mono">
                {p.sheet}!{p.cell}
              </td>
              <td>{p.value ?? ''}</td>
              <td>{pickMessage(p.reason, lang)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </section>
  );
}
