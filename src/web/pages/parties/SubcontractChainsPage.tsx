import { DownloadOutlined } from '@ant-design/icons';
import { App, Button, Card, Flex, Form, InputNumber, Space, Spin, Switch, Table, Tooltip, Typography } from 'antd';
import { useState } from 'react';
import { Link } from 'react-router';
import { MAX_SUBCONTRACT_DEPTH, MIN_SUBCONTRACT_DEPTH, subcontractPolicyBody } from '../../../shared/schemas/parties.ts';
import { EmptyState } from '../../components/EmptyState.tsx';
import { PageHeading } from '../../components/PageHeading.tsx';
import { LoadFailed } from '../../components/Problems.tsx';
import { StatusTag } from '../../components/StatusTag.tsx';
import { useFormFeedback } from '../../lib/form-errors.ts';
import { saveSubcontractPolicy, usePartiesMutation, useSubcontractChains, useSubcontractPolicy, type ChainsView, type Party } from './parties-api.ts';
import { ApprovalCell, PartyFlags, PartyName, PartyRoleCell } from './party-cells.tsx';
import { usePartiesText } from './parties-text.ts';

/** 委託先の一覧（再委託）: every entry's chain of contractors and subcontractors, flagged where it needs attention. */
export default function SubcontractChainsPage() {
  const { text: t, fill } = usePartiesText();
  const [flagged, setFlagged] = useState(false);
  const chains = useSubcontractChains(flagged);
  const actions = (
    <Tooltip title={t.chains.exportHint}>
      <Button icon={<DownloadOutlined aria-hidden />} href="/api/register/subcontract-chains.xlsx">{t.chains.export}</Button>
    </Tooltip>
  );
  return (
    <>
      <PageHeading title={t.chains.title} extra={actions} lead={t.chains.lead} />
      <PolicyCard />
      <Flex justify="space-between" align="center" wrap gap={8} style={{ margin: '16px 0' }}>
        <Space>
          <Switch id="chains-flagged" checked={flagged} onChange={setFlagged} />
          <label htmlFor="chains-flagged">{t.chains.flaggedOnly}</label>
        </Space>
        {chains.data && <Typography.Text type="secondary">{fill(t.chains.entries, { n: chains.data.items.length })}</Typography.Text>}
      </Flex>
      {chains.isError ? <LoadFailed error={chains.error} onRetry={() => void chains.refetch()} /> : !chains.data ? <Spin /> : <ChainList data={chains.data} flagged={flagged} />}
    </>
  );
}

function ChainList({ data, flagged }: { data: ChainsView; flagged: boolean }) {
  const { text: t, fill } = usePartiesText();
  if (data.items.length === 0) return <Card><EmptyState title={flagged ? t.chains.emptyFlagged : t.chains.emptyTitle} hint={flagged ? undefined : t.chains.emptyHint} /></Card>;
  const columns = [
    { key: 'name', title: t.columns.name, width: '24%', render: (_: unknown, p: Party) => <PartyName party={p} /> },
    { key: 'depth', title: t.chains.depth, width: '9%', render: (_: unknown, p: Party) => (p.depth === 0 ? t.chains.depthTop : fill(t.chains.depthN, { n: p.depth })) },
    { key: 'role', title: t.columns.role, width: '14%', render: (_: unknown, p: Party) => <PartyRoleCell party={p} /> },
    { key: 'data', title: t.columns.data, render: (_: unknown, p: Party) => <span style={{ whiteSpace: 'pre-wrap' }}>{p.data_handled ?? '—'}</span> },
    { key: 'carry', title: t.columns.carryOut, width: '9%', render: (_: unknown, p: Party) => (p.may_carry_data_out ? <StatusTag tone="warning">{t.section.yes}</StatusTag> : t.section.no) },
    { key: 'approval', title: t.columns.approval, width: '16%', render: (_: unknown, p: Party) => <ApprovalCell party={p} /> },
    { key: 'flags', title: t.columns.flags, width: '14%', render: (_: unknown, p: Party) => <PartyFlags flags={p.flags} /> },
  ];
  return (
    <Flex vertical gap={16}>
      {data.items.map(({ entry, parties, flags }) => (
        <Card
          key={entry.id}
          size="small"
          title={
            <h2 style={{ fontSize: 16, margin: 0 }}>
              <Link to={`/register/${entry.id}?tab=parties`}>{`${entry.external_key} ${entry.name}`}</Link>
            </h2>
          }
          extra={<Space size={8} wrap><Typography.Text type="secondary">{entry.department}</Typography.Text>{flags.length > 0 && <PartyFlags flags={flags} />}</Space>}
        >
          <Table<Party> rowKey="id" size="small" pagination={false} columns={columns} dataSource={parties} />
        </Card>
      ))}
    </Flex>
  );
}

/** The allowed depth: organisation administrators set it here; others see it. */
function PolicyCard() {
  const { text: t, fill } = usePartiesText();
  const policy = useSubcontractPolicy();
  const [form] = Form.useForm<{ max_depth: number }>();
  const { reportError, checkValues } = useFormFeedback();
  const { message } = App.useApp();
  const save = usePartiesMutation(null, (depth: number) => saveSubcontractPolicy(depth));
  if (!policy.data) return null;
  const title = <h2 style={{ fontSize: 16, margin: 0 }}>{t.chains.policyTitle}</h2>;
  if (!policy.data.can_edit) return <Card size="small" title={title}><Typography.Text>{fill(t.chains.policyReadOnly, { n: policy.data.max_depth })}</Typography.Text></Card>;
  const submit = (values: { max_depth: number }) => {
    const parsed = checkValues(subcontractPolicyBody, values, form);
    if (!parsed) return;
    save.mutate(parsed.max_depth, { onSuccess: (res) => void message.success(fill(t.chains.policySaved, { n: res.max_depth })), onError: (error) => reportError(error, form) });
  };
  return (
    <Card size="small" title={title}>
      <Typography.Paragraph type="secondary" style={{ marginBottom: 8 }}>{t.chains.policyLead}</Typography.Paragraph>
      <Form form={form} layout="inline" initialValues={{ max_depth: policy.data.max_depth }} onFinish={submit}>
        <Form.Item name="max_depth" label={t.chains.policyLabel} rules={[{ required: true }]}>
          <InputNumber min={MIN_SUBCONTRACT_DEPTH} max={MAX_SUBCONTRACT_DEPTH} precision={0} style={{ width: 96 }} />
        </Form.Item>
        <Form.Item>
          <Button htmlType="submit" loading={save.isPending}>{t.chains.policySave}</Button>
        </Form.Item>
      </Form>
    </Card>
  );
}
