import { DownloadOutlined, InboxOutlined } from '@ant-design/icons';
import { Alert, App, Button, Card, Space, Steps, Table, Typography, Upload } from 'antd';
import { useQueryClient } from '@tanstack/react-query';
import { Link } from 'react-router';
import { useMe } from '../../api/session.ts';
import { PageHeading } from '../../components/PageHeading.tsx';
import { StatusTag } from '../../components/StatusTag.tsx';
import { postFile, type ImportPlan } from './register-api.ts';
import { useRegisterText } from './register-text.ts';
import { useDryRunImport } from '../../lib/dry-run-import.ts';

const ACTION_TONE = { create: 'info', update: 'warning', unchanged: 'neutral' } as const;

export default function RegisterImportPage() {
  const { text: t, fill } = useRegisterText();
  const me = useMe();
  const { message } = App.useApp();
  const client = useQueryClient();
  const send = (chosen: File, dryRun: boolean) => postFile<ImportPlan>(`/api/register/import/${dryRun ? 'preview' : 'commit'}`, chosen, me.csrf_token);
  const { file, plan, done, busy, check, commit } = useDryRunImport(send, async (result) => {
    await client.invalidateQueries({ queryKey: ['register'] });
    void message.success(fill(t.import.committed, result.summary));
  });

  return (
    <>
      <PageHeading title={t.import.title} lead={t.import.lead} extra={<Link to="/register">{t.entry.back}</Link>} />
      <Steps direction="vertical" current={plan ? 2 : file ? 1 : 0} items={[
        { title: t.import.step1, description: <Space direction="vertical"><Typography.Text>{t.import.step1Hint}</Typography.Text><Button icon={<DownloadOutlined aria-hidden />} href="/api/register/template.xlsx">{t.import.template}</Button></Space> },
        {
          title: t.import.step2,
          description: (
            <Upload.Dragger accept=".xlsx,.csv" maxCount={1} showUploadList={false} disabled={busy} beforeUpload={(chosen) => { void check(chosen); return false; }} aria-label={t.import.fileLabel}>
              <p><InboxOutlined aria-hidden style={{ fontSize: 32 }} /></p>
              <p>{busy ? t.import.checking : file ? file.name : t.import.choose}</p>
            </Upload.Dragger>
          ),
        },
        { title: t.import.step3, description: plan ? <PlanResult plan={plan} busy={busy} onCommit={() => void commit()} /> : null },
      ]} />
      {done && (
        <Alert type="success" showIcon message={fill(t.import.committed, done.summary)} action={<Link to="/register">{t.import.toList}</Link>} />
      )}
    </>
  );
}

function PlanResult({ plan, busy, onCommit }: { plan: ImportPlan; busy: boolean; onCommit: () => void }) {
  const { text: t, fill, lang } = useRegisterText();
  const ok = plan.errors.length === 0;
  return (
    <Space direction="vertical" style={{ width: '100%' }}>
      <Alert type={ok ? 'success' : 'error'} showIcon message={fill(t.import.summary, plan.summary)}
        description={<>{plan.encoding && <div>{fill(t.import.encoding, { encoding: plan.encoding === 'shift_jis' ? 'Shift_JIS' : 'UTF-8' })}</div>}{plan.vendors_to_create.length > 0 && <div>{fill(t.import.vendorsToCreate, { names: plan.vendors_to_create.join('、') })}</div>}</>} />
      {!ok && (
        <Card size="small" title={<h2 style={{ fontSize: 16, margin: 0 }}>{t.import.errorsTitle}</h2>}>
          <Table size="small" rowKey={(e) => `${e.row}-${e.column}-${e.reason}`} dataSource={plan.errors} pagination={{ pageSize: 20, hideOnSinglePage: true }}
            columns={[
              { title: t.import.row, dataIndex: 'row', width: 60 },
              { title: t.import.column, dataIndex: 'column', width: 160 },
              { title: t.import.value, dataIndex: 'value', width: 200, render: (v: string) => <Typography.Text code>{v || '（空欄）'}</Typography.Text> },
              { title: t.import.reason, dataIndex: 'reason', render: (reason: string, e: ImportPlan['errors'][number]) => (lang === 'en' ? (e.reason_en ?? reason) : reason) },
            ]} />
        </Card>
      )}
      <Card size="small" title={<h2 style={{ fontSize: 16, margin: 0 }}>{t.import.rowsTitle}</h2>}>
        <Table size="small" rowKey="row" dataSource={plan.rows} pagination={{ pageSize: 20, hideOnSinglePage: true }}
          columns={[
            { title: t.import.row, dataIndex: 'row', width: 60 },
            { title: t.import.action, dataIndex: 'action', width: 110, render: (a: 'create' | 'update' | 'unchanged') => <StatusTag tone={ACTION_TONE[a]}>{t.import.actions[a]}</StatusTag> },
            { title: t.field.external_key, dataIndex: 'external_key', width: 110 },
            { title: t.field.name, dataIndex: 'name' },
            { title: t.import.changed, dataIndex: 'changed_fields', render: (f: string[]) => f.join(', ') },
          ]} />
      </Card>
      <Button type="primary" disabled={!ok || busy || plan.summary.create + plan.summary.update === 0} loading={busy} onClick={onCommit}>
        {t.import.commit}
      </Button>
    </Space>
  );
}
