import { CheckSquareOutlined, PlayCircleOutlined } from '@ant-design/icons';
import { App, Button, Card, Flex, Spin, Table, Typography } from 'antd';
import { useState } from 'react';
import { Link, useNavigate } from 'react-router';
import { EmptyState } from '../../components/EmptyState.tsx';
import { LoadFailed } from '../../components/Problems.tsx';
import { SelectField } from '../../components/SelectField.tsx';
import { StatusTag } from '../../components/StatusTag.tsx';
import { formatDateTime, formatDate } from '../../lib/format.ts';
import { useFormFeedback } from '../../lib/form-errors.ts';
import { assessmentApi, useAssessmentMutation, useEntryAssessments, type EntryAssessments } from './assessments-api.ts';
import { OverdueTag, ProgressBar } from './assessments-format.tsx';
import { useAssessmentText } from './assessments-text.ts';
import VendorRequestPanel from './VendorRequestPanel.tsx';

type Row = EntryAssessments['items'][number];

/** The register entry's 確認項目 tab: its assessments with progress, starting one, and the vendor's answers. */
export function EntryAssessmentsTab({ entryId }: { entryId: string }) {
  const { text: t, lang } = useAssessmentText();
  const assessments = useEntryAssessments(entryId);
  const data = assessments.data;
  return (
    <Flex vertical gap={16}>
      <Card title={<Typography.Title level={2} style={{ fontSize: 18, margin: 0 }}>{t.tab.title}</Typography.Title>}>
        <Typography.Paragraph>{t.tab.lead}</Typography.Paragraph>
        {assessments.isError ? (
          <LoadFailed error={assessments.error} onRetry={() => void assessments.refetch()} />
        ) : !data ? (
          <Spin />
        ) : (
          <>
            {data.items.length === 0 ? (
              <EmptyState title={t.tab.empty} hint={data.can_start ? t.tab.emptyHint : t.tab.emptyReadOnly} />
            ) : (
              <Table
                size="small"
                rowKey="id"
                pagination={false}
                dataSource={data.items}
                data-testid="entry-assessments"
                scroll={{ x: 760 }}
                columns={[
                  {
                    title: t.tab.catalogue,
                    key: 'catalogue',
                    render: (_: unknown, r: Row) => (
                      <>
                        <Link to={`/assessments/${r.id}`} style={{ textDecoration: 'underline' }}>{r.catalogue.name[lang]}</Link>
                        {r.catalogue.newer_version && <div><StatusTag tone="warning">{t.tab.newer}</StatusTag></div>}
                      </>
                    ),
                  },
                  { title: t.tab.progress, key: 'progress', render: (_: unknown, r: Row) => <ProgressBar progress={r.progress} /> },
                  { title: t.tab.overdue, key: 'overdue', render: (_: unknown, r: Row) => (r.progress.overdue > 0 ? <><OverdueTag /> {r.progress.overdue}</> : '0') },
                  { title: t.tab.nextDue, key: 'next', render: (_: unknown, r: Row) => formatDate(r.progress.next_due) },
                  { title: t.tab.updated, dataIndex: 'updated_at', render: (v: string) => formatDateTime(v) },
                  {
                    title: t.tab.open,
                    key: 'open',
                    render: (_: unknown, r: Row) => (
                      <Link to={`/assessments/${r.id}`} aria-label={`${t.tab.open}: ${r.catalogue.name[lang]}`}>
                        <Button size="small" icon={<CheckSquareOutlined aria-hidden />}>{t.tab.open}</Button>
                      </Link>
                    ),
                  },
                ]}
              />
            )}
            {data.can_start && <StartAssessment entryId={entryId} data={data} />}
          </>
        )}
      </Card>
      <VendorRequestPanel entryId={entryId} />
    </Flex>
  );
}

function StartAssessment({ entryId, data }: { entryId: string; data: EntryAssessments }) {
  const { text: t, lang } = useAssessmentText();
  const { message } = App.useApp();
  const { reportError } = useFormFeedback();
  const navigate = useNavigate();
  const start = useAssessmentMutation((urn: string) => assessmentApi.start(entryId, urn));
  const applicable = data.not_started.filter((c) => c.applicable);
  const [chosen, setChosen] = useState<string | undefined>(undefined);
  const run = (urn: string) =>
    start.mutate(urn, {
      onSuccess: (created) => {
        void message.success(t.tab.started);
        void navigate(`/assessments/${created.id}`);
      },
      onError: (error) => reportError(error),
    });
  if (data.not_started.length === 0) return <Typography.Paragraph style={{ marginTop: 12 }}>{t.tab.allStarted}</Typography.Paragraph>;
  return (
    <Flex gap={12} wrap align="end" style={{ marginTop: 16 }}>
      {applicable.map((c) => (
        <Button key={c.urn} type="primary" icon={<PlayCircleOutlined aria-hidden />} loading={start.isPending && start.variables === c.urn} onClick={() => run(c.urn)}>
          {`${t.tab.start}：${c.name[lang]}`}
        </Button>
      ))}
      <Flex gap={8} align="end" style={{ flex: '1 1 420px', maxWidth: 640 }}>
        <div style={{ flex: 1 }}>
          <label htmlFor={`start-catalogue-${entryId}`} style={{ display: 'block', marginBottom: 4 }}>{applicable.length > 0 ? t.tab.startOther : t.tab.chooseCatalogue}</label>
          <SelectField
            id={`start-catalogue-${entryId}`}
            value={chosen}
            onChange={(v: string) => setChosen(v)}
            options={data.not_started.map((c) => ({ value: c.urn, label: `${c.name[lang]}（${c.version}）${c.applicable ? ` ・ ${t.tab.applicable}` : ''}` }))}
            style={{ width: '100%' }}
          />
        </div>
        <Button icon={<PlayCircleOutlined aria-hidden />} disabled={!chosen} loading={start.isPending && start.variables === chosen} onClick={() => chosen && run(chosen)}>
          {t.tab.start}
        </Button>
      </Flex>
    </Flex>
  );
}
