import { DownloadOutlined, PrinterOutlined, UploadOutlined } from '@ant-design/icons';
import { Button, Card, Col, DatePicker, Flex, List, Row, Space, Statistic, Table, Typography } from 'antd';
import dayjs from 'dayjs';
import { Link } from 'react-router';
import { can, useMe } from '../../api/session.ts';
import { EmptyState } from '../../components/EmptyState.tsx';
import { PageHeading } from '../../components/PageHeading.tsx';
import { LoadFailed } from '../../components/Problems.tsx';
import { StatusTag } from '../../components/StatusTag.tsx';
import { compareNumber, compareText, formatDate } from '../../lib/format.ts';
import { resultColumns } from './ResultsPanel.tsx';
import { REVIEW_TONE } from './ReviewsPanel.tsx';
import { useDueReviews, useMonthParam, useOrgResults, type OrgMonthRow } from './sla-api.ts';
import { monthLabel, yenAmount } from './sla-format.ts';
import { useSlaText } from './sla-text.ts';
import { PdfButton } from '../../components/PrintFrame.tsx';

const cardTitle = (title: string) => <h2 style={{ fontSize: 16, margin: 0 }}>{title}</h2>;

/** Organisation-wide SLA results of one month, with the reviews that are due. */
export default function SlaMonthPage() {
  const { text: t, lang, fill } = useSlaText();
  const me = useMe();
  const [month, setMonth] = useMonthParam();
  const results = useOrgResults(month);
  const due = useDueReviews();
  const data = results.data;
  const summary = data?.summary;
  const label = monthLabel(month, lang);

  const actions = (
    <Space wrap>
      {can(me, 'register:write') && <Link to="/sla/import"><Button icon={<UploadOutlined aria-hidden />}>{t.month.import}</Button></Link>}
      <Button icon={<DownloadOutlined aria-hidden />} href={`/api/sla/results/export?month=${month}`}>{t.month.exportXlsx}</Button>
      <PdfButton href={`/api/sla/results/export.pdf?month=${month}`} />
      <Link to={`/sla/report?month=${month}`}><Button icon={<PrinterOutlined aria-hidden />}>{t.month.print}</Button></Link>
    </Space>
  );

  const columns = [
    {
      title: t.month.service,
      dataIndex: 'entry_name',
      width: 180,
      sorter: (a: OrgMonthRow, b: OrgMonthRow) => compareText(a.external_key, b.external_key),
      render: (v: string, r: OrgMonthRow) => (
        <>
          <Link to={`/register/${r.entry_id}?tab=sla`} style={{ textDecoration: 'underline' }}>{v}</Link>
          <div style={{ fontSize: 12 }}>{r.external_key} ・ {r.department}</div>
        </>
      ),
    },
    ...resultColumns<OrgMonthRow>(t, lang, fill).map((c) =>
      'dataIndex' in c && c.dataIndex === 'contract_availability'
        ? { ...c, sorter: (a: OrgMonthRow, b: OrgMonthRow) => compareNumber(a.contract_availability, b.contract_availability) }
        : c.key === 'credit'
          ? { ...c, sorter: (a: OrgMonthRow, b: OrgMonthRow) => compareNumber(a.credit_yen, b.credit_yen) }
          : c,
    ),
  ];

  return (
    <>
      <PageHeading title={t.month.title} lead={t.month.lead} extra={actions} />
      <Flex align="center" gap={12} wrap style={{ marginBottom: 16 }}>
        <label htmlFor="sla-month">{t.month.pick}</label>
        <DatePicker
          id="sla-month"
          picker="month"
          allowClear={false}
          value={dayjs(`${month}-01`)}
          format={lang === 'en' ? 'YYYY-MM' : 'YYYY年MM月'}
          onChange={(value) => value && setMonth(value.format('YYYY-MM'))}
        />
      </Flex>
      {results.isError ? (
        <LoadFailed error={results.error} onRetry={() => void results.refetch()} />
      ) : (
        <Row gutter={[16, 16]}>
          <Col xs={12} md={8} xl={4}><Card size="small"><Statistic title={t.month.services} value={summary?.services ?? 0} loading={results.isPending} /></Card></Col>
          <Col xs={12} md={8} xl={5}><Card size="small"><Statistic title={t.month.met} value={summary?.met ?? 0} loading={results.isPending} /></Card></Col>
          <Col xs={12} md={8} xl={5}>
            <Card size="small"><Statistic title={t.month.breached} value={summary?.breached ?? 0} loading={results.isPending} valueStyle={summary?.breached ? { color: '#a8071a' } : undefined} /></Card>
          </Col>
          <Col xs={12} md={8} xl={5}>
            <Card size="small"><Statistic title={t.month.differs} value={summary?.differs ?? 0} loading={results.isPending} valueStyle={summary?.differs ? { color: '#7a4500' } : undefined} /></Card>
          </Col>
          <Col xs={24} md={8} xl={5}><Card size="small"><Statistic title={t.month.creditTotal} value={yenAmount(summary?.credit_yen_total ?? 0, lang)} loading={results.isPending} /></Card></Col>
          <Col xs={24}>
            <Card title={cardTitle(fill(t.month.tableCaption, { month: label }))}>
              {!results.isPending && (data?.items.length ?? 0) === 0 ? (
                <EmptyState title={t.month.empty} hint={t.month.emptyHint} action={<Link to="/register">{t.month.service}</Link>} />
              ) : (
                <Table
                  size="small"
                  rowKey="entry_id"
                  loading={results.isPending}
                  dataSource={data?.items ?? []}
                  pagination={{ pageSize: 50, hideOnSinglePage: true }}
                  scroll={{ x: 'max-content' }}
                  onRow={(r) => ({ style: r.met === false ? { background: '#fff1f0' } : undefined })}
                  data-testid="sla-month-table"
                  columns={columns}
                />
              )}
            </Card>
          </Col>
          <Col xs={24}>
            <Card title={cardTitle(t.month.dueTitle)} loading={due.isPending}>
              {due.isError ? (
                <LoadFailed error={due.error} onRetry={() => void due.refetch()} />
              ) : (
                <List
                  size="small"
                  dataSource={due.data ?? []}
                  locale={{ emptyText: t.month.dueEmpty }}
                  renderItem={(d) => (
                    <List.Item extra={<StatusTag tone={REVIEW_TONE[d.state]}>{t.reviews.states[d.state]}</StatusTag>}>
                      <Flex vertical>
                        <Link to={`/register/${d.entry_id}?tab=sla`} style={{ textDecoration: 'underline' }}>{d.external_key} {d.entry_name}</Link>
                        <Typography.Text type="secondary">
                          {d.department} ・ {t.reviews.nextDue} {formatDate(d.next_due)} ・ {t.month.dueLast} {d.last_reviewed_on ? formatDate(d.last_reviewed_on) : t.reviews.never} ・ {fill(t.rules.everyMonths, { months: d.interval_months })}
                        </Typography.Text>
                      </Flex>
                    </List.Item>
                  )}
                />
              )}
            </Card>
          </Col>
        </Row>
      )}
    </>
  );
}
