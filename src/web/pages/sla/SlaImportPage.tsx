import { DownloadOutlined, InboxOutlined } from '@ant-design/icons';
import { Alert, App, Button, Card, Checkbox, Space, Steps, Table, Typography, Upload } from 'antd';
import { useQueryClient } from '@tanstack/react-query';
import { useRef, useState } from 'react';
import { Link } from 'react-router';
import { useMe } from '../../api/session.ts';
import { PageHeading } from '../../components/PageHeading.tsx';
import { StatusTag } from '../../components/StatusTag.tsx';
import { formatDateTime } from '../../lib/format.ts';
import { postFile } from '../register/register-api.ts';
import { useReportImports, type ReportImportPlan, type ReportImportRow, type ReportServiceMonth } from './sla-api.ts';
import { duration, monthLabel, percent } from './sla-format.ts';
import { useSlaText } from './sla-text.ts';
import { useDryRunImport } from '../../lib/dry-run-import.ts';

/** Upload a vendor's monthly operation report: dry run (every row and error), then commit all or nothing. */
export default function SlaImportPage() {
  const { text: t, lang, fill } = useSlaText();
  const me = useMe();
  const { message } = App.useApp();
  const client = useQueryClient();
  const history = useReportImports();
  const [replace, setReplace] = useState(false);
  // Read at send time: ticking "replace" re-checks the chosen file with the new choice at once.
  const replaceRef = useRef(replace);
  const send = (chosen: File, dryRun: boolean) => postFile<ReportImportPlan>(`/api/sla/reports/import?mode=${dryRun ? 'dry_run' : 'commit'}&replace=${replaceRef.current}`, chosen, me.csrf_token);
  const { file, plan, done, busy, check, commit } = useDryRunImport(send, async () => {
    // Month results held from before the import are wrong now: drop them, so no screen shows them
    // even for a moment while it fetches the new ones.
    client.removeQueries({ queryKey: ['sla', 'results'] });
    await client.invalidateQueries({ queryKey: ['sla'] });
    void message.success(t.import.committed);
  });
  const months = [...new Set((done?.service_months ?? []).map((s) => s.month))].sort();

  return (
    <>
      <PageHeading title={t.import.title} lead={t.import.lead} extra={<Link to="/sla">{t.import.back}</Link>} />
      <Steps
        direction="vertical"
        current={plan ? 2 : file ? 1 : 0}
        items={[
          {
            title: t.import.step1,
            description: (
              <Space direction="vertical">
                <Typography.Text>{t.import.step1Hint}</Typography.Text>
                <Space wrap>
                  <Button icon={<DownloadOutlined aria-hidden />} href="/api/sla/report-template?format=xlsx">{t.import.templateXlsx}</Button>
                  <Button icon={<DownloadOutlined aria-hidden />} href="/api/sla/report-template?format=csv">{t.import.templateCsv}</Button>
                </Space>
              </Space>
            ),
          },
          {
            title: t.import.step2,
            description: (
              <Space direction="vertical" style={{ width: '100%' }}>
                <Checkbox
                  checked={replace}
                  onChange={(event) => {
                    replaceRef.current = event.target.checked;
                    setReplace(event.target.checked);
                    if (file) void check(file);
                  }}
                >
                  {t.import.replace}
                </Checkbox>
                <Typography.Text type="secondary">{t.import.replaceHint}</Typography.Text>
                <Upload.Dragger accept=".xlsx,.csv" maxCount={1} showUploadList={false} disabled={busy} beforeUpload={(chosen) => { void check(chosen); return false; }} aria-label={t.import.fileLabel}>
                  <p><InboxOutlined aria-hidden style={{ fontSize: 32 }} /></p>
                  <p>{busy ? t.import.checking : file ? file.name : t.import.choose}</p>
                </Upload.Dragger>
              </Space>
            ),
          },
          { title: t.import.step3, description: plan ? <PlanResult plan={plan} busy={busy} onCommit={() => void commit()} /> : null },
        ]}
      />
      {done && (
        <Alert
          type="success"
          showIcon
          message={t.import.committed}
          description={<SummaryList summary={done.summary} />}
          action={
            <Space direction="vertical">
              {months.map((m) => (
                <Link key={m} to={`/sla?month=${m}`} style={{ textDecoration: 'underline' }}>{fill(t.import.toMonth, { month: monthLabel(m, lang) })}</Link>
              ))}
              {!months.length && <Link to="/sla">{t.import.back}</Link>}
            </Space>
          }
        />
      )}
      <Card size="small" style={{ marginTop: 24 }} title={<h2 style={{ fontSize: 16, margin: 0 }}>{t.import.history}</h2>}>
        <Table
          size="small"
          rowKey="id"
          loading={history.isPending}
          dataSource={history.data ?? []}
          locale={{ emptyText: t.import.historyEmpty }}
          pagination={{ pageSize: 10, hideOnSinglePage: true }}
          columns={[
            { title: t.import.at, dataIndex: 'created_at', render: (v: string) => formatDateTime(v) },
            { title: t.import.file, dataIndex: 'filename' },
            { title: t.import.rows, dataIndex: 'row_count', align: 'right' as const },
            { title: t.import.by, dataIndex: 'created_by_label' },
          ]}
        />
      </Card>
    </>
  );
}

function SummaryList({ summary }: { summary: ReportImportPlan['summary'] }) {
  const { text: t, fill } = useSlaText();
  return <span data-testid="sla-import-summary">{fill(t.import.summaryLine, summary)}</span>;
}

const ACTION_TONE = { create: 'info', replace: 'warning' } as const;

function PlanResult({ plan, busy, onCommit }: { plan: ReportImportPlan; busy: boolean; onCommit: () => void }) {
  const { text: t, lang, fill } = useSlaText();
  const ok = plan.errors.length === 0;
  return (
    <Space direction="vertical" style={{ width: '100%' }}>
      <Alert
        type={ok ? 'success' : 'error'}
        showIcon
        message={<SummaryList summary={plan.summary} />}
        description={plan.encoding ? fill(t.import.encoding, { encoding: plan.encoding === 'shift_jis' ? 'Shift_JIS' : 'UTF-8' }) : undefined}
      />
      {!ok && (
        <Card size="small" title={<h2 style={{ fontSize: 16, margin: 0 }}>{t.import.errorsTitle}</h2>}>
          <Table size="small" rowKey={(e) => `${e.row}-${e.column}-${e.reason}`} dataSource={plan.errors} pagination={{ pageSize: 20, hideOnSinglePage: true }} data-testid="sla-import-errors"
            columns={[
              { title: t.import.row, dataIndex: 'row', width: 60 },
              { title: t.import.column, dataIndex: 'column', width: 160 },
              { title: t.import.value, dataIndex: 'value', width: 200, render: (v: string) => <Typography.Text code>{v || t.import.blank}</Typography.Text> },
              { title: t.import.reason, dataIndex: 'reason', render: (reason: string, e: ReportImportPlan['errors'][number]) => (lang === 'en' ? (e.reason_en ?? reason) : reason) },
            ]} />
        </Card>
      )}
      {plan.service_months.length > 0 && (
        <Card size="small" title={<h2 style={{ fontSize: 16, margin: 0 }}>{t.import.monthsTitle}</h2>}>
          <Table size="small" rowKey={(s) => `${s.external_key}-${s.month}`} dataSource={plan.service_months} pagination={{ pageSize: 20, hideOnSinglePage: true }} data-testid="sla-import-months"
            columns={[
              { title: t.import.action, dataIndex: 'action', width: 110, render: (a: ReportServiceMonth['action']) => <StatusTag tone={ACTION_TONE[a]}>{t.import.actions[a]}</StatusTag> },
              { title: t.month.key, dataIndex: 'external_key', width: 110 },
              { title: t.month.service, dataIndex: 'entry_name' },
              { title: t.import.month, dataIndex: 'month', width: 110, render: (v: string) => monthLabel(v, lang) },
              { title: t.import.reportedAvailability, dataIndex: 'reported_availability', align: 'right' as const, render: (v: number | null) => percent(v, lang) },
              { title: t.import.reportedMinutes, dataIndex: 'reported_outage_minutes', align: 'right' as const, render: (v: number | null) => (v === null ? '—' : duration(v, t, fill)) },
              { title: t.import.outages, dataIndex: 'outages', align: 'right' as const },
              { title: t.import.replacedOutages, dataIndex: 'replaced_outages', align: 'right' as const },
            ]} />
        </Card>
      )}
      <Card size="small" title={<h2 style={{ fontSize: 16, margin: 0 }}>{t.import.rowsTitle}</h2>}>
        <Table size="small" rowKey="row" dataSource={plan.rows} pagination={{ pageSize: 20, hideOnSinglePage: true }} data-testid="sla-import-rows"
          columns={[
            { title: t.import.row, dataIndex: 'row', width: 60 },
            { title: t.import.status, dataIndex: 'status', width: 100, render: (v: ReportImportRow['status']) => (v === 'error' ? <StatusTag tone="error">{t.import.error}</StatusTag> : <StatusTag tone="success">{t.import.ok}</StatusTag>) },
            { title: t.month.key, dataIndex: 'external_key', width: 110 },
            { title: t.month.service, dataIndex: 'entry_name', render: (v: string | null) => v ?? '—' },
            { title: t.import.month, dataIndex: 'month', width: 110, render: (v: string | null) => (v ? monthLabel(v, lang) : '—') },
            { title: t.import.kind, dataIndex: 'kind', width: 120, render: (v: ReportImportRow['kind']) => t.import.kinds[v] },
            {
              title: t.import.content,
              key: 'content',
              render: (_: unknown, r: ReportImportRow) =>
                r.kind === 'outage' ? `${formatDateTime(r.occurred_at)} 〜 ${formatDateTime(r.recovered_at)}${r.minutes !== null ? `（${duration(r.minutes, t, fill)}）` : ''}` : '—',
            },
          ]} />
      </Card>
      <Button type="primary" disabled={!ok || busy || plan.rows.length === 0} loading={busy} onClick={onCommit}>
        {t.import.commit}
      </Button>
    </Space>
  );
}
