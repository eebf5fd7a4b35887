import { DeleteOutlined, PaperClipOutlined, SwapOutlined, UploadOutlined } from '@ant-design/icons';
import { Alert, App, Button, Descriptions, Divider, Drawer, Empty, Flex, Form, Input, InputNumber, List, Popconfirm, Radio, Space, Typography, Upload } from 'antd';
import { useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { ITEM_STATUSES, POLICY_DEFINED } from '../../../shared/assessments.ts';
import { ANSWER_STATUS_VALUES } from '../../../shared/catalogue.ts';
import { ApiError } from '../../api/client.ts';
import { useMe } from '../../api/session.ts';
import { SelectField } from '../../components/SelectField.tsx';
import { formatDateTime, formatDate } from '../../lib/format.ts';
import { useFormFeedback } from '../../lib/form-errors.ts';
import { postFile } from '../register/register-api.ts';
import {
  assessmentApi,
  evidenceUploadUrl,
  evidenceUrl,
  useAssessmentMutation,
  useItemComments,
  useItemHistory,
  useReviewers,
  type AssessmentDetail,
  type AssessmentItem,
  type Evidence,
  type ItemPatch,
} from './assessments-api.ts';
import { ItemStatusTag, OverdueTag, useAnswerText } from './assessments-format.tsx';
import { useAssessmentText } from './assessments-text.ts';
import VendorAnswerReview from './VendorAnswerReview.tsx';
import { ItemLinkList } from '../catalogues/ItemLinks.tsx';
import { ChangeSentence } from '../audit/AuditChange.tsx';
import { auditActorLabel } from '../../../shared/audit-vocabulary.ts';
import { useLabels } from '../../lib/labels.ts';
import { DateField } from '../../components/DateField.tsx';
import { ChecklistPartiesLink } from '../parties/ChecklistPartiesLink.tsx';

type FormValues = {
  status: ItemPatch['status'];
  answer: string | number | null | undefined;
  due_date: string | null | undefined;
  reviewer_user_id: string | null | undefined;
  confirmed_before_use: 'yes' | 'no' | 'unknown';
  policy_defined: ItemPatch['policy_defined'];
};

const size = (bytes: number) => (bytes >= 1048576 ? `${(bytes / 1048576).toFixed(1)} MB` : `${Math.max(1, Math.round(bytes / 1024))} KB`);

/** Everything about one item: its guidance, state, evidence, comments, history and the vendor's answer. */
export function ItemEditor({ assessment, item, onClose }: { assessment: AssessmentDetail; item: AssessmentItem; onClose: () => void }) {
  const { text: t, lang, fill } = useAssessmentText();
  const editable = assessment.can_edit && !item.archived;
  const client = useQueryClient();
  return (
    <Drawer open width={760} onClose={onClose} title={fill(t.editor.title, { key: item.key, name: item.name[lang] })} destroyOnHidden>
      {item.archived && <Alert type="warning" showIcon message={t.editor.archived} style={{ marginBottom: 16 }} />}
      <ItemGuidance item={item} />
      <ChecklistPartiesLink catalogueUrn={assessment.catalogue.urn} itemKey={item.key} entryId={assessment.entry.id} />
      <Divider orientation="left" plain>{t.editor.state}</Divider>
      <StateForm key={`${item.key}-${item.revision}`} assessment={assessment} item={item} editable={editable} />
      <VendorAnswerReview assessmentId={assessment.id} itemKey={item.key} onChanged={() => void client.invalidateQueries({ queryKey: ['assessments'] })} />
      <Divider orientation="left" plain>{t.editor.evidence}</Divider>
      <EvidencePanel assessmentId={assessment.id} item={item} editable={editable} />
      <Divider orientation="left" plain>{t.editor.comments}</Divider>
      <CommentsPanel assessmentId={assessment.id} itemKey={item.key} editable={assessment.can_edit} />
      <Divider orientation="left" plain>{t.editor.history}</Divider>
      <HistoryPanel assessmentId={assessment.id} itemKey={item.key} />
    </Drawer>
  );
}

function ItemGuidance({ item }: { item: AssessmentItem }) {
  const { text: t, lang, fill } = useAssessmentText();
  return (
    <Descriptions size="small" column={1} bordered styles={{ label: { width: 150 } }}>
      <Descriptions.Item label={t.table.status}>
        <Space wrap>
          <ItemStatusTag value={item.status} />
          {item.overdue && <OverdueTag />}
          {!item.catalogue_version.is_current && !item.archived && <span>{fill(t.table.oldVersion, { version: item.catalogue_version.version })}</span>}
        </Space>
      </Descriptions.Item>
      {item.guidance && <Descriptions.Item label={t.editor.guidance}><Typography.Paragraph style={{ marginBottom: 0, whiteSpace: 'pre-wrap' }}>{item.guidance[lang]}</Typography.Paragraph></Descriptions.Item>}
      {item.typical_evidence.length > 0 && (
        <Descriptions.Item label={t.editor.typicalEvidence}>
          <ul style={{ margin: 0, paddingInlineStart: 20 }}>{item.typical_evidence.map((e) => <li key={e.ja}>{e[lang]}</li>)}</ul>
        </Descriptions.Item>
      )}
      {item.refs.length > 0 && <Descriptions.Item label={t.editor.refs}><ItemLinkList links={item.refs} /></Descriptions.Item>}
    </Descriptions>
  );
}

/** The answer control by the item's answer type; Form.Item hands it value and onChange. */
function AnswerField({ item, id, value, onChange }: { item: AssessmentItem; id: string; value?: string | number | null; onChange?: (value: string | number | null) => void }) {
  const { text: t, lang, vocab } = useAssessmentText();
  const spec = item.answer_spec;
  const label = t.editor.answer;
  switch (spec.type) {
    case 'status':
      return <SelectField id={id} allowClear aria-label={label} value={value ?? undefined} onChange={(v: string | undefined) => onChange?.(v ?? null)} options={ANSWER_STATUS_VALUES.map((v) => ({ value: v, label: vocab.answerStatus(v) }))} />;
    case 'choice':
      return <SelectField id={id} allowClear aria-label={label} value={value ?? undefined} onChange={(v: string | undefined) => onChange?.(v ?? null)} options={(spec.choices ?? []).map((c) => ({ value: c.code, label: c.name[lang] }))} />;
    case 'date':
      return <DateField id={id} value={typeof value === 'string' ? value : null} onChange={onChange} />;
    case 'number':
      return <InputNumber id={id} min={spec.min} max={spec.max} addonAfter={spec.unit?.[lang]} style={{ width: 220 }} value={typeof value === 'number' ? value : null} onChange={(v) => onChange?.(typeof v === 'number' ? v : null)} />;
    default:
      return <Input.TextArea id={id} rows={4} maxLength={4000} showCount placeholder={t.editor.answerPlaceholder} value={typeof value === 'string' ? value : ''} onChange={(e) => onChange?.(e.target.value)} />;
  }
}

function StateForm({ assessment, item, editable }: { assessment: AssessmentDetail; item: AssessmentItem; editable: boolean }) {
  const { text: t, fill, vocab } = useAssessmentText();
  const { message } = App.useApp();
  const { reportError } = useFormFeedback();
  const [form] = Form.useForm<FormValues>();
  const reviewers = useReviewers(editable);
  const save = useAssessmentMutation((body: ItemPatch) => assessmentApi.patchItem(assessment.id, item.key, body));
  const migrate = useAssessmentMutation(() => assessmentApi.migrateItem(assessment.id, item.key));
  const answerText = useAnswerText();
  const initial: FormValues = {
    status: item.status,
    answer: item.answer,
    due_date: item.due_date ?? '',
    reviewer_user_id: item.reviewer?.id,
    confirmed_before_use: item.confirmed_before_use === null ? 'unknown' : item.confirmed_before_use ? 'yes' : 'no',
    policy_defined: item.policy_defined,
  };
  const submit = (values: FormValues) => {
    const answer = values.answer === undefined || values.answer === '' ? null : values.answer;
    save.mutate(
      {
        revision: item.revision,
        status: values.status,
        answer,
        due_date: values.due_date ? values.due_date : null,
        reviewer_user_id: values.reviewer_user_id ?? null,
        confirmed_before_use: values.confirmed_before_use === 'unknown' ? null : values.confirmed_before_use === 'yes',
        policy_defined: values.policy_defined,
      },
      {
        onSuccess: () => void message.success(t.common.saved),
        onError: (error) => {
          if (error instanceof ApiError && error.status === 409 && error.details.some((d) => d.field === 'revision')) void message.warning(t.editor.stale);
          else reportError(error, form);
        },
      },
    );
  };
  if (!editable) {
    return (
      <Descriptions size="small" column={1} bordered styles={{ label: { width: 150 } }}>
        <Descriptions.Item label={t.editor.answer}>{answerText(item.answer_spec, item.answer) || t.common.none}</Descriptions.Item>
        <Descriptions.Item label={t.editor.due}>{item.due_date ? formatDate(item.due_date) : t.common.none}</Descriptions.Item>
        <Descriptions.Item label={t.editor.reviewer}>{item.reviewer?.name ?? t.common.none}</Descriptions.Item>
        <Descriptions.Item label={t.editor.beforeUse}>{item.confirmed_before_use === null ? t.common.unknown : item.confirmed_before_use ? t.common.yes : t.common.no}</Descriptions.Item>
        <Descriptions.Item label={t.editor.policy}>{vocab.policy(item.policy_defined)}</Descriptions.Item>
      </Descriptions>
    );
  }
  return (
    <Form form={form} layout="vertical" initialValues={initial} onFinish={submit} requiredMark={false}>
      <Flex gap={16} wrap>
        <Form.Item name="status" label={t.editor.status} style={{ minWidth: 200 }}>
          <SelectField aria-required options={ITEM_STATUSES.map((s) => ({ value: s, label: vocab.status(s) }))} />
        </Form.Item>
        <Form.Item name="due_date" label={t.editor.due}>
          <DateField />
        </Form.Item>
        <Form.Item name="reviewer_user_id" label={t.editor.reviewer} style={{ minWidth: 240 }}>
          <SelectField allowClear placeholder={t.editor.reviewerPlaceholder} loading={reviewers.isPending} options={(reviewers.data ?? []).map((r) => ({ value: r.id, label: r.name }))} />
        </Form.Item>
      </Flex>
      <Form.Item name="answer" label={t.editor.answer}>
        <AnswerField item={item} id="answer" />
      </Form.Item>
      <Form.Item name="confirmed_before_use" label={t.editor.beforeUse}>
        <Radio.Group options={[{ value: 'yes', label: t.common.yes }, { value: 'no', label: t.common.no }, { value: 'unknown', label: t.common.unknown }]} />
      </Form.Item>
      <Form.Item name="policy_defined" label={t.editor.policy}>
        <Radio.Group options={POLICY_DEFINED.map((p) => ({ value: p, label: vocab.policy(p) }))} />
      </Form.Item>
      <Flex gap={8} wrap align="center">
        <Button type="primary" htmlType="submit" loading={save.isPending}>{t.common.save}</Button>
        {!item.catalogue_version.is_current && assessment.catalogue.newer_version && (
          <Popconfirm title={t.page.migrateConfirm} okText={t.editor.migrate} cancelText={t.common.cancel} onConfirm={() => migrate.mutate(undefined, { onSuccess: () => void message.success(t.editor.migrated), onError: (e) => reportError(e) })}>
            <Button icon={<SwapOutlined aria-hidden />} loading={migrate.isPending}>{t.editor.migrate}</Button>
          </Popconfirm>
        )}
        <Typography.Text type="secondary" style={{ fontSize: 12 }}>{fill(t.editor.revision, { revision: item.revision, at: formatDateTime(item.updated_at), by: item.updated_by ?? '' })}</Typography.Text>
      </Flex>
    </Form>
  );
}

function EvidencePanel({ assessmentId, item, editable }: { assessmentId: string; item: AssessmentItem; editable: boolean }) {
  const { text: t } = useAssessmentText();
  const me = useMe();
  const { message } = App.useApp();
  const { reportError } = useFormFeedback();
  const upload = useAssessmentMutation((file: File) => postFile<Evidence>(evidenceUploadUrl(assessmentId, item.key), file, me.csrf_token));
  const remove = useAssessmentMutation((id: string) => assessmentApi.removeEvidence(id));
  return (
    <>
      {editable && (
        <Flex gap={12} align="center" wrap style={{ marginBottom: 12 }}>
          <Upload
            showUploadList={false}
            accept=".pdf,.png,.jpg,.jpeg,.xlsx,.docx,.pptx,.csv,.txt"
            disabled={upload.isPending}
            beforeUpload={(file) => {
              upload.mutate(file, { onSuccess: (saved) => void message.success(`${saved.filename}: ${t.common.saved}`), onError: (error) => reportError(error) });
              return false;
            }}
          >
            <Button icon={<UploadOutlined aria-hidden />} loading={upload.isPending}>{t.editor.upload}</Button>
          </Upload>
          <Typography.Text type="secondary" style={{ fontSize: 12 }}>{t.editor.uploadHint}</Typography.Text>
        </Flex>
      )}
      {item.evidence.length === 0 ? (
        <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t.editor.noEvidence} />
      ) : (
        <List
          size="small"
          bordered
          dataSource={item.evidence}
          renderItem={(e) => (
            <List.Item
              actions={[
                <a key="download" href={evidenceUrl(e.id)} download={e.filename}>{t.editor.download}</a>,
                ...(editable
                  ? [
                      <Popconfirm key="delete" title={t.editor.deleteConfirm} okText={t.editor.deleteEvidence} cancelText={t.common.cancel} onConfirm={() => remove.mutate(e.id, { onSuccess: () => void message.success(t.editor.deleted), onError: (err) => reportError(err) })}>
                        <Button size="small" danger icon={<DeleteOutlined aria-hidden />} aria-label={`${t.editor.deleteEvidence}: ${e.filename}`}>{t.editor.deleteEvidence}</Button>
                      </Popconfirm>,
                    ]
                  : []),
              ]}
            >
              <List.Item.Meta
                avatar={<PaperClipOutlined aria-hidden />}
                title={e.filename}
                description={<span style={{ fontSize: 12 }}>{`${size(e.size_bytes)} ・ ${e.uploaded_label} ・ ${formatDateTime(e.created_at)} ・ sha256 ${e.sha256.slice(0, 16)}…`}</span>}
              />
            </List.Item>
          )}
        />
      )}
    </>
  );
}

function CommentsPanel({ assessmentId, itemKey, editable }: { assessmentId: string; itemKey: string; editable: boolean }) {
  const { text: t } = useAssessmentText();
  const { reportError } = useFormFeedback();
  const comments = useItemComments(assessmentId, itemKey);
  const [body, setBody] = useState('');
  const post = useAssessmentMutation((value: string) => assessmentApi.comment(assessmentId, itemKey, value));
  const id = `comment-${itemKey}`;
  return (
    <>
      {(comments.data ?? []).length === 0 ? (
        <Typography.Paragraph type="secondary">{t.editor.noComments}</Typography.Paragraph>
      ) : (
        <List
          size="small"
          dataSource={comments.data}
          renderItem={(c) => (
            <List.Item>
              <List.Item.Meta title={<span>{c.system ? t.editor.system : c.author_label} ・ {formatDateTime(c.created_at)}</span>} description={<span style={{ whiteSpace: 'pre-wrap', color: '#262626' }}>{c.body}</span>} />
            </List.Item>
          )}
        />
      )}
      {editable && (
        <Flex vertical gap={8} style={{ marginTop: 8 }}>
          <label htmlFor={id}>{t.editor.comment}</label>
          <Input.TextArea id={id} rows={2} maxLength={4000} value={body} onChange={(e) => setBody(e.target.value)} />
          <div>
            {/* No loading spinner: it would turn off as the emptied box disables the button, and antd's
                spinner then never finishes leaving (its motion class stays on the page). */}
            <Button disabled={!body.trim() || post.isPending} onClick={() => post.mutate(body, { onSuccess: () => setBody(''), onError: (e) => reportError(e) })}>{t.editor.post}</Button>
          </div>
        </Flex>
      )}
    </>
  );
}

function HistoryPanel({ assessmentId, itemKey }: { assessmentId: string; itemKey: string }) {
  const { text: t } = useAssessmentText();
  const history = useItemHistory(assessmentId, itemKey);
  const { lang } = useLabels();
  const label = (action: string) => (t.history as Record<string, string>)[action] ?? t.history.other;
  if ((history.data?.items ?? []).length === 0) return <Typography.Paragraph type="secondary">{t.editor.noHistory}</Typography.Paragraph>;
  return (
    <List
      size="small"
      dataSource={history.data?.items}
      renderItem={(h) => (
        <List.Item>
          <List.Item.Meta title={`${formatDateTime(h.at)} ・ ${auditActorLabel(h, lang)} ・ ${label(h.action)}`} description={<span style={{ fontSize: 12, overflowWrap: 'anywhere', color: '#3a3a3a' }}><ChangeSentence before={h.before} after={h.after} targetType="assessment_item" names={history.data?.names} /></span>} />
        </List.Item>
      )}
    />
  );
}
