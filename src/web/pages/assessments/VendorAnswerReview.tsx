import { CheckOutlined, FlagOutlined, PaperClipOutlined } from '@ant-design/icons';
import { Alert, App, Button, Card, Form, Input, Modal, Space, Spin, Typography } from 'antd';
import { useState } from 'react';
import { Link } from 'react-router';
import type { VendorReview } from '../../../shared/assessments.ts';
import { useMe, can } from '../../api/session.ts';
import { LoadFailed } from '../../components/Problems.tsx';
import { StatusTag } from '../../components/StatusTag.tsx';
import { formatDateTime } from '../../lib/format.ts';
import { useFormFeedback } from '../../lib/form-errors.ts';
import { evidenceHref, useAssessmentVendorAnswers, usePortalMutation, vendorPortalApi } from '../vendor-portal/vendor-portal-api.ts';
import { useVendorPortalText } from '../vendor-portal/vendor-portal-text.ts';

/** Inside an assessment item's editor: the vendor's answer the organisation may read (or why none), and accept / flag. */
export default function VendorAnswerReview({ assessmentId, itemKey, onChanged }: { assessmentId: string; itemKey: string; onChanged?: () => void }) {
  const { text: t, fill, vocab } = useVendorPortalText();
  const me = useMe();
  const { message } = App.useApp();
  const { reportError } = useFormFeedback();
  const answers = useAssessmentVendorAnswers(assessmentId);
  const [deciding, setDeciding] = useState<VendorReview | null>(null);
  const [form] = Form.useForm<{ note?: string }>();
  const review = usePortalMutation((body: { decision: VendorReview; note: string | null }) => vendorPortalApi.review(assessmentId, itemKey, body));

  if (answers.isError) return <LoadFailed error={answers.error} onRetry={() => void answers.refetch()} />;
  if (answers.isPending) return <Spin />;
  const item = answers.data.items.find((i) => i.item_key === itemKey);
  const entryLink = `/register/${answers.data.register_entry_id}?tab=confirmation`;
  const title = <Typography.Title level={4} style={{ fontSize: 14, margin: 0 }}>{t.review.title}{answers.data.vendor_service ? `（${answers.data.vendor_service.vendor_name}「${answers.data.vendor_service.name}」）` : ''}</Typography.Title>;
  if (!item) return null;
  if (item.state !== 'visible' || !item.answer) {
    return (
      <Card size="small" title={title} data-testid={`vendor-answer-${itemKey}`}>
        <Alert
          type="info"
          showIcon
          message={vocab.reason(item.state)}
          action={
            item.state === 'not_answered' ? undefined : item.state === 'not_linked' ? (
              <Link to={`/register/${answers.data.register_entry_id}?tab=incidents`}>{t.panel.toLink}</Link>
            ) : (
              <Link to={entryLink}>{t.review.toEntry}</Link>
            )
          }
        />
      </Card>
    );
  }
  const answer = item.answer;
  const shown = answer.answer === null ? '—' : typeof answer.answer === 'string' && ['yes', 'partial', 'no', 'not_applicable'].includes(answer.answer) ? vocab.answerStatus(answer.answer) : String(answer.answer);
  const mayReview = can(me, 'register:write');
  const send = (values: { note?: string }) =>
    review.mutate(
      { decision: deciding!, note: values.note?.trim() || null },
      {
        onSuccess: () => {
          void message.success(deciding === 'accepted' ? t.review.accepted : t.review.flagged);
          form.resetFields();
          setDeciding(null);
          onChanged?.();
        },
        onError: (error) => reportError(error, form),
      },
    );
  return (
    <Card size="small" title={title} data-testid={`vendor-answer-${itemKey}`}>
      <Typography.Paragraph style={{ whiteSpace: 'pre-wrap', marginBottom: 4 }}>
        <Typography.Text strong>{shown}</Typography.Text>
      </Typography.Paragraph>
      {answer.note && (
        <Typography.Paragraph style={{ whiteSpace: 'pre-wrap', marginBottom: 4 }}>
          {t.review.note}: {answer.note}
        </Typography.Paragraph>
      )}
      <Typography.Paragraph type="secondary" style={{ fontSize: 12 }}>
        {fill(t.review.revision, { revision: answer.revision, at: formatDateTime(answer.answered_at), by: answer.answered_label })} · {vocab.sharing(answer.sharing)}
      </Typography.Paragraph>
      {answer.evidence.length > 0 && (
        <div style={{ marginBottom: 8 }}>
          <Typography.Text strong>{t.review.evidence}: </Typography.Text>
          <ul style={{ paddingInlineStart: 18, margin: 0 }}>
            {answer.evidence.map((e) => (
              <li key={e.id}>
                <a href={evidenceHref(e.id)} download={e.filename}>
                  <PaperClipOutlined aria-hidden /> {e.filename}
                </a>
              </li>
            ))}
          </ul>
        </div>
      )}
      {item.review && (
        <Space wrap style={{ marginBottom: 8 }}>
          <StatusTag tone={item.review.decision === 'accepted' ? 'success' : 'warning'}>
            {fill(t.review.lastReview, { decision: vocab.review(item.review.decision), revision: item.review.reviewed_revision ?? '—', at: formatDateTime(item.review.reviewed_at) })}
          </StatusTag>
          {item.review.changed_since_review ? <StatusTag tone="error">{t.review.changed}</StatusTag> : <StatusTag tone="neutral">{t.review.unchanged}</StatusTag>}
          {item.review.note && <Typography.Text>{item.review.note}</Typography.Text>}
        </Space>
      )}
      {mayReview && (
        <Space wrap>
          <Button icon={<CheckOutlined aria-hidden />} onClick={() => setDeciding('accepted')}>
            {t.review.accept}
          </Button>
          <Button danger icon={<FlagOutlined aria-hidden />} onClick={() => setDeciding('flagged')}>
            {t.review.flag}
          </Button>
        </Space>
      )}
      {deciding && (
        <Modal open title={deciding === 'accepted' ? t.review.accept : t.review.flag} okText={t.review.send} cancelText={t.review.cancel} confirmLoading={review.isPending} onCancel={() => setDeciding(null)} onOk={() => form.submit()} destroyOnHidden>
          <Form form={form} name={`vendor-review-${itemKey}`} layout="vertical" onFinish={send}>
            <Form.Item name="note" label={deciding === 'flagged' ? t.review.flagNote : t.review.reviewNote} rules={deciding === 'flagged' ? [{ required: true, whitespace: true, message: t.invitation.required }] : []}>
              <Input.TextArea rows={3} maxLength={2000} />
            </Form.Item>
          </Form>
        </Modal>
      )}
    </Card>
  );
}
