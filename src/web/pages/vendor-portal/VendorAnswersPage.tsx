import { DeleteOutlined, HistoryOutlined, PaperClipOutlined, SaveOutlined, UploadOutlined } from '@ant-design/icons';
import { App, Button, Card, Flex, Form, Input, InputNumber, List, Modal, Popconfirm, Progress, Radio, Space, Spin, Table, Typography, Upload } from 'antd';
import { useState } from 'react';
import { Link, useParams, useSearchParams } from 'react-router';
import { ANSWER_STATUS_VALUES, type AnswerSpec } from '../../../shared/catalogue.ts';
import { SHARING_LEVELS, type SharingLevel } from '../../../shared/assessments.ts';
import { useMe } from '../../api/session.ts';
import { EmptyState } from '../../components/EmptyState.tsx';
import { PageHeading } from '../../components/PageHeading.tsx';
import { LoadFailed } from '../../components/Problems.tsx';
import { SelectField } from '../../components/SelectField.tsx';
import { StatusTag } from '../../components/StatusTag.tsx';
import { formatDateTime, formatDate } from '../../lib/format.ts';
import { useFormFeedback } from '../../lib/form-errors.ts';
import {
  evidenceHref,
  usePortalMutation,
  usePortalServices,
  useRevisions,
  useServiceAnswers,
  vendorPortalApi,
  type AnswerItem,
  type Evidence,
  type ServiceAnswers,
} from './vendor-portal-api.ts';
import { useVendorPortalText } from './vendor-portal-text.ts';
import { DateField } from '../../components/DateField.tsx';

const DEFAULT_CATALOGUE = 'urn:daicho:catalogue:confirmation-items';

/** /vendor/services/:id/answers?catalogue= — the vendor answers a catalogue for one service, item by item. */
export default function VendorAnswersPage() {
  const { id } = useParams();
  const [search, setSearch] = useSearchParams();
  const { text: t, fill, vocab } = useVendorPortalText();
  const services = usePortalServices();
  const service = services.data?.find((s) => s.id === id);
  const urn = search.get('catalogue') ?? (service?.catalogues.find((c) => c.urn === DEFAULT_CATALOGUE) ?? service?.catalogues[0])?.urn;
  const answers = useServiceAnswers(service ? id : undefined, urn);

  if (services.isError) return <LoadFailed error={services.error} onRetry={() => void services.refetch()} />;
  if (services.isPending) return <Spin />;
  if (!service) {
    return (
      <>
        <PageHeading title={t.answers.title} />
        <EmptyState title={t.answers.empty} action={<Link to="/vendor/services">{t.answers.backToServices}</Link>} />
      </>
    );
  }
  const progress = service.catalogues.find((c) => c.urn === urn);
  return (
    <>
      <PageHeading
        title={`${t.answers.title}: ${service.name}`}
        lead={t.answers.lead}
        extra={
          <Space>
            <Link to="/vendor/services">{t.answers.backToServices}</Link>
            <Link to="/vendor/requests">{t.answers.backToRequests}</Link>
          </Space>
        }
      />
      <Flex gap={16} wrap align="center" style={{ marginBottom: 16 }}>
        <label htmlFor="answers-catalogue">{t.answers.catalogue}</label>
        <SelectField
          id="answers-catalogue"
          style={{ minWidth: 360 }}
          value={urn}
          onChange={(value: string) => setSearch({ catalogue: value }, { replace: true })}
          options={service.catalogues.map((c) => ({ value: c.urn, label: vocab.name(c.name) }))}
        />
        {progress && (
          <Flex align="center" gap={8} style={{ minWidth: 260 }}>
            <Progress percent={progress.items_total ? Math.round((progress.answered / progress.items_total) * 100) : 0} size="small" style={{ width: 120, margin: 0 }} aria-hidden />
            <Typography.Text>{fill(t.answers.progress, { answered: progress.answered, total: progress.items_total })}</Typography.Text>
          </Flex>
        )}
      </Flex>
      {answers.isError ? (
        <LoadFailed error={answers.error} onRetry={() => void answers.refetch()} />
      ) : !answers.data ? (
        <Spin />
      ) : (
        <>
          <Flex gap={16} wrap align="start" style={{ marginBottom: 16 }}>
            <TermsCard serviceId={service.id} terms={answers.data.service.answer_terms} />
            <RequestsCard data={answers.data} />
          </Flex>
          {answers.data.categories.map((category) => (
            <section key={category.key} style={{ marginBottom: 24 }} aria-labelledby={`category-${category.key}`}>
              <Typography.Title level={2} id={`category-${category.key}`} style={{ fontSize: 18 }}>
                {category.number ? `${category.number}. ` : ''}
                {vocab.name(category.name)}{' '}
                <Typography.Text type="secondary" style={{ fontSize: 14, fontWeight: 400 }}>
                  {fill(t.answers.categoryProgress, { answered: category.items.filter((i) => i.current).length, total: category.items.length })}
                </Typography.Text>
              </Typography.Title>
              {category.items.map((item) => (
                <ItemCard key={item.key} serviceId={service.id} urn={answers.data.catalogue.urn} item={item} />
              ))}
            </section>
          ))}
        </>
      )}
    </>
  );
}

function TermsCard({ serviceId, terms }: { serviceId: string; terms: string | null }) {
  const { text: t } = useVendorPortalText();
  const { message } = App.useApp();
  const [value, setValue] = useState(terms ?? '');
  const { reportError } = useFormFeedback();
  const save = usePortalMutation((next: string) => vendorPortalApi.terms(serviceId, next.trim() || null));
  return (
    <Card size="small" title={t.answers.terms} style={{ flex: '1 1 420px' }}>
      <Typography.Paragraph type="secondary" style={{ fontSize: 13 }}>{t.answers.termsLead}</Typography.Paragraph>
      <Input.TextArea id="answer-terms" aria-label={t.answers.terms} rows={3} maxLength={20000} value={value} onChange={(e) => setValue(e.target.value)} />
      <Button style={{ marginTop: 8 }} loading={save.isPending} onClick={() => save.mutate(value, { onSuccess: () => void message.success(t.answers.termsSaved), onError: (e) => reportError(e) })}>
        {t.answers.termsSave}
      </Button>
    </Card>
  );
}

function RequestsCard({ data }: { data: ServiceAnswers }) {
  const { text: t, vocab } = useVendorPortalText();
  return (
    <Card size="small" title={t.answers.requestsTitle} style={{ flex: '1 1 420px' }}>
      {data.requests.length === 0 ? (
        <Typography.Text type="secondary">{t.answers.noRequests}</Typography.Text>
      ) : (
        <List
          size="small"
          dataSource={data.requests}
          renderItem={(r) => (
            <List.Item>
              <Space wrap>
                <Typography.Text strong>{r.organisation_name}</Typography.Text>
                <StatusTag tone={r.status === 'answered' ? 'success' : r.status === 'pending' ? 'warning' : 'neutral'}>{vocab.request(r.status)}</StatusTag>
                <span>
                  {t.requests.due}: {formatDate(r.due_date)}
                </span>
                {r.overdue && <StatusTag tone="error">{t.requests.overdue}</StatusTag>}
              </Space>
            </List.Item>
          )}
        />
      )}
    </Card>
  );
}

/** The answer control by the item's answer type; Form.Item hands it value and onChange, which it passes on. */
function AnswerInput({ spec, id, value, onChange }: { spec: AnswerSpec; id: string; value?: string | number | null; onChange?: (value: string | number | null) => void }) {
  const { text: t, vocab, lang } = useVendorPortalText();
  switch (spec.type) {
    case 'status':
      return (
        <Radio.Group id={id} optionType="button" value={value ?? undefined} onChange={(e) => onChange?.(e.target.value as string)} options={ANSWER_STATUS_VALUES.map((v) => ({ value: v, label: vocab.answerStatus(v) }))} />
      );
    case 'choice':
      return <SelectField id={id} allowClear placeholder={t.answers.choose} value={value ?? undefined} onChange={(v: string | undefined) => onChange?.(v ?? null)} options={spec.choices.map((c) => ({ value: c.code, label: c.name[lang] }))} />;
    case 'date':
      return <DateField id={id} value={typeof value === 'string' ? value : null} onChange={onChange} />;
    case 'number':
      return <InputNumber id={id} min={spec.min} max={spec.max} addonAfter={spec.unit?.[lang]} style={{ maxWidth: 260 }} value={typeof value === 'number' ? value : null} onChange={(v) => onChange?.(typeof v === 'number' ? v : null)} />;
    default:
      return <Input.TextArea id={id} rows={3} maxLength={4000} value={typeof value === 'string' ? value : ''} onChange={(e) => onChange?.(e.target.value)} />;
  }
}

interface AnswerValues {
  answer?: string | number | null;
  note?: string;
  sharing?: SharingLevel;
}

function ItemCard({ serviceId, urn, item }: { serviceId: string; urn: string; item: AnswerItem }) {
  const { text: t, fill, vocab } = useVendorPortalText();
  const { message } = App.useApp();
  const me = useMe();
  const [form] = Form.useForm<AnswerValues>();
  const [history, setHistory] = useState(false);
  const { reportError } = useFormFeedback();
  const save = usePortalMutation((values: AnswerValues) =>
    vendorPortalApi.save(serviceId, item.key, urn, { answer: values.answer === undefined || values.answer === '' ? null : values.answer, note: values.note?.trim() || null, sharing: values.sharing ?? 'linked' }),
  );
  const upload = usePortalMutation((file: File) => vendorPortalApi.upload(serviceId, item.key, urn, file, me.csrf_token));
  const remove = usePortalMutation((attachmentId: string) => vendorPortalApi.deleteEvidence(serviceId, attachmentId));
  const formName = `answer-${item.key}`;
  const current = item.current;
  return (
    <Card size="small" style={{ marginBottom: 12 }} data-testid={`answer-item-${item.key}`}>
      <Typography.Title level={3} style={{ fontSize: 16 }}>
        {item.key} {vocab.name(item.name)}{' '}
        {current ? <StatusTag tone="success">{fill(t.answers.revision, { revision: current.revision })}</StatusTag> : <StatusTag tone="warning">{t.answers.notAnswered}</StatusTag>}
      </Typography.Title>
      {item.guidance && (
        <Typography.Paragraph style={{ fontSize: 13 }}>
          <Typography.Text strong>{t.answers.guidance}: </Typography.Text>
          {vocab.name(item.guidance)}
        </Typography.Paragraph>
      )}
      {item.typical_evidence.length > 0 && (
        <Typography.Paragraph style={{ fontSize: 13 }}>
          <Typography.Text strong>{t.answers.typicalEvidence}: </Typography.Text>
          {item.typical_evidence.map((e) => vocab.name(e)).join(' / ')}
        </Typography.Paragraph>
      )}
      <Form
        form={form}
        name={formName}
        layout="vertical"
        initialValues={{ answer: current?.answer ?? undefined, note: current?.note ?? '', sharing: current?.sharing ?? 'linked' }}
        onFinish={(values) =>
          save.mutate(values, {
            onSuccess: () => void message.success(`${item.key}: ${t.answers.saved}`),
            onError: (error) => reportError(error, form),
          })
        }
      >
        <Form.Item name="answer" label={t.answers.answer}>
          <AnswerInput spec={item.answer_spec} id={`${formName}_answer`} />
        </Form.Item>
        <Form.Item name="note" label={t.answers.note}>
          <Input.TextArea rows={2} maxLength={4000} />
        </Form.Item>
        <Form.Item name="sharing" label={t.answers.sharing} rules={[{ required: true, message: t.answers.choose }]}>
          <SelectField aria-required options={SHARING_LEVELS.map((s) => ({ value: s, label: vocab.sharing(s) }))} style={{ maxWidth: 360 }} />
        </Form.Item>
        <Space wrap>
          <Button type="primary" htmlType="submit" icon={<SaveOutlined aria-hidden />} loading={save.isPending} aria-label={`${t.answers.save}: ${item.key}`}>
            {t.answers.save}
          </Button>
          <Button icon={<HistoryOutlined aria-hidden />} onClick={() => setHistory(true)} aria-label={`${t.answers.history}: ${item.key}`}>
            {t.answers.history} ({item.revisions})
          </Button>
          {current && <Typography.Text type="secondary">{fill(t.answers.updated, { at: formatDateTime(current.created_at), by: current.answered_label })}</Typography.Text>}
        </Space>
      </Form>
      <div style={{ marginTop: 12 }}>
        <Typography.Text strong>{t.answers.evidence}</Typography.Text>
        <EvidenceList items={item.evidence} onDelete={(id) => remove.mutate(id, { onSuccess: () => void message.success(t.answers.deleted), onError: (e) => reportError(e) })} />
        <Upload
          showUploadList={false}
          disabled={!current || upload.isPending}
          accept=".pdf,.png,.jpg,.jpeg,.xlsx,.docx,.pptx,.csv,.txt"
          beforeUpload={(file) => {
            upload.mutate(file, { onSuccess: (saved) => void message.success(`${saved.filename}: ${t.answers.uploaded}`), onError: (error) => reportError(error) });
            return false;
          }}
        >
          <Button size="small" icon={<UploadOutlined aria-hidden />} disabled={!current} loading={upload.isPending} aria-label={`${t.answers.upload}: ${item.key}`}>
            {t.answers.upload}
          </Button>
        </Upload>
        <Typography.Text type="secondary" style={{ fontSize: 12, marginLeft: 8 }}>{t.answers.uploadHint}</Typography.Text>
      </div>
      {history && <HistoryModal serviceId={serviceId} urn={urn} item={item} onClose={() => setHistory(false)} />}
    </Card>
  );
}

function EvidenceList({ items, onDelete }: { items: Evidence[]; onDelete: (id: string) => void }) {
  const { text: t, fill } = useVendorPortalText();
  if (items.length === 0) return <div><Typography.Text type="secondary">{t.answers.noEvidence}</Typography.Text></div>;
  return (
    <ul style={{ paddingInlineStart: 18, margin: '4px 0 8px' }}>
      {items.map((e) => (
        <li key={e.id}>
          <a href={evidenceHref(e.id)} download={e.filename}>
            <PaperClipOutlined aria-hidden /> {e.filename}
          </a>{' '}
          <Typography.Text type="secondary" style={{ fontSize: 12 }}>
            ({fill(t.answers.revision, { revision: e.revision })} · {formatDateTime(e.created_at)} · {e.uploaded_label})
          </Typography.Text>{' '}
          <Popconfirm title={t.answers.deleteEvidenceConfirm} okText={t.answers.deleteEvidence} cancelText={t.common.cancel} onConfirm={() => onDelete(e.id)}>
            <Button size="small" type="link" danger icon={<DeleteOutlined aria-hidden />} aria-label={`${t.answers.deleteEvidence}: ${e.filename}`}>
              {t.answers.deleteEvidence}
            </Button>
          </Popconfirm>
        </li>
      ))}
    </ul>
  );
}

function HistoryModal({ serviceId, urn, item, onClose }: { serviceId: string; urn: string; item: AnswerItem; onClose: () => void }) {
  const { text: t, vocab } = useVendorPortalText();
  const revisions = useRevisions(serviceId, item.key, urn, true);
  const show = (value: string | number | null) => (value === null ? '—' : item.answer_spec.type === 'status' ? vocab.answerStatus(String(value)) : String(value));
  return (
    <Modal open title={`${t.answers.historyTitle}: ${item.key}`} onCancel={onClose} footer={<Button onClick={onClose}>{t.answers.close}</Button>} width={760}>
      {revisions.isError ? (
        <LoadFailed error={revisions.error} onRetry={() => void revisions.refetch()} />
      ) : (
        <Table
          size="small"
          rowKey="id"
          loading={revisions.isPending}
          dataSource={revisions.data ?? []}
          pagination={false}
          locale={{ emptyText: <Typography.Text type="secondary">{t.answers.historyEmpty}</Typography.Text> }}
          columns={[
            { title: '#', dataIndex: 'revision', width: 50 },
            { title: t.answers.answer, dataIndex: 'answer', render: (v: string | number | null) => <span style={{ whiteSpace: 'pre-wrap' }}>{show(v)}</span> },
            { title: t.answers.note, dataIndex: 'note', render: (v: string | null) => v ?? '—' },
            { title: t.answers.sharing, dataIndex: 'sharing', render: (v: SharingLevel) => vocab.sharing(v) },
            { title: t.requests.requested, dataIndex: 'created_at', render: (v: string, r) => `${formatDateTime(v)} ${r.answered_label}` },
          ]}
        />
      )}
    </Modal>
  );
}
