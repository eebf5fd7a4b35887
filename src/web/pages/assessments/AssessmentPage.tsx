import { ArrowLeftOutlined, EditOutlined, FileExcelOutlined, PrinterOutlined, SwapOutlined, UnorderedListOutlined } from '@ant-design/icons';
import { Alert, App, Button, Card, Descriptions, Flex, Popconfirm, Space, Spin, Table, Typography } from 'antd';
import { Link, useParams, useSearchParams } from 'react-router';
import { ApiError } from '../../api/client.ts';
import { PageHeading } from '../../components/PageHeading.tsx';
import { LoadFailed, NotFound } from '../../components/Problems.tsx';
import { StatusTag } from '../../components/StatusTag.tsx';
import { compareNumber, compareText, formatDate } from '../../lib/format.ts';
import { useFormFeedback } from '../../lib/form-errors.ts';
import { assessmentApi, useAssessment, useAssessmentMutation, type AssessmentCategory, type AssessmentDetail, type AssessmentItem } from './assessments-api.ts';
import { ItemStatusTag, OverdueTag, ProgressBar, useAnswerText } from './assessments-format.tsx';
import { useAssessmentText } from './assessments-text.ts';
import { ItemEditor } from './ItemEditor.tsx';
import { PdfButton } from '../../components/PrintFrame.tsx';

const STATUS_ORDER = { action_required: 0, unconfirmed: 1, in_progress: 2, confirmed: 3, not_applicable: 4 } as const;

/** One assessment: its entry, catalogue version, progress per category and the items; ?item=<key> opens the editor. */
export default function AssessmentPage() {
  const { id } = useParams();
  const assessment = useAssessment(id);
  const [search, setSearch] = useSearchParams();
  if (assessment.isError) return assessment.error instanceof ApiError && assessment.error.status === 404 ? <NotFound /> : <LoadFailed error={assessment.error} onRetry={() => void assessment.refetch()} />;
  if (!assessment.data) return <Spin />;
  const a = assessment.data;
  const openKey = search.get('item');
  const open = openKey ? a.categories.flatMap((c) => c.items).find((i) => i.key === openKey) : undefined;
  const setOpen = (key: string | null) => setSearch(key ? { item: key } : {}, { replace: true });
  return (
    <>
      <Header assessment={a} />
      <Flex vertical gap={16}>
        {a.categories.map((c) => (
          <CategoryTable key={c.key} category={c} onEdit={(key) => setOpen(key)} />
        ))}
      </Flex>
      {open && <ItemEditor assessment={a} item={open} onClose={() => setOpen(null)} />}
    </>
  );
}

function Header({ assessment: a }: { assessment: AssessmentDetail }) {
  const { text: t, lang, fill } = useAssessmentText();
  const { message } = App.useApp();
  const { reportError } = useFormFeedback();
  const migrate = useAssessmentMutation(() => assessmentApi.migrateAll(a.id));
  const actions = (
    <Space wrap>
      <Link to={`/register/${a.entry.id}?tab=confirmation`}><Button icon={<ArrowLeftOutlined aria-hidden />}>{t.page.back}</Button></Link>
      <Link to="/assessments"><Button icon={<UnorderedListOutlined aria-hidden />}>{t.page.list}</Button></Link>
      <a href={`/api/assessments/${a.id}/export.xlsx`} download><Button icon={<FileExcelOutlined aria-hidden />}>{t.page.export}</Button></a>
      <PdfButton href={`/api/assessments/${a.id}/export.pdf`} />
      <Link to={`/assessments/${a.id}/print`}><Button icon={<PrinterOutlined aria-hidden />}>{t.page.print}</Button></Link>
    </Space>
  );
  return (
    <>
      <PageHeading title={`${a.catalogue.name[lang]}：${a.entry.name}`} extra={actions} lead={fill(t.page.started, { label: a.started_label })} />
      {!a.can_edit && <Alert type="info" showIcon message={t.page.readOnly} style={{ marginBottom: 16 }} />}
      {a.catalogue.newer_version && (
        <Alert
          type="warning"
          showIcon
          style={{ marginBottom: 16 }}
          message={fill(t.page.newer, { version: a.catalogue.newer_version.version })}
          action={
            a.can_edit && (
              <Popconfirm
                title={t.page.migrateConfirm}
                okText={t.page.migrateAll}
                cancelText={t.common.cancel}
                onConfirm={() => migrate.mutate(undefined, { onSuccess: (r) => void message.success(fill(t.page.migrated, { migrated: r.migrated, archived: r.archived, added: r.added })), onError: (e) => reportError(e) })}
              >
                <Button icon={<SwapOutlined aria-hidden />} loading={migrate.isPending}>{t.page.migrateAll}</Button>
              </Popconfirm>
            )
          }
        />
      )}
      <Card style={{ marginBottom: 16 }}>
        <Flex gap={24} wrap>
          <Descriptions size="small" column={1} style={{ flex: '1 1 360px' }} styles={{ label: { width: 140 } }}>
            <Descriptions.Item label={t.page.entry}><Link to={`/register/${a.entry.id}`} style={{ textDecoration: 'underline' }}>{a.entry.name}</Link></Descriptions.Item>
            <Descriptions.Item label={t.page.key}>{a.entry.external_key}</Descriptions.Item>
            <Descriptions.Item label={t.page.department}>{a.entry.department}</Descriptions.Item>
            <Descriptions.Item label={t.page.impact}>{a.entry.administrative_impact}</Descriptions.Item>
            <Descriptions.Item label={t.page.catalogue}>{`${a.catalogue.name[lang]}（${fill(t.page.version, { version: a.catalogue.version })}）`}</Descriptions.Item>
            <Descriptions.Item label={t.tab.progress}><ProgressBar progress={a.progress} /></Descriptions.Item>
            <Descriptions.Item label={t.tab.overdue}>{a.progress.overdue > 0 ? <><OverdueTag /> {a.progress.overdue}</> : '0'}</Descriptions.Item>
          </Descriptions>
          <div style={{ flex: '1 1 360px' }}>
            <Typography.Title level={2} style={{ fontSize: 16 }}>{t.page.categoryProgress}</Typography.Title>
            <table style={{ width: '100%', borderCollapse: 'collapse' }} data-testid="category-progress">
              <thead>
                <tr>
                  <th scope="col" style={{ textAlign: 'left', padding: 4 }}>{t.page.category}</th>
                  <th scope="col" style={{ textAlign: 'left', padding: 4 }}>{t.tab.progress}</th>
                  <th scope="col" style={{ textAlign: 'right', padding: 4 }}>{t.tab.overdue}</th>
                </tr>
              </thead>
              <tbody>
                {a.categories.map((c) => (
                  <tr key={c.key}>
                    <td style={{ padding: 4 }}><a href={`#category-${c.key}`}>{`${c.number ? `(${c.number}) ` : ''}${c.name[lang]}`}</a></td>
                    <td style={{ padding: 4 }}><ProgressBar progress={c.progress} width={160} /></td>
                    <td style={{ padding: 4, textAlign: 'right' }}>{c.progress.overdue}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        </Flex>
      </Card>
    </>
  );
}

function CategoryTable({ category, onEdit }: { category: AssessmentCategory; onEdit: (key: string) => void }) {
  const { text: t, lang, fill, vocab } = useAssessmentText();
  const answerText = useAnswerText();
  const title = `${category.number ? `(${category.number}) ` : ''}${category.name[lang]}`;
  return (
    <Card id={`category-${category.key}`} title={<Typography.Title level={2} style={{ fontSize: 17, margin: 0 }}>{title}</Typography.Title>} extra={<ProgressBar progress={category.progress} width={180} />}>
      <Table
        size="small"
        rowKey="key"
        pagination={false}
        dataSource={category.items}
        tableLayout="fixed"
        scroll={{ x: 1036 }}
        rowClassName={(r: AssessmentItem) => (r.archived ? 'assessment-archived' : '')}
        data-testid={`items-${category.key}`}
        columns={[
          { title: t.table.number, dataIndex: 'key', width: 60, sorter: (a: AssessmentItem, b: AssessmentItem) => compareText(a.key, b.key) },
          {
            title: t.table.item,
            key: 'name',
            width: 212,
            sorter: (a: AssessmentItem, b: AssessmentItem) => compareText(a.name[lang], b.name[lang]),
            render: (_: unknown, r: AssessmentItem) => (
              <>
                <Button type="link" style={{ padding: 0, height: 'auto', whiteSpace: 'normal', textAlign: 'left', textDecoration: 'underline' }} onClick={() => onEdit(r.key)}>{r.name[lang]}</Button>
                {r.archived && <div><StatusTag tone="neutral">{t.table.archived}</StatusTag></div>}
                {!r.archived && !r.catalogue_version.is_current && <div style={{ fontSize: 12 }}>{fill(t.table.oldVersion, { version: r.catalogue_version.version })}</div>}
              </>
            ),
          },
          { title: t.table.status, dataIndex: 'status', width: 104, sorter: (a: AssessmentItem, b: AssessmentItem) => STATUS_ORDER[a.status] - STATUS_ORDER[b.status], render: (v: AssessmentItem['status']) => <ItemStatusTag value={v} /> },
          { title: t.table.answer, key: 'answer', width: 150, render: (_: unknown, r: AssessmentItem) => <Typography.Text ellipsis={{ tooltip: true }} style={{ maxWidth: 134 }}>{answerText(r.answer_spec, r.answer) || t.common.none}</Typography.Text> },
          {
            title: t.table.due,
            dataIndex: 'due_date',
            width: 104,
            sorter: (a: AssessmentItem, b: AssessmentItem) => compareText(a.due_date, b.due_date),
            render: (v: string | null, r: AssessmentItem) => (
              <Flex gap={4} wrap>
                <span style={{ whiteSpace: 'nowrap' }}>{formatDate(v)}</span>
                {r.overdue && <OverdueTag />}
              </Flex>
            ),
          },
          { title: t.table.reviewer, key: 'reviewer', width: 96, sorter: (a: AssessmentItem, b: AssessmentItem) => compareText(a.reviewer?.name, b.reviewer?.name), render: (_: unknown, r: AssessmentItem) => r.reviewer?.name ?? t.common.none },
          { title: t.table.beforeUse, dataIndex: 'confirmed_before_use', width: 64, render: (v: boolean | null) => (v === null ? t.common.none : v ? t.common.yes : t.common.no) },
          { title: t.table.policy, dataIndex: 'policy_defined', width: 90, render: (v: AssessmentItem['policy_defined']) => vocab.policy(v) },
          { title: t.table.evidence, key: 'evidence', width: 56, align: 'right' as const, sorter: (a: AssessmentItem, b: AssessmentItem) => compareNumber(a.evidence.length, b.evidence.length), render: (_: unknown, r: AssessmentItem) => fill(t.table.count, { count: r.evidence.length }) },
          { title: t.table.comments, dataIndex: 'comment_count', width: 56, align: 'right' as const, render: (v: number) => fill(t.table.count, { count: v }) },
          {
            title: t.table.edit,
            key: 'edit',
            width: 48,
            fixed: 'right' as const,
            render: (_: unknown, r: AssessmentItem) => (
              <Button size="small" icon={<EditOutlined aria-hidden />} aria-label={fill(t.table.editItem, { key: r.key })} title={fill(t.table.editItem, { key: r.key })} onClick={() => onEdit(r.key)} />
            ),
          },
        ]}
      />
    </Card>
  );
}
