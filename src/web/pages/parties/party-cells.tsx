import { Space, Typography } from 'antd';
import type { PartyFlag } from '../../../shared/schemas/parties.ts';
import { StatusTag } from '../../components/StatusTag.tsx';
import { formatDate } from '../../lib/format.ts';
import type { Party } from './parties-api.ts';
import { usePartiesText } from './parties-text.ts';

// Cells shared by the entry's parties table and the organisation's subcontract chains.

/** The party's name, indented by its depth in the chain, with the platform service beneath. */
export function PartyName({ party }: { party: Party }) {
  return (
    <div style={{ paddingLeft: party.depth * 16, display: 'flex', gap: 4 }}>
      {party.depth > 0 && <span aria-hidden style={{ color: '#595959' }}>└</span>}
      <div>
        <Typography.Text strong={party.depth === 0}>{party.name}</Typography.Text>
        {party.vendor_service && <div><Typography.Text type="secondary" style={{ fontSize: 12 }}>{party.vendor_service.name}</Typography.Text></div>}
      </div>
    </div>
  );
}

/** A subcontractor's approval: the status, then the request and decision dates and the approver. */
export function ApprovalCell({ party }: { party: Party }) {
  const { text: t, fill, approval } = usePartiesText();
  if (party.role !== 'subcontractor') return <Typography.Text type="secondary">—</Typography.Text>;
  const tone = party.approval_status === 'approved' ? 'success' : party.approval_status === 'refused' ? 'error' : 'warning';
  return (
    <div>
      <StatusTag tone={tone}>{party.approval_status ? approval(party.approval_status) : t.form.approvalNone}</StatusTag>
      {party.approval_requested_on && <div style={{ fontSize: 12 }}>{fill(t.approvalLine.requested, { date: formatDate(party.approval_requested_on) })}</div>}
      {party.approval_decided_on && <div style={{ fontSize: 12 }}>{fill(t.approvalLine.decided, { date: formatDate(party.approval_decided_on), approver: party.approver ?? '' })}</div>}
    </div>
  );
}

export function PartyFlags({ flags }: { flags: PartyFlag[] }) {
  const { text: t } = usePartiesText();
  if (flags.length === 0) return <Typography.Text type="secondary">—</Typography.Text>;
  return (
    <Space size={[0, 4]} wrap>
      {flags.map((f) => <StatusTag key={f} tone="error">{t.flags[f]}</StatusTag>)}
    </Space>
  );
}

/** The role, and for an application provider whether it is a 標準準拠アプリ. */
export function PartyRoleCell({ party }: { party: Party }) {
  const { text: t, role } = usePartiesText();
  return (
    <div>
      {role(party.role)}
      {party.standard_app && <div><StatusTag tone="info">{t.form.standardApp}</StatusTag></div>}
    </div>
  );
}
