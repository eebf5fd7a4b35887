import { Spin } from 'antd';
import { useParams } from 'react-router';
import { ApiError } from '../../api/client.ts';
import { useMe } from '../../api/session.ts';
import { LoadFailed, NotFound } from '../../components/Problems.tsx';
import { formatDateTime, formatDate } from '../../lib/format.ts';
import { useLabels } from '../../lib/labels.ts';
import { useAssessment } from './assessments-api.ts';
import { useAnswerText } from './assessments-format.tsx';
import { useAssessmentText } from './assessments-text.ts';
import { PrintFrame } from '../../components/PrintFrame.tsx';

// Beyond the shared print frame: this report's own marks.
const PRINT_CSS = `
.assessment-print tr.overdue td { background: #fff1f0; }
.assessment-print .hash { font-family: monospace; font-size: 10px; word-break: break-all; }
`;

/** A plain printable assessment (the same data as the screen and the .xlsx) with a print button. */
export default function AssessmentPrintPage() {
  const { id } = useParams();
  const { text: t, lang, fill, vocab } = useAssessmentText();
  const labels = useLabels();
  const me = useMe();
  const assessment = useAssessment(id);
  const answerText = useAnswerText();
  if (assessment.isError) return assessment.error instanceof ApiError && assessment.error.status === 404 ? <NotFound /> : <LoadFailed error={assessment.error} onRetry={() => void assessment.refetch()} />;
  if (!assessment.data) return <Spin />;
  const a = assessment.data;
  return (
    <PrintFrame className="assessment-print" css={PRINT_CSS} orientation="landscape" title={fill(t.print.title, { name: a.entry.name })} back={{ to: `/assessments/${a.id}`, label: t.print.back }} printLabel={t.print.print} pdf={`/api/assessments/${a.id}/export.pdf`}>
      <dl>
        <dt>{t.print.organisation}</dt>
        <dd>{labels.organisationName(me.organisation)}</dd>
        <dt>{t.page.key}</dt>
        <dd>{a.entry.external_key}</dd>
        <dt>{t.page.department}</dt>
        <dd>{a.entry.department}</dd>
        <dt>{t.page.catalogue}</dt>
        <dd>{`${a.catalogue.name[lang]}（${fill(t.page.version, { version: a.catalogue.version })}）`}</dd>
        <dt>{t.tab.progress}</dt>
        <dd data-testid="print-progress">{`${fill(t.progress.value, { settled: a.progress.settled, total: a.progress.total, percent: a.progress.percent })} ・ ${t.tab.overdue} ${a.progress.overdue}`}</dd>
        <dt>{t.print.generated}</dt>
        <dd>{formatDateTime(new Date().toISOString())}</dd>
      </dl>
      {a.categories.map((c) => (
        <table key={c.key}>
          <caption>{`${c.number ? `(${c.number}) ` : ''}${c.name[lang]} ・ ${fill(t.progress.value, { settled: c.progress.settled, total: c.progress.total, percent: c.progress.percent })}`}</caption>
          <thead>
            <tr>
              <th scope="col">{t.table.number}</th>
              <th scope="col">{t.table.item}</th>
              <th scope="col">{t.table.status}</th>
              <th scope="col">{t.table.answer}</th>
              <th scope="col">{t.table.due}</th>
              <th scope="col">{t.table.reviewer}</th>
              <th scope="col">{t.table.beforeUse}</th>
              <th scope="col">{t.table.policy}</th>
              <th scope="col">{t.table.evidence}</th>
            </tr>
          </thead>
          <tbody>
            {c.items.map((i) => (
              <tr key={i.key} className={i.overdue ? 'overdue' : undefined}>
                <td>{i.key}</td>
                <td>{i.name[lang]}{i.archived && `（${t.table.archived}）`}</td>
                <td>{vocab.status(i.status)}</td>
                <td style={{ whiteSpace: 'pre-wrap' }}>{answerText(i.answer_spec, i.answer) || t.common.none}</td>
                <td>{formatDate(i.due_date)}{i.overdue && ` ⚠ ${t.table.overdue}`}</td>
                <td>{i.reviewer?.name ?? t.common.none}</td>
                <td>{i.confirmed_before_use === null ? t.common.none : i.confirmed_before_use ? t.common.yes : t.common.no}</td>
                <td>{vocab.policy(i.policy_defined)}</td>
                <td>
                  {i.evidence.length === 0
                    ? t.common.none
                    : i.evidence.map((e) => (
                        <div key={e.id}>
                          {e.filename}
                          <div className="hash">sha256:{e.sha256}</div>
                        </div>
                      ))}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      ))}
      <p style={{ marginTop: 12, fontSize: 12 }}>{t.print.notes}</p>
    </PrintFrame>
  );
}
