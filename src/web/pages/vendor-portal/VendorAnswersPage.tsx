import { DeleteOutlined, HistoryOutlined, PaperClipOutlined, SaveOutlined, UploadOutlined } from '@ant-design/icons';
import { Alert, App, Button, Card, Flex, Form, Input, InputNumber, List, Modal, Popconfirm, Progress, Radio, Space, Spin, Table, Typography, Upload, type FormInstance } from 'antd';
import { useCallback, useEffect, useRef, useState } from 'react';
import { Link, useParams, useSearchParams } from 'react-router';
import { ANSWER_STATUS_VALUES, type AnswerSpec } from '../../../shared/catalogue.ts';
import { SHARING_LEVELS, type SharingLevel } from '../../../shared/assessments.ts';
import { useMe } from '../../api/session.ts';
import { EmptyState } from '../../components/EmptyState.tsx';
import { PageHeading } from '../../components/PageHeading.tsx';
import { LoadFailed } from '../../components/Problems.tsx';
import { SelectField } from '../../components/SelectField.tsx';
import { StatusTag } from '../../components/StatusTag.tsx';
import { ApiError } from '../../api/client.ts';
import { formatDateTime, formatDate } from '../../lib/format.ts';
import { useLabels } from '../../lib/labels.ts';
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
  const { text: t, vocab } = useVendorPortalText();
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
          <AnswerItems serviceId={service.id} data={answers.data} />
        </>
      )}
    </>
  );
}

/** The body an item's form values save as (the same for one item's button and for "save all"). */
function answerBody(values: AnswerValues) {
  return { answer: values.answer === undefined || values.answer === '' ? null : values.answer, note: values.note?.trim() || null, sharing: values.sharing ?? ('linked' as SharingLevel) };
}

/** Whether the form holds something the saved answer does not: an item never answered counts once an answer or note is entered. */
function isDirty(values: AnswerValues, current: AnswerItem['current']): boolean {
  const body = answerBody(values);
  if (!current) return body.answer !== null || body.note !== null;
  return JSON.stringify(body.answer) !== JSON.stringify(current.answer ?? null) || body.note !== (current.note ?? null) || body.sharing !== current.sharing;
}

type ItemForms = Map<string, FormInstance<AnswerValues>>;
type SaveResult = { saved: number; failed: { key: string; reason: string }[] };

/**
 * Every item of the catalogue, with a bar that stays in view: the answered share, a jump to the
 * next item without a saved answer (focused for the keyboard), and one save for every changed item.
 * "Save all" saves the changed items one after another, each as its own revision like its own
 * button; an item the server refuses keeps its input, shows the reasons beside its fields and is
 * listed with a link, and the others are saved.
 */
function AnswerItems({ serviceId, data }: { serviceId: string; data: ServiceAnswers }) {
  const { text: t, fill, vocab } = useVendorPortalText();
  const { lang } = useLabels();
  const urn = data.catalogue.urn;
  const items = data.categories.flatMap((c) => c.items);
  const forms = useRef<ItemForms>(new Map());
  const [dirty, setDirty] = useState<Set<string>>(new Set());
  const [result, setResult] = useState<SaveResult | null>(null);
  const lastJump = useRef<string | null>(null);
  const answered = items.filter((i) => i.current).length;
  const unanswered = items.filter((i) => !i.current);

  const onDirty = useCallback((key: string, value: boolean) => {
    setDirty((previous) => {
      if (previous.has(key) === value) return previous;
      const next = new Set(previous);
      if (value) next.add(key);
      else next.delete(key);
      return next;
    });
  }, []);

  const saveAll = usePortalMutation(async (keys: string[]): Promise<SaveResult> => {
    const outcome: SaveResult = { saved: 0, failed: [] };
    for (const key of keys) {
      const form = forms.current.get(key);
      if (!form) continue;
      try {
        const values = await form.validateFields();
        await vendorPortalApi.save(serviceId, key, urn, answerBody(values));
        outcome.saved += 1;
      } catch (error) {
        if (error instanceof ApiError) {
          const reasons = error.details.map((d) => (lang === 'en' ? (d.reason_en ?? d.reason) : d.reason));
          form.setFields(error.details.filter((d) => ['answer', 'note', 'sharing'].includes(d.field.split('.')[0]!)).map((d) => ({ name: d.field.split('.')[0] as keyof AnswerValues, errors: [lang === 'en' ? (d.reason_en ?? d.reason) : d.reason] })));
          outcome.failed.push({ key, reason: reasons.join(' / ') || error.localized(lang) });
        } else {
          // A form that fails its own checks already shows them beside its fields.
          const fields = (error as { errorFields?: { errors: string[] }[] }).errorFields;
          outcome.failed.push({ key, reason: fields?.flatMap((f) => f.errors).join(' / ') || String(error) });
        }
      }
    }
    return outcome;
  });

  const goTo = (key: string) => {
    const card = document.querySelector<HTMLElement>(`[data-testid="answer-item-${CSS.escape(key)}"]`);
    if (!card) return;
    card.scrollIntoView({ block: 'start', behavior: 'smooth' });
    const control = card.querySelector<HTMLElement>('input:not([type="hidden"]):not([disabled]), textarea, [role="combobox"]');
    (control ?? card).focus({ preventScroll: true });
  };

  const nextUnanswered = () => {
    if (!unanswered.length) return;
    const order = items.map((i) => i.key);
    const from = lastJump.current ? order.indexOf(lastJump.current) : -1;
    const next = unanswered.find((i) => order.indexOf(i.key) > from) ?? unanswered[0]!;
    lastJump.current = next.key;
    goTo(next.key);
  };

  const changed = items.map((i) => i.key).filter((k) => dirty.has(k));
  return (
    <>
      <div
        role="region"
        aria-label={t.answers.toolbar}
        data-testid="answers-toolbar"
        style={{ position: 'sticky', top: 0, zIndex: 10, background: '#fff', border: '1px solid #d9d9d9', borderRadius: 8, padding: '8px 16px', marginBottom: 16 }}
      >
        <Flex wrap gap={16} align="center">
          <Flex align="center" gap={8} style={{ minWidth: 320 }}>
            <Progress
              percent={items.length ? Math.round((answered / items.length) * 100) : 0}
              size="small"
              showInfo={false}
              style={{ width: 160, margin: 0 }}
              aria-label={fill(t.answers.progress, { answered, total: items.length })}
            />
            <span>{fill(t.answers.progress, { answered, total: items.length })}</span>
          </Flex>
          <Button onClick={nextUnanswered} disabled={!unanswered.length}>
            {unanswered.length ? fill(t.answers.nextUnanswered, { n: unanswered.length }) : t.answers.allAnswered}
          </Button>
          <Button
            type="primary"
            icon={<SaveOutlined aria-hidden />}
            loading={saveAll.isPending}
            disabled={!changed.length}
            onClick={() => saveAll.mutate(changed, { onSuccess: (outcome) => setResult(outcome) })}
          >
            {changed.length ? fill(t.answers.saveAll, { n: changed.length }) : t.answers.nothingToSave}
          </Button>
        </Flex>
        {result && (
          <Alert
            style={{ marginTop: 8 }}
            type={result.failed.length ? 'error' : 'success'}
            showIcon
            closable
            onClose={() => setResult(null)}
            message={[result.saved ? fill(t.answers.savedAll, { n: result.saved }) : '', result.failed.length ? fill(t.answers.someFailed, { n: result.failed.length }) : ''].filter(Boolean).join(' ')}
            description={
              result.failed.length ? (
                <ul style={{ margin: 0, paddingInlineStart: 18 }}>
                  {result.failed.map((f) => (
                    <li key={f.key}>
                      {fill(t.answers.failedItem, { key: f.key, reason: f.reason })}{' '}
                      <Button type="link" size="small" style={{ padding: 0 }} onClick={() => goTo(f.key)}>
                        {t.answers.showItem}
                      </Button>
                    </li>
                  ))}
                </ul>
              ) : undefined
            }
          />
        )}
      </div>
      {data.categories.map((category) => (
        <section key={category.key} style={{ marginBottom: 24 }} aria-labelledby={`category-${category.key}`}>
          <Typography.Title level={2} id={`category-${category.key}`} style={{ fontSize: 18 }}>
            {category.number ? `${category.number}. ` : ''}
            {vocab.name(category.name)}{' '}
            <Typography.Text type="secondary" style={{ fontSize: 14, fontWeight: 400 }}>
              {fill(t.answers.categoryProgress, { answered: category.items.filter((i) => i.current).length, total: category.items.length })}
            </Typography.Text>
          </Typography.Title>
          {category.items.map((item) => (
            <ItemCard key={item.key} serviceId={serviceId} urn={urn} item={item} forms={forms.current} onDirty={onDirty} dirty={dirty.has(item.key)} />
          ))}
        </section>
      ))}
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

function ItemCard({ serviceId, urn, item, forms, onDirty, dirty }: { serviceId: string; urn: string; item: AnswerItem; forms: ItemForms; onDirty: (key: string, dirty: boolean) => void; dirty: boolean }) {
  const { text: t, fill, vocab } = useVendorPortalText();
  const { message } = App.useApp();
  const me = useMe();
  const [form] = Form.useForm<AnswerValues>();
  const [history, setHistory] = useState(false);
  const { reportError } = useFormFeedback();
  const save = usePortalMutation((values: AnswerValues) => vendorPortalApi.save(serviceId, item.key, urn, answerBody(values)));
  // The page's "save all" reaches this form; whether it holds unsaved changes is measured against the saved answer.
  useEffect(() => {
    forms.set(item.key, form);
    return () => void forms.delete(item.key);
  }, [forms, form, item.key]);
  useEffect(() => onDirty(item.key, isDirty(form.getFieldsValue(), item.current)), [form, item, onDirty]);
  const upload = usePortalMutation((file: File) => vendorPortalApi.upload(serviceId, item.key, urn, file, me.csrf_token));
  const remove = usePortalMutation((attachmentId: string) => vendorPortalApi.deleteEvidence(serviceId, attachmentId));
  const formName = `answer-${item.key}`;
  const current = item.current;
  return (
    // scrollMarginTop: an item scrolled to ("next unanswered") starts below the sticky bar.
    <Card size="small" style={{ marginBottom: 12, scrollMarginTop: 88 }} data-testid={`answer-item-${item.key}`}>
      <Typography.Title level={3} style={{ fontSize: 16 }}>
        {item.key} {vocab.name(item.name)}{' '}
        {current ? <StatusTag tone="success">{fill(t.answers.revision, { revision: current.revision })}</StatusTag> : <StatusTag tone="warning">{t.answers.notAnswered}</StatusTag>}
        {dirty && <StatusTag tone="info">{t.answers.unsaved}</StatusTag>}
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
        onValuesChange={(_, values) => onDirty(item.key, isDirty(values, current))}
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
