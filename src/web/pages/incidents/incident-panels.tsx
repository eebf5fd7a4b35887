// The panels of an incident's page: timeline (and the form to record an event), the bodies
// concerned, the caller's own impact, and its recurrence-prevention actions.
import { PlusOutlined } from '@ant-design/icons';
import { Alert, App, Button, Card, Checkbox, Flex, Form, Input, InputNumber, Modal, Space, Table, Timeline, Typography } from 'antd';
import { useState } from 'react';
import { Link } from 'react-router';
import { EVENT_TYPES, IMPACT_STATUSES, type EventType } from '../../../shared/incidents.ts';
import { actionBody, eventBody, impactBody } from '../../../shared/schemas/incidents.ts';
import { useMe } from '../../api/session.ts';
import { EmptyState } from '../../components/EmptyState.tsx';
import { SelectField } from '../../components/SelectField.tsx';
import { StatusTag, type Tone } from '../../components/StatusTag.tsx';
import { compareText, formatCount, formatDateTime, formatDate } from '../../lib/format.ts';
import { useFormFeedback } from '../../lib/form-errors.ts';
import { RadioChoice } from '../sla/form-fields.tsx';
import { incidentApi, useIncidentMutation, type IncidentDetail, type IncidentEvent, type Participant, type PreventionAction } from './incidents-api.ts';
import { ViaTag } from '../parties/ViaTag.tsx';
import { ActionStatusTag, ImpactTag, japanLocalNow, japanLocalToIso, sectionTitle } from './incidents-format.tsx';
import { japanToday } from '../../../domain/japan-time.ts';
import { useIncidentText } from './incidents-text.ts';
import { DateField } from '../../components/DateField.tsx';
import { useLabels } from '../../lib/labels.ts';

export const EVENT_TONE: Record<EventType, Tone> = {
  occurred: 'error',
  detected: 'warning',
  vendor_first_report: 'info',
  municipality_aware: 'info',
  resident_impact_start: 'error',
  provisional_recovery: 'warning',
  full_recovery: 'success',
  cause_report: 'info',
  prevention_report: 'info',
  publication: 'neutral',
  update: 'neutral',
};

/** Events in time order; at the same instant, in the usual order of the typed moments. */
export function sortEvents(events: IncidentEvent[]): IncidentEvent[] {
  return [...events].sort((a, b) => a.at.localeCompare(b.at) || EVENT_TYPES.indexOf(a.type) - EVENT_TYPES.indexOf(b.type));
}

export function TimelinePanel({ incident: d, onRecord }: { incident: IncidentDetail; onRecord: () => void }) {
  const { text: t, fill, vocab } = useIncidentText();
  const { localName } = useLabels();
  const events = sortEvents(d.events);
  return (
    <Card
      title={sectionTitle(t.timeline.title)}
      extra={d.can_post_event && <Button icon={<PlusOutlined aria-hidden />} onClick={onRecord}>{t.detail.recordEvent}</Button>}
    >
      <Typography.Paragraph>{t.timeline.lead}</Typography.Paragraph>
      {events.length === 0 ? (
        <EmptyState title={t.timeline.empty} />
      ) : (
        <Timeline
          data-testid="incident-timeline"
          items={events.map((e) => ({
            key: e.id,
            children: (
              <div data-testid="timeline-event">
                <Flex gap={8} wrap align="center">
                  <Typography.Text strong>{formatDateTime(e.at)}</Typography.Text>
                  <StatusTag tone={EVENT_TONE[e.type]}>{vocab.event(e.type)}</StatusTag>
                  {e.shared ? <StatusTag tone="info">{t.timeline.shared}</StatusTag> : <StatusTag tone="neutral">{t.timeline.private}</StatusTag>}
                  {e.mine && <Typography.Text type="secondary">{t.timeline.mine}</Typography.Text>}
                </Flex>
                <Typography.Text type="secondary" style={{ display: 'block', fontSize: 13 }}>
                  {fill(t.timeline.by, { name: localName(e.organisation_name, e.organisation_name_en) })}
                  {e.source ? ` ・ ${t.timeline.source}: ${e.source}` : ''}
                </Typography.Text>
                {e.note && <Typography.Paragraph style={{ whiteSpace: 'pre-wrap', margin: '4px 0 0' }}>{e.note}</Typography.Paragraph>}
              </div>
            ),
          }))}
        />
      )}
    </Card>
  );
}

/** 経過を記録: a typed moment with its Japan time, source and note; a municipality chooses whether to share it. */
export function EventModal({ incident: d, onClose }: { incident: IncidentDetail; onClose: () => void }) {
  const { text: t, vocab } = useIncidentText();
  const me = useMe();
  const vendor = me.organisation.kind === 'vendor';
  const { message } = App.useApp();
  const [form] = Form.useForm();
  const { reportError, checkValues } = useFormFeedback();
  const save = useIncidentMutation((body: unknown) => incidentApi.postEvent(d.id, body as never));
  const submit = (values: { type?: string; at?: string; source?: string; note?: string; shared?: boolean }) => {
    const body = checkValues(
      eventBody,
      { type: values.type, at: japanLocalToIso(values.at) ?? '', source: values.source?.trim() || null, note: values.note?.trim() || null, shared: vendor ? true : Boolean(values.shared) },
      form,
    );
    if (!body) return;
    save.mutate(body, {
      onSuccess: () => {
        void message.success(t.event.saved);
        onClose();
      },
      onError: (error) => reportError(error, form),
    });
  };
  return (
    <Modal open title={t.event.title} onCancel={onClose} okText={t.event.save} cancelText={t.common.cancel} onOk={() => form.submit()} okButtonProps={{ loading: save.isPending }} width={640} destroyOnHidden>
      <Form form={form} layout="vertical" onFinish={submit} initialValues={{ at: japanLocalNow(), shared: false }}>
        <Form.Item name="type" label={t.event.type} rules={[{ required: true, message: t.report.chooseRequired }]}>
          <SelectField options={EVENT_TYPES.map((v) => ({ value: v, label: vocab.event(v) }))} />
        </Form.Item>
        <Form.Item name="at" label={t.event.at} rules={[{ required: true, message: t.report.required }]}>
          <DateField withTime max={japanLocalNow()} />
        </Form.Item>
        <Form.Item name="source" label={t.event.source}>
          <Input maxLength={200} placeholder={t.event.sourcePlaceholder} />
        </Form.Item>
        <Form.Item name="note" label={t.event.note}>
          <Input.TextArea rows={4} maxLength={4000} />
        </Form.Item>
        {vendor ? (
          <Alert type="info" showIcon message={t.event.sharedVendor} />
        ) : (
          <Form.Item name="shared" valuePropName="checked">
            <Checkbox>{t.event.shared}</Checkbox>
          </Form.Item>
        )}
      </Form>
    </Modal>
  );
}

export function ParticipantsPanel({ incident: d }: { incident: IncidentDetail }) {
  const { text: t, lang, fill } = useIncidentText();
  const { localName } = useLabels();
  const me = useMe();
  const hidden = d.participant_count - d.participants.length;
  return (
    <Card title={sectionTitle(t.participants.title)}>
      <Typography.Paragraph>{t.participants.lead}</Typography.Paragraph>
      <Table
        size="small"
        rowKey="organisation_id"
        dataSource={d.participants}
        pagination={false}
        scroll={{ x: 800 }}
        locale={{ emptyText: d.participant_count ? fill(t.participants.hidden, { count: hidden }) : t.participants.empty }}
        data-testid="incident-participants"
        columns={[
          {
            title: t.participants.organisation,
            dataIndex: 'organisation_name',
            sorter: (a: Participant, b: Participant) => compareText(a.organisation_name, b.organisation_name),
            render: (v: string, r: Participant) => (
              <>
                {localName(v, r.organisation_name_en)} {r.organisation_id === me.organisation.id && <Typography.Text type="secondary">{lang === 'en' ? `(${t.participants.mine})` : `（${t.participants.mine}）`}</Typography.Text>} <ViaTag via={r} />
              </>
            ),
          },
          {
            title: t.participants.entry,
            dataIndex: 'entry_name',
            render: (v: string | null, r: Participant) => (r.entry_id && v ? <Link to={`/register/${r.entry_id}?tab=incidents`} style={{ textDecoration: 'underline' }}>{v}</Link> : '—'),
          },
          { title: t.participants.impact, dataIndex: 'impact_status', sorter: (a: Participant, b: Participant) => compareText(a.impact_status, b.impact_status), render: (v: Participant['impact_status']) => <ImpactTag value={v} /> },
          {
            title: t.participants.residents,
            dataIndex: 'residents_affected',
            align: 'right' as const,
            sorter: (a: Participant, b: Participant) => (a.residents_affected ?? -1) - (b.residents_affected ?? -1),
            render: (v: number | null) => (v === null ? '—' : fill(t.common.people, { count: formatCount(v, lang) })),
          },
          { title: t.participants.shared, dataIndex: 'share_impact', render: (v: boolean) => (v ? t.participants.sharedYes : t.participants.sharedNo) },
          {
            title: t.participants.handling,
            dataIndex: 'closed_at',
            sorter: (a: Participant, b: Participant) => compareText(a.closed_at, b.closed_at),
            render: (v: string | null) => (v ? <StatusTag tone="success">{fill(t.participants.handlingClosed, { at: formatDateTime(v) })}</StatusTag> : <StatusTag tone="warning">{t.participants.handlingOpen}</StatusTag>),
          },
        ]}
      />
      {hidden > 0 && d.participants.length > 0 && <Typography.Paragraph type="secondary" style={{ marginTop: 8, marginBottom: 0 }}>{fill(t.participants.hidden, { count: hidden })}</Typography.Paragraph>}
    </Card>
  );
}

/** The caller's own impact: status, residents affected, private notes and whether to share. */
export function ImpactPanel({ incident: d }: { incident: IncidentDetail }) {
  const { text: t, vocab } = useIncidentText();
  const { message } = App.useApp();
  const [form] = Form.useForm();
  const { reportError, checkValues } = useFormFeedback();
  const save = useIncidentMutation((body: unknown) => incidentApi.recordImpact(d.id, body as never));
  const mine = d.my_participation!;
  const editable = d.can_edit_impact;
  const submit = (values: { impact_status?: string; residents_affected?: number | null; impact_notes?: string; share_impact?: boolean }) => {
    const body = checkValues(
      impactBody,
      { impact_status: values.impact_status, residents_affected: values.residents_affected ?? null, impact_notes: values.impact_notes?.trim() || null, share_impact: Boolean(values.share_impact) },
      form,
    );
    if (!body) return;
    save.mutate(body, { onSuccess: () => void message.success(t.impact.saved), onError: (error) => reportError(error, form) });
  };
  return (
    <Card title={sectionTitle(t.impact.title)} data-testid="my-impact">
      <Typography.Paragraph>{t.impact.lead}</Typography.Paragraph>
      {mine.entry_id && mine.entry_name && (
        <Typography.Paragraph>
          {t.impact.entry}: <Link to={`/register/${mine.entry_id}?tab=incidents`} style={{ textDecoration: 'underline' }}>{mine.entry_name}</Link>
        </Typography.Paragraph>
      )}
      {!editable && <Alert type="info" showIcon message={t.impact.readOnly} style={{ marginBottom: 12 }} />}
      <Form
        form={form}
        layout="vertical"
        disabled={!editable}
        onFinish={submit}
        initialValues={{ impact_status: mine.impact_status, residents_affected: mine.residents_affected, impact_notes: mine.impact_notes ?? '', share_impact: mine.share_impact }}
      >
        <Form.Item name="impact_status" label={t.impact.status} rules={[{ required: true, message: t.report.chooseRequired }]}>
          <RadioChoice aria-label={t.impact.status} options={IMPACT_STATUSES.map((v) => ({ value: v, label: vocab.impact(v) }))} />
        </Form.Item>
        <Form.Item name="residents_affected" label={t.impact.residents}>
          <InputNumber min={0} max={200_000_000} precision={0} style={{ width: 200 }} />
        </Form.Item>
        <Form.Item name="impact_notes" label={t.impact.notes}>
          <Input.TextArea rows={3} maxLength={4000} />
        </Form.Item>
        <Form.Item name="share_impact" valuePropName="checked" extra={t.impact.shareHelp}>
          <Checkbox>{t.impact.share}</Checkbox>
        </Form.Item>
        {editable && <Button type="primary" htmlType="submit" loading={save.isPending}>{t.impact.save}</Button>}
      </Form>
    </Card>
  );
}

/** The caller's recurrence-prevention actions, with owners and due dates, and their progress. */
export function ActionsPanel({ incident: d, closeProblem }: { incident: IncidentDetail; closeProblem: string | null }) {
  const { text: t } = useIncidentText();
  const { message } = App.useApp();
  const { reportError } = useFormFeedback();
  const [adding, setAdding] = useState(false);
  const change = useIncidentMutation(({ actionId, status }: { actionId: string; status: PreventionAction['status'] }) => incidentApi.changeAction(d.id, actionId, { status }));
  const editable = d.can_post_event;
  const today = japanToday(new Date());
  const setStatus = (action: PreventionAction, status: PreventionAction['status']) =>
    change.mutate({ actionId: action.id, status }, { onSuccess: () => void message.success(t.actions.updated), onError: (error) => reportError(error) });
  const addButton = editable && <Button icon={<PlusOutlined aria-hidden />} onClick={() => setAdding(true)}>{t.actions.add}</Button>;
  return (
    <Card title={sectionTitle(t.actions.title)} extra={d.actions.length > 0 && addButton} data-testid="prevention-actions">
      <Typography.Paragraph>{t.actions.lead}</Typography.Paragraph>
      {closeProblem && <Alert type="error" showIcon message={closeProblem} style={{ marginBottom: 12 }} />}
      {d.actions.length === 0 ? (
        <EmptyState title={t.actions.empty} hint={editable ? t.actions.emptyHint : undefined} action={addButton} />
      ) : (
        <Table
          size="small"
          rowKey="id"
          dataSource={d.actions}
          pagination={false}
          scroll={{ x: 760 }}
          columns={[
            { title: t.actions.titleCol, dataIndex: 'title', sorter: (a: PreventionAction, b: PreventionAction) => compareText(a.title, b.title) },
            { title: t.actions.owner, dataIndex: 'owner', sorter: (a: PreventionAction, b: PreventionAction) => compareText(a.owner, b.owner) },
            {
              title: t.actions.due,
              dataIndex: 'due_on',
              defaultSortOrder: 'ascend' as const,
              sorter: (a: PreventionAction, b: PreventionAction) => compareText(a.due_on, b.due_on),
              render: (v: string, r: PreventionAction) => (
                <Flex gap={4} wrap align="center">
                  {formatDate(v)}
                  {r.status !== 'done' && v < today && <StatusTag tone="error">{t.actions.overdue}</StatusTag>}
                </Flex>
              ),
            },
            { title: t.actions.status, dataIndex: 'status', sorter: (a: PreventionAction, b: PreventionAction) => compareText(a.status, b.status), render: (v: PreventionAction['status']) => <ActionStatusTag value={v} /> },
            { title: t.actions.done, dataIndex: 'done_on', render: (v: string | null) => formatDate(v) },
            ...(editable
              ? [
                  {
                    title: t.services.actions,
                    key: 'ops',
                    render: (_: unknown, r: PreventionAction) => (
                      <Space wrap>
                        {r.status === 'open' && (
                          <Button size="small" aria-label={`${t.actions.markInProgress}: ${r.title}`} onClick={() => setStatus(r, 'in_progress')} disabled={change.isPending}>
                            {t.actions.markInProgress}
                          </Button>
                        )}
                        {r.status !== 'done' && (
                          <Button size="small" aria-label={`${t.actions.markDone}: ${r.title}`} onClick={() => setStatus(r, 'done')} disabled={change.isPending}>
                            {t.actions.markDone}
                          </Button>
                        )}
                        {r.status === 'done' && (
                          <Button size="small" aria-label={`${t.actions.reopen}: ${r.title}`} onClick={() => setStatus(r, 'open')} disabled={change.isPending}>
                            {t.actions.reopen}
                          </Button>
                        )}
                      </Space>
                    ),
                  },
                ]
              : []),
          ]}
        />
      )}
      {adding && <ActionModal incident={d} onClose={() => setAdding(false)} />}
    </Card>
  );
}

function ActionModal({ incident: d, onClose }: { incident: IncidentDetail; onClose: () => void }) {
  const { text: t } = useIncidentText();
  const { message } = App.useApp();
  const [form] = Form.useForm();
  const { reportError, checkValues } = useFormFeedback();
  const save = useIncidentMutation((body: unknown) => incidentApi.addAction(d.id, body as never));
  const submit = (values: { title?: string; owner?: string; due_on?: string }) => {
    const body = checkValues(actionBody, { title: values.title?.trim() ?? '', owner: values.owner?.trim() ?? '', due_on: values.due_on ?? '' }, form);
    if (!body) return;
    save.mutate(body, {
      onSuccess: () => {
        void message.success(t.actions.saved);
        onClose();
      },
      onError: (error) => reportError(error, form),
    });
  };
  return (
    <Modal open title={t.actions.formTitle} onCancel={onClose} okText={t.actions.save} cancelText={t.common.cancel} onOk={() => form.submit()} okButtonProps={{ loading: save.isPending }} width={600} destroyOnHidden>
      <Form form={form} layout="vertical" onFinish={submit}>
        <Form.Item name="title" label={t.actions.titleCol} rules={[{ required: true, whitespace: true, message: t.report.required }]}>
          <Input.TextArea rows={2} maxLength={300} placeholder={t.actions.titlePlaceholder} />
        </Form.Item>
        <Form.Item name="owner" label={t.actions.owner} rules={[{ required: true, whitespace: true, message: t.report.required }]}>
          <Input maxLength={100} placeholder={t.actions.ownerPlaceholder} />
        </Form.Item>
        <Form.Item name="due_on" label={t.actions.due} rules={[{ required: true, message: t.report.required }]}>
          <DateField />
        </Form.Item>
      </Form>
    </Modal>
  );
}
