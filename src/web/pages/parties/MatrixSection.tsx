import { Alert, App, Button, Card, Empty, Flex, Popconfirm, Select, Space, Spin, Typography } from 'antd';
import { useEffect, useMemo, useState } from 'react';
import { FAULT_ROLES, PARTY_LABELS, type FaultRole, type PartyRole } from '../../../shared/parties.ts';
import type { SplitPartyRole } from '../../../shared/schemas/responsibilities.ts';
import { formatDateTime } from '../../lib/format.ts';
import { useFormFeedback } from '../../lib/form-errors.ts';
import type { Entry } from '../register/register-api.ts';
import { adoptSplit, saveMatrix, useMatrix, useMatrixMutation, type MatrixView } from './matrix-api.ts';
import { useMatrixText } from './matrix-text.ts';
import { cellKey, FaultRolesEditor, filledCells, MatrixGrid, useGridErrors, type CellValue, type GridColumn, type RoleValue } from './MatrixGrid.tsx';

const heading = (title: string) => <h2 style={{ fontSize: 16, margin: 0 }}>{title}</h2>;

function cellsOf(view: MatrixView): Record<string, CellValue> {
  return Object.fromEntries(view.cells.map((c) => [cellKey(c.layer_id, c.party_id), { duty: c.duty, backup: c.backup }]));
}

function rolesOf(view: MatrixView): Record<FaultRole, RoleValue> {
  return Object.fromEntries(
    FAULT_ROLES.map((role) => {
      const r = view.roles.find((x) => x.role === role);
      return [role, { party: r?.party_id, minutes: r?.commitment_minutes ?? null, note: r?.note ?? null }];
    }),
  ) as Record<FaultRole, RoleValue>;
}

/** 責任分担表: the gaps first, then the matrix (layers × parties) and the fault roles, then the vendor's split to adopt. */
export function MatrixSection({ entry }: { entry: Entry }) {
  const { text } = useMatrixText();
  const query = useMatrix(entry.id);
  const view = query.data;
  return (
    <Card title={heading(text.title)} style={{ marginTop: 16 }} data-testid="matrix-section">
      {query.isPending ? (
        <Spin />
      ) : query.isError || !view ? (
        <Alert type="error" showIcon message={String(query.error?.message ?? '')} />
      ) : view.parties.length === 0 ? (
        <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={text.noParties} />
      ) : (
        <MatrixEditor entryId={entry.id} view={view} />
      )}
    </Card>
  );
}

function MatrixEditor({ entryId, view }: { entryId: string; view: MatrixView }) {
  const { text, lang } = useMatrixText();
  const { message } = App.useApp();
  const [cells, setCells] = useState(() => cellsOf(view));
  const [roles, setRoles] = useState(() => rolesOf(view));
  const { cellErrors, roleErrors, clear, failed } = useGridErrors();
  useEffect(() => {
    setCells(cellsOf(view));
    setRoles(rolesOf(view));
  }, [view]);
  const save = useMatrixMutation(entryId, (body: unknown) => saveMatrix(entryId, body));
  const columns: GridColumn[] = view.parties.map((p) => ({ key: p.id, label: p.name, hint: PARTY_LABELS.role[p.role][lang] }));
  const disabled = !view.can_edit;

  const onSave = () => {
    const sent = filledCells(cells);
    const sentRoles = FAULT_ROLES.filter((r) => roles[r].party);
    const body = {
      cells: sent.map((c) => ({ layer_id: c.layer_id, party_id: c.column, duty: c.cell.duty, backup: c.cell.backup })),
      roles: sentRoles.map((r) => ({ role: r, party_id: roles[r].party!, commitment_minutes: r === 'first_report' ? roles[r].minutes : null, note: roles[r].note?.trim() || null })),
    };
    save.mutate(body, {
      onSuccess: () => {
        clear();
        void message.success(text.saved);
      },
      onError: (error) => failed(error, sent.map((c) => c.key), sentRoles),
    });
  };

  return (
    <Flex vertical gap={16}>
      <Typography.Paragraph style={{ margin: 0 }}>{text.lead}</Typography.Paragraph>
      <Gaps view={view} />
      <MatrixGrid layers={view.layers} columns={columns} cells={cells} onChange={(key, cell) => setCells((prev) => ({ ...prev, [key]: cell }))} disabled={disabled} errors={cellErrors} testId="matrix-grid" />
      <div>
        <Typography.Title level={3} style={{ fontSize: 15, marginTop: 0 }}>{text.faultTitle}</Typography.Title>
        <FaultRolesEditor columns={columns} roles={roles} onChange={(role, value) => setRoles((prev) => ({ ...prev, [role]: value }))} disabled={disabled} errors={roleErrors} />
      </div>
      {view.can_edit ? (
        <div>
          <Button type="primary" onClick={onSave} loading={save.isPending}>{text.save}</Button>
        </div>
      ) : (
        <Typography.Text type="secondary">{text.readOnly}</Typography.Text>
      )}
      {view.declared && <AdoptPanel entryId={entryId} view={view} />}
      {!view.declared && view.adoption && <AdoptionSummary view={view} />}
    </Flex>
  );
}

function Gaps({ view }: { view: MatrixView }) {
  const { text, lang } = useMatrixText();
  if (view.gaps.length === 0) return <Alert type="success" showIcon message={text.noGaps} data-testid="matrix-gaps" />;
  return (
    <Alert
      type="warning"
      showIcon
      data-testid="matrix-gaps"
      message={`${text.gapsTitle}（${view.gaps.length}）`}
      description={
        <ul style={{ margin: 0, paddingInlineStart: 18, columns: view.gaps.length > 6 ? 2 : 1, columnGap: 32 }}>
          {view.gaps.map((g, i) => (
            <li key={`${g.kind}-${g.layer_id ?? g.role ?? ''}-${i}`}>{g.reason[lang]}</li>
          ))}
        </ul>
      }
    />
  );
}

function AdoptionSummary({ view }: { view: MatrixView }) {
  const { text, lang, fill } = useMatrixText();
  const adoption = view.adoption!;
  return (
    <div data-testid="adoption">
      <Typography.Paragraph style={{ marginBottom: 4 }}>{fill(text.adoptedAt, { at: formatDateTime(adoption.adopted_at), by: adoption.adopted_by_label, service: adoption.service_name })}</Typography.Paragraph>
      {adoption.differences.length === 0 ? (
        <Typography.Text type="secondary">{text.noDifferences}</Typography.Text>
      ) : (
        <Alert
          type="info"
          showIcon
          message={text.differencesTitle}
          description={
            <ul style={{ margin: 0, paddingInlineStart: 18 }}>
              {adoption.differences.map((d, i) => (
                <li key={i}>{d[lang]}</li>
              ))}
            </ul>
          }
        />
      )}
    </div>
  );
}

function AdoptPanel({ entryId, view }: { entryId: string; view: MatrixView }) {
  const { text, fill, partyRole } = useMatrixText();
  const { message } = App.useApp();
  const { reportError } = useFormFeedback();
  const declared = view.declared!;
  const splitRoles = useMemo(() => [...new Set<SplitPartyRole>([...declared.split.cells.map((c) => c.party_role), ...declared.split.roles.map((r) => r.party_role)])], [declared]);
  const [mapping, setMapping] = useState<Record<string, string | undefined>>(declared.suggested_mapping);
  useEffect(() => setMapping(declared.suggested_mapping), [declared]);
  const adopt = useMatrixMutation(entryId, (body: unknown) => adoptSplit(entryId, body));
  const again = view.adoption?.service_id === declared.service_id;

  const onAdopt = () => {
    const chosen = Object.fromEntries(Object.entries(mapping).filter(([role, id]) => id && splitRoles.includes(role as SplitPartyRole)));
    adopt.mutate(
      { service_id: declared.service_id, mapping: chosen },
      {
        onSuccess: (result) => {
          void message.success(result.skipped.length ? `${text.adopted}。${fill(text.adoptedSkipped, { roles: result.skipped.map(partyRole).join('、') })}` : text.adopted);
        },
        onError: (error) => reportError(error),
      },
    );
  };

  return (
    <Card type="inner" title={<h3 style={{ fontSize: 15, margin: 0 }}>{text.adoptTitle}</h3>} data-testid="adopt-panel">
      <Typography.Paragraph>{fill(text.adoptLead, { vendor: declared.vendor_name, service: declared.service_name, at: formatDateTime(declared.updated_at) })}</Typography.Paragraph>
      <Typography.Paragraph type="secondary">{fill(text.declaredCells, { n: declared.split.cells.length, m: declared.split.roles.length })}</Typography.Paragraph>
      {declared.split.notes && <Typography.Paragraph style={{ whiteSpace: 'pre-wrap' }}>{declared.split.notes}</Typography.Paragraph>}
      {view.adoption && <AdoptionSummary view={view} />}
      {view.can_edit && (
        <>
          <Space wrap style={{ margin: '12px 0' }}>
            {splitRoles.map((role) => (
              <label key={role} style={{ display: 'inline-flex', alignItems: 'center', gap: 6 }}>
                <span>{partyRole(role as PartyRole | 'self')}</span>
                <Select
                  size="small"
                  style={{ width: 220 }}
                  allowClear
                  placeholder={text.notMapped}
                  aria-label={`${partyRole(role as PartyRole | 'self')}: ${text.mapTo}`}
                  value={mapping[role]}
                  options={view.parties.map((p) => ({ value: p.id, label: p.name }))}
                  onChange={(v: string | undefined) => setMapping((prev) => ({ ...prev, [role]: v }))}
                />
              </label>
            ))}
          </Space>
          <div>
            <Popconfirm title={text.adoptConfirm} okText={again ? text.adoptAgain : text.adopt} cancelText={text.cancel} onConfirm={onAdopt}>
              <Button loading={adopt.isPending}>{again ? text.adoptAgain : text.adopt}</Button>
            </Popconfirm>
          </div>
        </>
      )}
    </Card>
  );
}
