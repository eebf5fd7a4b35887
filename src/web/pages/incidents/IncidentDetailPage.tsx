import { ArrowLeftOutlined, CheckOutlined, DownloadOutlined, EditOutlined, PlusOutlined, PrinterOutlined } from '@ant-design/icons';
import { Alert, App, Button, Card, Col, Descriptions, Flex, Form, Input, InputNumber, Modal, Popconfirm, Row, Space, Spin, Typography } from 'antd';
import { useState, type ReactNode } from 'react';
import { Link, useParams } from 'react-router';
import { INCIDENT_SEVERITIES, INCIDENT_STATUSES } from '../../../shared/incidents.ts';
import { incidentUpdateBody } from '../../../shared/schemas/incidents.ts';
import { ApiError } from '../../api/client.ts';
import { can, useMe } from '../../api/session.ts';
import { PageHeading } from '../../components/PageHeading.tsx';
import { LoadFailed, NotFound } from '../../components/Problems.tsx';
import { StatusTag } from '../../components/StatusTag.tsx';
import { formatCount, formatDateTime } from '../../lib/format.ts';
import { useFormFeedback } from '../../lib/form-errors.ts';
import { useRegisterOptions } from '../register/register-api.ts';
import { RadioChoice } from '../sla/form-fields.tsx';
import { incidentApi, useIncident, useIncidentMutation, type IncidentDetail, type IncidentFigures } from './incidents-api.ts';
import { duration, IncidentStatusTag, sectionTitle, SeverityTag, yenText } from './incidents-format.tsx';
import { ActionsPanel, EventModal, ImpactPanel, ParticipantsPanel, TimelinePanel } from './incident-panels.tsx';
import { useIncidentText } from './incidents-text.ts';
import { PdfButton } from '../../components/PrintFrame.tsx';

/** /incidents/:id — one incident as the caller may see it, with everything the caller may do to it. */
export default function IncidentDetailPage() {
  const { id } = useParams();
  const { text: t, lang, fill, vocab } = useIncidentText();
  const { message } = App.useApp();
  const incident = useIncident(id);
  const [recording, setRecording] = useState(false);
  const [editing, setEditing] = useState(false);
  const [closeProblem, setCloseProblem] = useState<string | null>(null);
  const close = useIncidentMutation(() => incidentApi.close(id!));

  if (incident.isError) return incident.error instanceof ApiError && incident.error.status === 404 ? <NotFound /> : <LoadFailed error={incident.error} onRetry={() => void incident.refetch()} />;
  if (!incident.data) return <Spin />;
  const d = incident.data;
  const mine = d.my_participation;
  const closesOwnHandling = Boolean(mine && !mine.closed_at);

  // A refusal (no prevention action yet) shows the server's reason on the page. The confirmation
  // closes at once: an antd Popconfirm that waits on a promise leaves its OK button's loading motion
  // unfinished inside the hidden popover.
  const doClose = () =>
    close.mutate(undefined, {
      onSuccess: () => {
        setCloseProblem(null);
        void message.success(t.detail.closed);
      },
      onError: (error) => {
        const reasons = error instanceof ApiError ? error.details.map((x) => (lang === 'en' ? (x.reason_en ?? x.reason) : x.reason)) : [];
        const headline = error instanceof ApiError ? error.localized(lang) : String(error);
        setCloseProblem(reasons.length ? reasons.join(' / ') : headline);
      },
    });

  const actions = (
    <Space wrap>
      <Link to="/incidents"><Button icon={<ArrowLeftOutlined aria-hidden />}>{t.detail.back}</Button></Link>
      {d.can_post_event && <Button type="primary" icon={<PlusOutlined aria-hidden />} onClick={() => setRecording(true)}>{t.detail.recordEvent}</Button>}
      {d.can_edit && <Button icon={<EditOutlined aria-hidden />} onClick={() => setEditing(true)}>{t.detail.edit}</Button>}
      {d.can_close && (
        <Popconfirm
          title={closesOwnHandling ? t.detail.closeConfirmParticipant : t.detail.closeConfirmReporter}
          okText={t.detail.close}
          cancelText={t.common.cancel}
          onConfirm={doClose}
        >
          <Button icon={<CheckOutlined aria-hidden />} disabled={close.isPending}>{t.detail.close}</Button>
        </Popconfirm>
      )}
      <Button icon={<DownloadOutlined aria-hidden />} href={incidentApi.reportUrl(d.id)}>{t.detail.xlsx}</Button>
      <PdfButton href={`/api/incidents/${d.id}/report.pdf`} />
      <Link to={`/incidents/${d.id}/print`}><Button icon={<PrinterOutlined aria-hidden />}>{t.detail.print}</Button></Link>
    </Space>
  );

  const vendorLine = d.vendor_name ? (d.vendor_service ? fill(t.detail.vendorService, { vendor: d.vendor_name, service: d.vendor_service.name }) : d.vendor_name) : null;
  // A vendor's report names its service once; a body's report names the body, then the vendor concerned.
  const lead = d.reporter_kind === 'vendor' && vendorLine ? fill(t.detail.reportedBy, { name: vendorLine }) : [fill(t.detail.reportedBy, { name: d.reporter_name }), vendorLine && `${t.detail.vendor}: ${vendorLine}`].filter(Boolean).join(' ・ ');
  return (
    <>
      <PageHeading title={d.title} extra={actions} lead={lead} />
      <Flex gap={8} wrap style={{ marginBottom: 16 }} data-testid="incident-tags">
        <IncidentStatusTag value={d.status} />
        <SeverityTag value={d.severity} labelled />
        <StatusTag tone="info">{`${t.list.type}: ${vocab.type(d.type)}`}</StatusTag>
      </Flex>
      {closeProblem && (
        <Alert type="error" showIcon role="alert" message={t.detail.closeRefused} description={closeProblem} closable onClose={() => setCloseProblem(null)} style={{ marginBottom: 16 }} data-testid="close-refused" />
      )}
      {d.closed_at && <Alert type="success" showIcon message={fill(t.detail.incidentClosed, { at: formatDateTime(d.closed_at) })} style={{ marginBottom: 16 }} />}
      {mine?.closed_at && !d.closed_at && <Alert type="success" showIcon message={fill(t.detail.myClosed, { at: formatDateTime(mine.closed_at) })} style={{ marginBottom: 16 }} data-testid="my-closed" />}
      <Row gutter={[16, 16]}>
        <Col xs={24}>
          <FiguresCard figures={d.figures} />
        </Col>
        <Col xs={24}>
          <SummaryCard incident={d} />
        </Col>
        <Col xs={24}>
          <TimelinePanel incident={d} onRecord={() => setRecording(true)} />
        </Col>
        {mine && (
          <Col xs={24}>
            <ImpactPanel incident={d} />
          </Col>
        )}
        <Col xs={24}>
          <ActionsPanel incident={d} closeProblem={closeProblem} />
        </Col>
        <Col xs={24}>
          <ParticipantsPanel incident={d} />
        </Col>
      </Row>
      {recording && <EventModal incident={d} onClose={() => setRecording(false)} />}
      {editing && <EditModal incident={d} onClose={() => setEditing(false)} />}
    </>
  );
}

/** The names of the data kinds from the register's catalogue (codes for those who do not keep a register). */
function DataKinds({ codes }: { codes: string[] }) {
  const me = useMe();
  if (!codes.length) return <>—</>;
  return can(me, 'register:read') ? <DataKindNames codes={codes} /> : <>{codes.join('、')}</>;
}

function DataKindNames({ codes }: { codes: string[] }) {
  const { lang } = useIncidentText();
  const options = useRegisterOptions();
  const names = new Map((options.data?.data_kinds ?? []).map((k) => [k.code, k.name[lang]]));
  return <>{codes.map((c) => names.get(c) ?? c).join(lang === 'en' ? ', ' : '、')}</>;
}

function SummaryCard({ incident: d }: { incident: IncidentDetail }) {
  const { text: t, lang, fill } = useIncidentText();
  const shared = [d.shared_with_vendor && t.detail.sharedVendor, d.shared_with_prefecture && t.detail.sharedPrefecture].filter(Boolean).join(lang === 'en' ? ', ' : '、');
  return (
    <Card title={sectionTitle(t.detail.summaryTitle)}>
      <Descriptions size="small" column={1} bordered styles={{ label: { width: 240 } }} data-testid="incident-summary">
        <Descriptions.Item label={t.detail.summary}><span style={{ whiteSpace: 'pre-wrap' }}>{d.summary || '—'}</span></Descriptions.Item>
        <Descriptions.Item label={t.detail.reporter}>{d.reporter_name}</Descriptions.Item>
        <Descriptions.Item label={t.detail.vendor}>{d.vendor_name ? `${d.vendor_name}${d.vendor_service ? ` ／ ${d.vendor_service.name}` : ''}` : '—'}</Descriptions.Item>
        <Descriptions.Item label={t.list.occurred}>{formatDateTime(d.figures.occurred_at)}</Descriptions.Item>
        <Descriptions.Item label={t.detail.participants}>{fill(t.detail.participantsValue, { count: d.participant_count })}</Descriptions.Item>
        {d.reporter_kind === 'municipality' && <Descriptions.Item label={t.detail.sharedWith}>{shared || t.detail.sharedNone}</Descriptions.Item>}
        <Descriptions.Item label={t.detail.dataKinds}><DataKinds codes={d.data_kinds} /></Descriptions.Item>
        <Descriptions.Item label={t.detail.records}>{d.records_affected === null ? '—' : fill(t.common.records, { count: formatCount(d.records_affected, lang) })}</Descriptions.Item>
        <Descriptions.Item label={t.detail.residents}>{d.residents_affected === null ? '—' : fill(t.common.people, { count: formatCount(d.residents_affected, lang) })}</Descriptions.Item>
        <Descriptions.Item label={t.detail.leakEstimate}>{d.leak_estimate_yen === null ? t.detail.leakEstimateNone : yenText(d.leak_estimate_yen, lang, t, fill)}</Descriptions.Item>
        <Descriptions.Item label={t.detail.reportedAt}>{formatDateTime(d.created_at)}</Descriptions.Item>
        {d.closed_at && <Descriptions.Item label={t.detail.closedAt}>{formatDateTime(d.closed_at)}</Descriptions.Item>}
      </Descriptions>
    </Card>
  );
}

/** One figure: the time taken, and how it stands against the commitment (colour AND text). */
function Figure({ label, value, verdict, lines, testId }: { label: string; value: string; verdict: ReactNode; lines: string[]; testId: string }) {
  return (
    <div data-testid={testId} style={{ padding: 12, border: '1px solid #d9d9d9', borderRadius: 8, height: '100%' }}>
      <Typography.Text strong style={{ display: 'block' }}>{label}</Typography.Text>
      <div style={{ fontSize: 24, margin: '4px 0' }}>{value}</div>
      <div style={{ marginBottom: 4 }}>{verdict}</div>
      {lines.map((line) => (
        <Typography.Text key={line} type="secondary" style={{ display: 'block', fontSize: 12 }}>{line}</Typography.Text>
      ))}
    </div>
  );
}

export function FiguresCard({ figures: f }: { figures: IncidentFigures }) {
  const { text: t, fill } = useIncidentText();
  const time = (m: number | null) => duration(m, t, fill);
  const at = (iso: string | null) => (iso ? formatDateTime(iso) : null);

  const firstVerdict =
    f.first_report_minutes === null ? (
      <StatusTag tone={f.occurred_at ? 'warning' : 'neutral'}>{f.occurred_at ? t.figures.waitingFirstReport : t.figures.noOccurred}</StatusTag>
    ) : f.first_report_met === null ? (
      <StatusTag tone="neutral">{t.figures.noCommitment}</StatusTag>
    ) : (
      <StatusTag tone={f.first_report_met ? 'success' : 'error'}>{f.first_report_met ? t.figures.met : t.figures.late}</StatusTag>
    );
  const recoveryVerdict =
    f.recovery_minutes === null ? (
      <StatusTag tone={f.occurred_at ? 'warning' : 'neutral'}>{f.occurred_at ? t.figures.waitingRecovery : t.figures.noOccurred}</StatusTag>
    ) : f.recovery_met === null ? (
      <StatusTag tone="neutral">{t.figures.noMttr}</StatusTag>
    ) : (
      <StatusTag tone={f.recovery_met ? 'success' : 'error'}>{f.recovery_met ? t.figures.mttrMet : t.figures.mttrLate}</StatusTag>
    );
  const publicationVerdict = f.publication_minutes === null ? <StatusTag tone="neutral">{t.figures.notPublished}</StatusTag> : null;

  return (
    <Card title={sectionTitle(t.figures.title)}>
      <Typography.Paragraph>{t.figures.lead}</Typography.Paragraph>
      <Row gutter={[12, 12]}>
        <Col xs={24} md={8}>
          <Figure
            testId="figure-first-report"
            label={t.figures.firstReport}
            value={time(f.first_report_minutes)}
            verdict={firstVerdict}
            lines={[
              ...(f.first_report_commitment_minutes !== null
                ? [fill(t.figures.commitment, { time: time(f.first_report_commitment_minutes) })]
                : f.first_report_minutes === null
                  ? [t.figures.noCommitment]
                  : []),
              ...(at(f.first_report_at) ? [at(f.first_report_at)!] : []),
            ]}
          />
        </Col>
        <Col xs={24} md={8}>
          <Figure
            testId="figure-recovery"
            label={t.figures.recovery}
            value={time(f.recovery_minutes)}
            verdict={recoveryVerdict}
            lines={[
              ...(f.mttr_target_minutes !== null ? [fill(t.figures.mttr, { time: time(f.mttr_target_minutes) })] : f.recovery_minutes === null ? [t.figures.noMttr] : []),
              ...(at(f.recovered_at) ? [at(f.recovered_at)!] : []),
            ]}
          />
        </Col>
        <Col xs={24} md={8}>
          <Figure testId="figure-publication" label={t.figures.publication} value={time(f.publication_minutes)} verdict={publicationVerdict} lines={at(f.published_at) ? [at(f.published_at)!] : []} />
        </Col>
      </Row>
    </Card>
  );
}

/** The reporter changes the title, severity, status, summary and the figures it reported. */
function EditModal({ incident: d, onClose }: { incident: IncidentDetail; onClose: () => void }) {
  const { text: t, vocab } = useIncidentText();
  const { message } = App.useApp();
  const [form] = Form.useForm();
  const { reportError, checkValues } = useFormFeedback();
  const save = useIncidentMutation((body: unknown) => incidentApi.update(d.id, body as never));
  const submit = (values: { title?: string; severity?: string; status?: string; summary?: string; records_affected?: number | null; residents_affected?: number | null }) => {
    const body = checkValues(
      incidentUpdateBody,
      {
        title: values.title?.trim(),
        severity: values.severity,
        ...(values.status !== d.status ? { status: values.status } : {}),
        summary: values.summary?.trim() || null,
        records_affected: values.records_affected ?? null,
        residents_affected: values.residents_affected ?? null,
      },
      form,
    );
    if (!body) return;
    save.mutate(body, {
      onSuccess: () => {
        void message.success(t.edit.saved);
        onClose();
      },
      onError: (error) => reportError(error, form),
    });
  };
  const statuses = INCIDENT_STATUSES.filter((s) => s !== 'closed' || d.status === 'closed');
  return (
    <Modal open title={t.edit.title} onCancel={onClose} okText={t.common.save} cancelText={t.common.cancel} onOk={() => form.submit()} okButtonProps={{ loading: save.isPending }} width={680} destroyOnHidden>
      <Form
        form={form}
        layout="vertical"
        onFinish={submit}
        initialValues={{ title: d.title, severity: d.severity, status: d.status, summary: d.summary ?? '', records_affected: d.records_affected, residents_affected: d.residents_affected }}
      >
        <Form.Item name="title" label={t.report.titleField} rules={[{ required: true, whitespace: true, message: t.report.required }]}><Input maxLength={200} /></Form.Item>
        <Form.Item name="severity" label={t.report.severity} rules={[{ required: true }]}>
          <RadioChoice aria-label={t.report.severity} options={INCIDENT_SEVERITIES.map((v) => ({ value: v, label: vocab.severity(v) }))} />
        </Form.Item>
        <Form.Item name="status" label={t.edit.status} rules={[{ required: true }]}>
          <RadioChoice aria-label={t.edit.status} options={statuses.map((v) => ({ value: v, label: vocab.status(v) }))} />
        </Form.Item>
        <Form.Item name="summary" label={t.report.summary}><Input.TextArea rows={4} maxLength={4000} /></Form.Item>
        <Flex gap={16} wrap>
          <Form.Item name="records_affected" label={t.report.records}><InputNumber min={0} precision={0} style={{ width: 200 }} /></Form.Item>
          <Form.Item name="residents_affected" label={t.report.residents}><InputNumber min={0} precision={0} style={{ width: 200 }} /></Form.Item>
        </Flex>
      </Form>
    </Modal>
  );
}
