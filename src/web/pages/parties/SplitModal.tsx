// A vendor declares the standard split of its own service once, by party role ('self' = the vendor).
import { Alert, App, Input, Modal, Spin, Typography } from 'antd';
import { useEffect, useState } from 'react';
import { FAULT_ROLES, type FaultRole } from '../../../shared/parties.ts';
import { SPLIT_PARTY_ROLES, type SplitPartyRole } from '../../../shared/schemas/responsibilities.ts';
import { formatDateTime } from '../../lib/format.ts';
import { useSaveSplit, useSplit, type SplitView } from './matrix-api.ts';
import { useMatrixText } from './matrix-text.ts';
import { cellKey, FaultRolesEditor, filledCells, MatrixGrid, useGridErrors, type CellValue, type RoleValue } from './MatrixGrid.tsx';

/** The roles a declared split names as columns (the municipality's own role included; 'other' left out). */
const COLUMNS: SplitPartyRole[] = SPLIT_PARTY_ROLES.filter((r) => r !== 'other' && r !== 'subcontractor' && r !== 'package_vendor');

function stateOf(view: SplitView) {
  const cells: Record<string, CellValue> = Object.fromEntries((view.split?.cells ?? []).map((c) => [cellKey(c.layer_id, c.party_role), { duty: c.duty, backup: c.backup }]));
  const roles = Object.fromEntries(
    FAULT_ROLES.map((role) => {
      const r = view.split?.roles.find((x) => x.role === role);
      return [role, { party: r?.party_role, minutes: r?.commitment_minutes ?? null, note: r?.note ?? null }];
    }),
  ) as Record<FaultRole, RoleValue>;
  return { cells, roles, notes: view.split?.notes ?? '' };
}

export function SplitModal({ serviceId, serviceName, onClose }: { serviceId: string; serviceName: string; onClose: () => void }) {
  const { text, fill, partyRole } = useMatrixText();
  const { message } = App.useApp();
  const query = useSplit(serviceId);
  const save = useSaveSplit(serviceId);
  const [cells, setCells] = useState<Record<string, CellValue>>({});
  const [roles, setRoles] = useState<Record<FaultRole, RoleValue>>(() => Object.fromEntries(FAULT_ROLES.map((r) => [r, { minutes: null, note: null }])) as Record<FaultRole, RoleValue>);
  const [notes, setNotes] = useState('');
  const { cellErrors, roleErrors, failed } = useGridErrors();
  useEffect(() => {
    if (!query.data) return;
    const s = stateOf(query.data);
    setCells(s.cells);
    setRoles(s.roles);
    setNotes(s.notes);
  }, [query.data]);
  const columns = COLUMNS.map((r) => ({ key: r, label: partyRole(r) }));

  const onSave = () => {
    const sent = filledCells(cells);
    const sentRoles = FAULT_ROLES.filter((r) => roles[r].party);
    const body = {
      cells: sent.map((c) => ({ layer_id: c.layer_id, party_role: c.column, duty: c.cell.duty, backup: c.cell.backup })),
      roles: sentRoles.map((r) => ({ role: r, party_role: roles[r].party!, commitment_minutes: r === 'first_report' ? roles[r].minutes : null, note: roles[r].note?.trim() || null })),
      notes: notes.trim() || null,
    };
    save.mutate(body, {
      onSuccess: () => {
        void message.success(text.splitSaved);
        onClose();
      },
      onError: (error) => failed(error, sent.map((c) => c.key), sentRoles),
    });
  };

  const view = query.data;
  return (
    <Modal open title={fill(text.splitTitle, { service: serviceName })} width={1120} onCancel={onClose} onOk={onSave} okText={text.splitSave} cancelText={text.cancel} okButtonProps={{ loading: save.isPending, disabled: !view?.can_edit }} destroyOnHidden>
      {query.isPending ? (
        <Spin />
      ) : !view ? (
        <Alert type="error" showIcon message={String(query.error?.message ?? '')} />
      ) : (
        <div data-testid="split-editor">
          <Typography.Paragraph>{text.splitLead}</Typography.Paragraph>
          <Typography.Paragraph type="secondary">{view.updated_at ? fill(text.splitUpdated, { at: formatDateTime(view.updated_at), by: view.updated_by_label ?? '' }) : text.splitNever}</Typography.Paragraph>
          <MatrixGrid layers={view.layers} columns={columns} cells={cells} onChange={(key, cell) => setCells((prev) => ({ ...prev, [key]: cell }))} disabled={!view.can_edit} errors={cellErrors} testId="split-grid" />
          <Typography.Title level={3} style={{ fontSize: 15 }}>{text.faultTitle}</Typography.Title>
          <FaultRolesEditor columns={columns} roles={roles} onChange={(role, value) => setRoles((prev) => ({ ...prev, [role]: value }))} disabled={!view.can_edit} errors={roleErrors} />
          <label style={{ display: 'block', marginTop: 12 }}>
            {text.splitNotes}
            <Input.TextArea rows={2} maxLength={2000} value={notes} disabled={!view.can_edit} onChange={(e) => setNotes(e.target.value)} />
          </label>
        </div>
      )}
    </Modal>
  );
}
