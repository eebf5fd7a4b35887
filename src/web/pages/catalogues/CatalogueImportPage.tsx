import { DownloadOutlined, InboxOutlined } from '@ant-design/icons';
import { Alert, App, Button, Card, Space, Steps, Table, Typography, Upload } from 'antd';
import { useQueryClient } from '@tanstack/react-query';
import { Link } from 'react-router';
import { useMe } from '../../api/session.ts';
import { PageHeading } from '../../components/PageHeading.tsx';
import { postFile } from '../register/register-api.ts';
import type { CatalogueImportResult } from './catalogues-api.ts';
import { useCatalogueText } from './catalogues-text.ts';
import { useDryRunImport } from '../../lib/dry-run-import.ts';

type ImportError = CatalogueImportResult['errors'][number];

/** Import an organisation's own questionnaire (YAML or .xlsx): dry run with every error and its place, then record. */
export default function CatalogueImportPage() {
  const { text: t } = useCatalogueText();
  const me = useMe();
  const { message } = App.useApp();
  const client = useQueryClient();
  const send = (chosen: File, dryRun: boolean) => postFile<CatalogueImportResult>(`/api/catalogues/import?dry_run=${dryRun}`, chosen, me.csrf_token);
  const { file, plan, done, busy, check, commit } = useDryRunImport(send, async () => {
    await client.invalidateQueries({ queryKey: ['catalogues'] });
    void message.success(t.import.committed);
  });

  return (
    <>
      <PageHeading title={t.import.title} lead={t.import.lead} extra={<Link to="/catalogues">{t.import.back}</Link>} />
      <Steps
        direction="vertical"
        current={plan ? 2 : file ? 1 : 0}
        items={[
          {
            title: t.import.step1,
            description: (
              <Space direction="vertical">
                <Typography.Text>{t.import.step1Hint}</Typography.Text>
                <Button icon={<DownloadOutlined aria-hidden />} href="/api/catalogues/template.xlsx">{t.import.template}</Button>
              </Space>
            ),
          },
          {
            title: t.import.step2,
            description: (
              <Upload.Dragger accept=".yaml,.yml,.xlsx" maxCount={1} showUploadList={false} disabled={busy} beforeUpload={(chosen) => { void check(chosen); return false; }} aria-label={t.import.fileLabel}>
                <p><InboxOutlined aria-hidden style={{ fontSize: 32 }} /></p>
                <p>{busy ? t.import.checking : file ? file.name : t.import.choose}</p>
              </Upload.Dragger>
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
          description={<Summary result={done} />}
          action={done.version_id ? <Link to={`/catalogues/${done.version_id}`} style={{ textDecoration: 'underline' }}>{t.import.open}</Link> : undefined}
        />
      )}
    </>
  );
}

function Summary({ result }: { result: CatalogueImportResult }) {
  const { text: t, fill, pick } = useCatalogueText();
  const s = result.summary;
  if (!s) return null;
  return (
    <Space direction="vertical">
      <span data-testid="catalogue-import-summary">{fill(t.import.summary, { name: pick(s.name), urn: s.urn, version: s.version, categories: s.category_count, items: s.item_count })}</span>
      {s.replaces_version && <span>{fill(t.import.replaces, { version: s.replaces_version })}</span>}
      <Typography.Text code>sha256 {s.sha256}</Typography.Text>
    </Space>
  );
}

function PlanResult({ plan, busy, onCommit }: { plan: CatalogueImportResult; busy: boolean; onCommit: () => void }) {
  const { text: t, lang, fill } = useCatalogueText();
  const place = (e: ImportError) => (e.sheet ? `${e.sheet}${e.row ? ` ${fill(t.import.line, { n: e.row })}` : ''}` : e.row ? fill(t.import.line, { n: e.row }) : '—');
  return (
    <Space direction="vertical" style={{ width: '100%' }}>
      <Alert
        type={plan.ok ? 'success' : 'error'}
        showIcon
        message={plan.ok ? (plan.action === 'unchanged' ? t.import.unchanged : t.import.ok) : fill(t.import.errorsFound, { n: plan.errors.length })}
        description={<Summary result={plan} />}
      />
      {!plan.ok && (
        <Card size="small" title={<h2 style={{ fontSize: 16, margin: 0 }}>{t.import.errorsTitle}</h2>}>
          <Table<ImportError> size="small" rowKey={(e) => `${e.sheet}-${e.row}-${e.column}-${e.reason}`} dataSource={plan.errors} pagination={{ pageSize: 50, hideOnSinglePage: true }} data-testid="catalogue-import-errors"
            columns={[
              { title: t.import.place, key: 'place', width: 140, render: (_, e) => place(e) },
              { title: t.import.column, dataIndex: 'column', width: 220, render: (v: string) => <Typography.Text code>{v}</Typography.Text> },
              { title: t.import.value, dataIndex: 'value', width: 200, render: (v: string) => <Typography.Text code>{v || t.import.blank}</Typography.Text> },
              { title: t.import.reason, dataIndex: 'reason', render: (reason: string, e) => (lang === 'en' ? (e.reason_en ?? reason) : reason) },
            ]} />
        </Card>
      )}
      <Button type="primary" disabled={!plan.ok || busy || plan.action === 'unchanged'} loading={busy} onClick={onCommit}>
        {t.import.commit}
      </Button>
    </Space>
  );
}
