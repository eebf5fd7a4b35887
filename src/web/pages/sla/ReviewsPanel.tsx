import { PlusOutlined } from '@ant-design/icons';
import { Alert, App, Button, Card, Descriptions, Form, Input, List, Modal, Typography } from 'antd';
import { RadioChoice } from './form-fields.tsx';
import { useState } from 'react';
import { REVIEW_KINDS } from '../../../shared/sla.ts';
import { reviewBody } from '../../../shared/schemas/sla.ts';
import { api } from '../../api/client.ts';
import { EmptyState } from '../../components/EmptyState.tsx';
import { LoadFailed } from '../../components/Problems.tsx';
import { StatusTag, type Tone } from '../../components/StatusTag.tsx';
import { formatDateTime, formatDate } from '../../lib/format.ts';
import { useFormFeedback } from '../../lib/form-errors.ts';
import { useReviews, useSlaMutation, type Review, type ReviewStatus } from './sla-api.ts';
import { vocab } from './sla-format.ts';
import { useSlaText } from './sla-text.ts';
import { DateField } from '../../components/DateField.tsx';

export const REVIEW_TONE: Record<ReviewStatus['state'], Tone> = { ok: 'success', due_soon: 'warning', overdue: 'error' };

const pre = (v: string | null) => <span style={{ whiteSpace: 'pre-wrap' }}>{v || '—'}</span>;

/** When the SLA is next to be reviewed, the reviews held, and the form to record one. */
export function ReviewsPanel({ entryId, canEdit, hasTerms }: { entryId: string; canEdit: boolean; hasTerms: boolean }) {
  const { text: t, lang, fill } = useSlaText();
  const reviews = useReviews(entryId);
  const [recording, setRecording] = useState(false);
  const status = reviews.data?.status ?? null;
  const items = reviews.data?.items ?? [];
  const recordButton = canEdit && <Button icon={<PlusOutlined aria-hidden />} onClick={() => setRecording(true)}>{t.reviews.record}</Button>;
  return (
    <Card title={<h2 style={{ fontSize: 16, margin: 0 }}>{t.reviews.title}</h2>} extra={recordButton} loading={reviews.isPending}>
      <Typography.Paragraph>{t.reviews.lead}</Typography.Paragraph>
      {reviews.isError && <LoadFailed error={reviews.error} onRetry={() => void reviews.refetch()} />}
      {status ? (
        <>
          {status.state !== 'ok' && (
            <Alert style={{ marginBottom: 12 }} type={status.state === 'overdue' ? 'error' : 'warning'} showIcon
              message={fill(status.state === 'overdue' ? t.reviews.overdueAlert : t.reviews.dueSoonAlert, { date: formatDate(status.next_due) })} />
          )}
          <Descriptions bordered size="small" column={{ xs: 1, md: 3 }} style={{ marginBottom: 16 }}>
            <Descriptions.Item label={t.reviews.nextDue}>
              {formatDate(status.next_due)} <StatusTag tone={REVIEW_TONE[status.state]}>{t.reviews.states[status.state]}</StatusTag>
            </Descriptions.Item>
            <Descriptions.Item label={t.reviews.last}>{status.last_reviewed_on ? formatDate(status.last_reviewed_on) : t.reviews.never}</Descriptions.Item>
            <Descriptions.Item label={t.reviews.interval}>{fill(t.rules.everyMonths, { months: status.interval_months })}</Descriptions.Item>
          </Descriptions>
        </>
      ) : (
        !hasTerms && <Typography.Paragraph type="secondary">{t.reviews.noTerms}</Typography.Paragraph>
      )}
      {items.length === 0 ? (
        !reviews.isPending && <EmptyState title={t.reviews.empty} hint={t.reviews.emptyHint} action={recordButton} />
      ) : (
        <List
          itemLayout="vertical"
          dataSource={[...items].sort((a, b) => b.reviewed_on.localeCompare(a.reviewed_on))}
          pagination={items.length > 5 ? { pageSize: 5 } : false}
          data-testid="sla-reviews-table"
          renderItem={(r: Review) => (
            <List.Item key={r.id}>
              <Typography.Title level={3} style={{ fontSize: 15, marginTop: 0 }}>
                {formatDate(r.reviewed_on)}（{vocab.reviewKind(r.kind, lang)}）{r.participants ? ` — ${r.participants}` : ''}
              </Typography.Title>
              <Descriptions size="small" column={1} styles={{ label: { width: 160 } }}>
                <Descriptions.Item label={t.reviews.findings}>{pre(r.findings)}</Descriptions.Item>
                <Descriptions.Item label={t.reviews.decisions}>{pre(r.decisions)}</Descriptions.Item>
                <Descriptions.Item label={t.reviews.termChanges}>{pre(r.term_changes)}</Descriptions.Item>
              </Descriptions>
              <Typography.Text type="secondary" style={{ fontSize: 12 }}>{t.reviews.by}: {r.created_by_label} ・ {formatDateTime(r.created_at)}</Typography.Text>
            </List.Item>
          )}
        />
      )}
      {recording && <ReviewModal entryId={entryId} onClose={() => setRecording(false)} />}
    </Card>
  );
}

function todayInJapan(): string {
  return new Date(Date.now() + 9 * 3_600_000).toISOString().slice(0, 10);
}

function ReviewModal({ entryId, onClose }: { entryId: string; onClose: () => void }) {
  const { text: t, lang } = useSlaText();
  const [form] = Form.useForm();
  const { message } = App.useApp();
  const { reportError, checkValues } = useFormFeedback();
  const save = useSlaMutation((body: unknown) => api.post<Review>(`/api/sla/entries/${entryId}/reviews`, body));
  const submit = (values: Record<string, string | undefined>) => {
    const raw = Object.fromEntries(Object.entries(values).map(([k, v]) => [k, typeof v === 'string' ? v.trim() || null : (v ?? null)]));
    const body = checkValues(reviewBody, raw, form);
    if (!body) return;
    save.mutate(body, {
      onSuccess: () => {
        void message.success(t.reviews.saved);
        onClose();
      },
      onError: (error) => reportError(error, form),
    });
  };
  return (
    <Modal open title={t.reviews.formTitle} onCancel={onClose} okText={t.form.save} cancelText={t.form.cancel} onOk={() => form.submit()} okButtonProps={{ disabled: save.isPending }} width={640} destroyOnHidden>
      <Form form={form} layout="vertical" initialValues={{ reviewed_on: todayInJapan(), kind: 'scheduled' }} onFinish={submit}>
        <Form.Item name="reviewed_on" label={t.reviews.reviewedOn} rules={[{ required: true }]}><DateField /></Form.Item>
        <Form.Item name="kind" label={t.reviews.kind} rules={[{ required: true }]}>
          <RadioChoice aria-label={t.reviews.kind} options={REVIEW_KINDS.map((k) => ({ value: k, label: vocab.reviewKind(k, lang) }))} />
        </Form.Item>
        <Form.Item name="participants" label={t.reviews.participants}><Input maxLength={500} /></Form.Item>
        <Form.Item name="findings" label={t.reviews.findings} rules={[{ required: true }]}><Input.TextArea rows={3} maxLength={4000} /></Form.Item>
        <Form.Item name="decisions" label={t.reviews.decisions}><Input.TextArea rows={2} maxLength={4000} /></Form.Item>
        <Form.Item name="term_changes" label={t.reviews.termChanges}><Input.TextArea rows={2} maxLength={4000} /></Form.Item>
      </Form>
    </Modal>
  );
}
