import { Spin } from 'antd';
import { useParams } from 'react-router';
import { ApiError } from '../../api/client.ts';
import { useMe } from '../../api/session.ts';
import { PrintFrame } from '../../components/PrintFrame.tsx';
import { LoadFailed, NotFound } from '../../components/Problems.tsx';
import { formatDate, formatDateTime } from '../../lib/format.ts';
import { useLabels } from '../../lib/labels.ts';
import { useEntry } from '../register/register-api.ts';
import { useEntryDependencies, type EntryDependency } from './deps-api.ts';
import { useDepsText } from './deps-text.ts';
import { DUTY_SHORT, useMatrixText } from './matrix-text.ts';
import { useMatrix } from './matrix-api.ts';
import { useParties, type Party } from './parties-api.ts';
import { usePartiesText } from './parties-text.ts';
import { useResponsibilityPrintText } from './responsibility-print-text.ts';

// Beyond the shared print frame: the chain's indentation and the matrix's compact cells.
const PRINT_CSS = `
.responsibility-print td.depth-1 { padding-left: 20px; }
.responsibility-print td.depth-2 { padding-left: 34px; }
.responsibility-print td.depth-3, .responsibility-print td.depth-deeper { padding-left: 48px; }
.responsibility-print table.matrix td.cell { text-align: center; white-space: nowrap; }
.responsibility-print tr.flagged td { background: #fff1f0; }
`;

const depthClass = (depth: number) => (depth === 0 ? undefined : depth <= 3 ? `depth-${depth}` : 'depth-deeper');

/**
 * 責任分界の一覧表: one register entry's parties with the subcontract chain, the responsibility
 * matrix with the roles in a failure and what is missing, and what the service runs on — the same
 * data as the 責任分界 tab, as a document to print and put in the contract file.
 */
export default function ResponsibilityPrintPage() {
  const { id = '' } = useParams();
  const { text: t, fill, lang } = useResponsibilityPrintText();
  const { text: pt, role, approval, business } = usePartiesText();
  const { text: mt, faultRole } = useMatrixText();
  const { text: dt } = useDepsText();
  const labels = useLabels();
  const me = useMe();
  const entry = useEntry(id);
  const parties = useParties(id);
  const matrix = useMatrix(id);
  const dependencies = useEntryDependencies(id);
  const failed = [entry, parties, matrix, dependencies].find((q) => q.isError);
  if (failed?.error) return failed.error instanceof ApiError && failed.error.status === 404 ? <NotFound /> : <LoadFailed error={failed.error} onRetry={() => void failed.refetch()} />;
  if (!entry.data || !parties.data || !matrix.data || !dependencies.data) return <Spin />;
  const e = entry.data;
  const m = matrix.data;
  const nameOf = new Map(m.parties.map((p) => [p.id, p.name]));
  const cell = (layerId: string, partyId: string) => {
    const c = m.cells.find((x) => x.layer_id === layerId && x.party_id === partyId);
    if (!c) return '';
    return [c.duty ? DUTY_SHORT[c.duty] : null, c.backup ? mt.backupShort : null].filter(Boolean).join(' ');
  };
  const dependencyLabel = (item: EntryDependency) => (item.entry ? `${item.entry.external_key} ${item.entry.name}` : item.service ? `${item.service.name}（${item.service.vendor_name}）` : '—');
  const carriesOut = (p: Party) => (p.role === 'municipality' ? '—' : p.may_carry_data_out ? pt.section.yes : pt.section.no);
  const approvalText = (p: Party) =>
    p.role !== 'subcontractor'
      ? '—'
      : [p.approval_status ? approval(p.approval_status) : pt.form.approvalNone, p.approval_requested_on ? fill(pt.approvalLine.requested, { date: formatDate(p.approval_requested_on) }) : null, p.approval_decided_on ? fill(pt.approvalLine.decided, { date: formatDate(p.approval_decided_on), approver: p.approver ?? '' }) : null]
          .filter(Boolean)
          .join(' / ');
  return (
    <PrintFrame className="responsibility-print" css={PRINT_CSS} orientation="landscape" title={fill(t.title, { name: e.name })} back={{ to: `/register/${e.id}?tab=parties`, label: t.back }} printLabel={t.print}>
      <dl>
        <dt>{t.organisation}</dt>
        <dd>{labels.organisationName(me.organisation)}</dd>
        <dt>{t.key}</dt>
        <dd>{e.external_key}</dd>
        <dt>{t.department}</dt>
        <dd>{e.department}</dd>
        <dt>{t.business}</dt>
        <dd>{e.standardised_business ? business(e.standardised_business) : t.none}</dd>
        <dt>{t.governmentCloud}</dt>
        <dd>{e.government_cloud ? t.runsOnGc : t.notOnGc}</dd>
        <dt>{t.contract}</dt>
        <dd>{e.contract_number ?? '—'}</dd>
        <dt>{t.generated}</dt>
        <dd>{formatDateTime(new Date().toISOString())}</dd>
      </dl>

      <table>
        <caption>{`${t.parties}（${fill(pt.section.maxDepth, { n: parties.data.max_depth })}）`}</caption>
        <thead>
          <tr>
            <th scope="col">{pt.columns.name}</th>
            <th scope="col">{pt.columns.role}</th>
            <th scope="col">{pt.columns.service}</th>
            <th scope="col">{pt.columns.contract}</th>
            <th scope="col">{pt.columns.data}</th>
            <th scope="col">{pt.columns.carryOut}</th>
            <th scope="col">{pt.columns.approval}</th>
            <th scope="col">{pt.columns.flags}</th>
          </tr>
        </thead>
        <tbody>
          {parties.data.items.length === 0 && (
            <tr>
              <td colSpan={8}>{t.noParties}</td>
            </tr>
          )}
          {parties.data.items.map((p) => (
            <tr key={p.id} className={p.flags.length ? 'flagged' : undefined}>
              <td className={depthClass(p.depth)}>{`${p.depth > 0 ? '└ ' : ''}${p.name}`}</td>
              <td>{role(p.role)}</td>
              <td>{p.vendor_service?.name ?? '—'}</td>
              <td>{p.contract_reference ?? '—'}</td>
              <td>{p.data_handled ?? '—'}</td>
              <td>{carriesOut(p)}</td>
              <td>{approvalText(p)}</td>
              <td>{p.flags.map((f) => pt.flags[f]).join('、') || '—'}</td>
            </tr>
          ))}
        </tbody>
      </table>

      {m.parties.length > 0 && (
        <table className="matrix">
          <caption>{`${t.matrix}（${mt.dutyHint}）`}</caption>
          <thead>
            <tr>
              <th scope="col">{mt.layer}</th>
              {m.parties.map((p) => (
                <th scope="col" key={p.id}>{p.name}</th>
              ))}
            </tr>
          </thead>
          <tbody>
            {m.layers.map((layer) => (
              <tr key={layer.id}>
                <th scope="row">{`${layer.name[lang]}${layer.backup_expected ? `（${mt.backupExpected}）` : ''}`}</th>
                {m.parties.map((p) => (
                  <td key={p.id} className="cell">{cell(layer.id, p.id)}</td>
                ))}
              </tr>
            ))}
          </tbody>
        </table>
      )}

      <table>
        <caption>{t.roles}</caption>
        <thead>
          <tr>
            <th scope="col">{mt.faultRole}</th>
            <th scope="col">{pt.columns.name}</th>
            <th scope="col">{mt.minutes}</th>
            <th scope="col">{mt.note}</th>
          </tr>
        </thead>
        <tbody>
          {(['detection', 'first_triage', 'first_report', 'recovery'] as const).map((r) => {
            const assigned = m.roles.find((x) => x.role === r);
            return (
              <tr key={r}>
                <th scope="row">{faultRole(r)}</th>
                <td>{assigned ? nameOf.get(assigned.party_id) ?? '—' : '—'}</td>
                <td className="num">{assigned?.commitment_minutes ?? '—'}</td>
                <td>{assigned?.note ?? ''}</td>
              </tr>
            );
          })}
        </tbody>
      </table>

      <table>
        <caption>{t.gaps}</caption>
        <tbody>
          {m.gaps.length === 0 && (
            <tr>
              <td>{mt.noGaps}</td>
            </tr>
          )}
          {m.gaps.map((g, index) => (
            <tr key={`${g.kind}-${index}`}>
              <td>{g.reason[lang]}</td>
            </tr>
          ))}
        </tbody>
      </table>

      <table>
        <caption>{t.dependencies}</caption>
        <thead>
          <tr>
            <th scope="col">{t.dependsOn}</th>
            <th scope="col">{t.dependedOnBy}</th>
          </tr>
        </thead>
        <tbody>
          <tr>
            <td>{dependencies.data.depends_on.map((d) => `${dependencyLabel(d)}${d.note ? `（${d.note}）` : ''}`).join(' / ') || dt.section.noneDependsOn}</td>
            <td>{dependencies.data.depended_on_by.map(dependencyLabel).join(' / ') || dt.section.noneDependedOnBy}</td>
          </tr>
        </tbody>
      </table>
    </PrintFrame>
  );
}
