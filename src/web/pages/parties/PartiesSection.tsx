import { DeleteOutlined, EditOutlined, PlusOutlined, ApartmentOutlined } from '@ant-design/icons';
import { App, Button, Card, Flex, Popconfirm, Space, Spin, Table, Typography } from 'antd';
import { useState } from 'react';
import { Link } from 'react-router';
import type { Entry } from '../register/register-api.ts';
import { EmptyState } from '../../components/EmptyState.tsx';
import { LoadFailed } from '../../components/Problems.tsx';
import { StatusTag } from '../../components/StatusTag.tsx';
import { useFormFeedback } from '../../lib/form-errors.ts';
import { removeParty, useParties, usePartiesMutation, type Party } from './parties-api.ts';
import { PartyDrawer, type PartyDraft } from './PartyDrawer.tsx';
import { usePartiesText } from './parties-text.ts';
import { PartyFlags, PartyName, PartyRoleCell, ApprovalCell } from './party-cells.tsx';

/** 関係事業者: the entry's parties as a tree (subcontractors under their parents), added and edited in a drawer. */
export function PartiesSection({ entry }: { entry: Entry }) {
  const { text: t, fill } = usePartiesText();
  const view = useParties(entry.id);
  const { message } = App.useApp();
  const { reportError } = useFormFeedback();
  const [draft, setDraft] = useState<PartyDraft | null>(null);
  const remove = usePartiesMutation(entry.id, (id: string) => removeParty(id));

  const title = <h2 style={{ fontSize: 16, margin: 0 }}>{t.section.title}</h2>;
  if (view.isError) return <Card title={title} style={{ marginBottom: 16 }}><LoadFailed error={view.error} onRetry={() => void view.refetch()} /></Card>;
  if (!view.data) return <Card title={title} style={{ marginBottom: 16 }}><Spin /></Card>;
  const { items, can_edit: canEdit, max_depth: maxDepth } = view.data;
  const contractor = entry.vendor && items.length === 0 && canEdit ? entry.vendor : null;

  const columns = [
    { key: 'name', title: t.columns.name, width: '20%', render: (_: unknown, p: Party) => <PartyName party={p} /> },
    { key: 'role', title: t.columns.role, width: '13%', render: (_: unknown, p: Party) => <PartyRoleCell party={p} /> },
    { key: 'contract', title: t.columns.contract, dataIndex: 'contract_reference', width: '10%', render: (v: string | null) => v ?? '—' },
    { key: 'data', title: t.columns.data, dataIndex: 'data_handled', width: '18%', render: (v: string | null) => <span style={{ whiteSpace: 'pre-wrap' }}>{v ?? '—'}</span> },
    { key: 'carry', title: t.columns.carryOut, width: 88, render: (_: unknown, p: Party) => (p.may_carry_data_out ? <StatusTag tone="warning">{t.section.yes}</StatusTag> : t.section.no) },
    { key: 'approval', title: t.columns.approval, width: '14%', render: (_: unknown, p: Party) => <ApprovalCell party={p} /> },
    { key: 'flags', title: t.columns.flags, width: '12%', render: (_: unknown, p: Party) => <PartyFlags flags={p.flags} /> },
    ...(canEdit
      ? [
          {
            key: 'actions',
            title: t.columns.actions,
            width: 96,
            render: (_: unknown, p: Party) => (
              <Space size={4}>
                <Button size="small" icon={<EditOutlined aria-hidden />} aria-label={fill(t.section.editOf, { name: p.name })} title={t.section.edit} onClick={() => setDraft({ party: p })} />
                <Popconfirm
                  title={fill(t.section.removeOf, { name: p.name })}
                  description={<div style={{ maxWidth: 300 }}>{t.section.removeConfirm}</div>}
                  okText={t.section.remove}
                  cancelText={t.section.cancel}
                  okButtonProps={{ danger: true }}
                  onConfirm={() => remove.mutate(p.id, { onSuccess: () => void message.success(t.section.removed), onError: (error) => reportError(error) })}
                >
                  <Button size="small" danger icon={<DeleteOutlined aria-hidden />} aria-label={fill(t.section.removeOf, { name: p.name })} title={t.section.remove} />
                </Popconfirm>
              </Space>
            ),
          },
        ]
      : []),
  ];

  const actions = (
    <Space wrap>
      <Link to="/register/subcontractors"><Button icon={<ApartmentOutlined aria-hidden />}>{t.section.chains}</Button></Link>
      {canEdit && <Button type="primary" icon={<PlusOutlined aria-hidden />} onClick={() => setDraft({ initial: {} })}>{t.section.add}</Button>}
    </Space>
  );

  return (
    <Card title={title} extra={actions} style={{ marginBottom: 16 }} data-testid="parties-section">
      <Flex justify="space-between" wrap gap={8} style={{ marginBottom: 12 }}>
        <Typography.Text type="secondary">{t.section.lead}</Typography.Text>
        <Typography.Text type="secondary">{fill(t.section.maxDepth, { n: maxDepth })}</Typography.Text>
      </Flex>
      {items.length === 0 ? (
        <EmptyState
          title={t.section.emptyTitle}
          hint={canEdit ? t.section.emptyHint : t.section.emptyHintReadOnly}
          action={
            contractor && (
              <Button type="primary" icon={<PlusOutlined aria-hidden />} onClick={() => setDraft({ initial: { role: 'application_provider', vendor_id: `v:${contractor.id}`, contract_reference: entry.contract_number ?? null } })}>
                {fill(t.section.addContractor, { name: contractor.name })}
              </Button>
            )
          }
        />
      ) : (
        <Table<Party> rowKey="id" size="small" pagination={false} columns={columns} dataSource={items} />
      )}
      {draft && <PartyDrawer entryId={entry.id} draft={draft} parties={items} onClose={() => { setDraft(null); }} />}
    </Card>
  );
}
