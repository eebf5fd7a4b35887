import { CheckOutlined, EditOutlined, MailOutlined, PhoneOutlined, PlusOutlined } from '@ant-design/icons';
import { Alert, App, Button, Card, Col, Descriptions, Flex, Form, Input, List, Modal, Popconfirm, Row, Space, Spin, Tag, Typography } from 'antd';
import { useState, type ReactNode } from 'react';
import { CONTACT_PHASES, type ContactPhase } from '../../../shared/incidents.ts';
import { drillBody } from '../../../shared/schemas/contacts.ts';
import { EmptyState } from '../../components/EmptyState.tsx';
import { LoadFailed } from '../../components/Problems.tsx';
import { StatusTag } from '../../components/StatusTag.tsx';
import { REVERIFY_TONE } from './reverify-tone.ts';
import { formatDateTime, formatDate } from '../../lib/format.ts';
import { useFormFeedback } from '../../lib/form-errors.ts';
import { japanToday } from '../../../domain/japan-time.ts';
import { recordDrill, useContacts, useContactsMutation, verifyContacts, type Contact, type ContactsView, type Drill } from './contacts-api.ts';
import { ContactsDrawer } from './ContactsDrawer.tsx';
import { useContactsText } from './contacts-text.ts';
import { DateField } from '../../components/DateField.tsx';


/** Text for screen readers only. */
const Hidden = ({ children }: { children: ReactNode }) => <span style={{ position: 'absolute', width: 1, height: 1, overflow: 'hidden', clip: 'rect(0 0 0 0)', whiteSpace: 'nowrap' }}>{children}</span>;

const pre = (v: string | null) => <span style={{ whiteSpace: 'pre-wrap' }}>{v || '—'}</span>;

/** 30分 / 1時間30分 / 24時間 (30 min / 1 h 30 min / 24 h). */
function minutesText(minutes: number, lang: 'ja' | 'en'): string {
  const h = Math.floor(minutes / 60);
  const m = minutes % 60;
  if (lang === 'en') return [h ? `${h} h` : '', m ? `${m} min` : ''].filter(Boolean).join(' ');
  return `${h ? `${h}時間` : ''}${m ? `${m}分` : ''}`;
}

/** A dialable tel: link from a phone number as written (03-1234-5678 → tel:0312345678). */
const telHref = (phone: string) => `tel:${phone.replace(/[^0-9+]/g, '')}`;

/** The 連絡体制 tab of a register entry: the three phases side by side, verification, and drills. */
export function ContactsTab({ entryId }: { entryId: string }) {
  const { text: t } = useContactsText();
  const view = useContacts(entryId);
  const [editing, setEditing] = useState(false);
  if (view.isError) return <LoadFailed error={view.error} onRetry={() => void view.refetch()} />;
  if (!view.data) return <Spin />;
  const data = view.data;
  // The drawer keeps one place in the tree, so saving the first structure (which swaps the empty
  // state for the panels) does not mount a second drawer while the first one closes.
  const drawer = editing && <ContactsDrawer entryId={entryId} view={data} onClose={() => setEditing(false)} />;
  return (
    <>
      <Flex vertical gap={16}>
        {data.settings ? (
          <>
            <SummaryCard entryId={entryId} view={data} onEdit={() => setEditing(true)} />
            <Row gutter={[16, 16]}>
              {CONTACT_PHASES.map((phase) => (
                <Col key={phase} xs={24} lg={8}>
                  <PhaseCard phase={phase} canEdit={data.can_edit} contacts={data.contacts[phase]} firstReportMinutes={phase === 'incident' ? data.settings!.first_report_minutes : undefined} />
                </Col>
              ))}
            </Row>
          </>
        ) : (
          <Card>
            <EmptyState
              title={t.tab.emptyTitle}
              hint={data.can_edit ? t.tab.emptyHint : t.tab.emptyHintReadOnly}
              action={data.can_edit && <Button type="primary" icon={<PlusOutlined aria-hidden />} onClick={() => setEditing(true)}>{t.tab.register}</Button>}
            />
          </Card>
        )}
        <DrillsCard entryId={entryId} drills={data.drills} canEdit={data.can_edit} />
      </Flex>
      {drawer}
    </>
  );
}

function SummaryCard({ entryId, view, onEdit }: { entryId: string; view: ContactsView; onEdit: () => void }) {
  const { text: t, lang, fill } = useContactsText();
  const { message } = App.useApp();
  const { reportError } = useFormFeedback();
  const verify = useContactsMutation(() => verifyContacts(entryId));
  const settings = view.settings!;
  const status = view.reverify!;
  const actions = view.can_edit && (
    <Space wrap>
      <Popconfirm
        title={t.tab.verify}
        description={<div style={{ maxWidth: 320 }}>{t.tab.verifyConfirm}</div>}
        okText={t.tab.verifyOk}
        cancelText={t.tab.cancel}
        onConfirm={() => verify.mutate(undefined, { onSuccess: () => void message.success(t.tab.verified), onError: (error) => reportError(error) })}
      >
        <Button type="primary" icon={<CheckOutlined aria-hidden />} disabled={verify.isPending}>{t.tab.verify}</Button>
      </Popconfirm>
      <Button icon={<EditOutlined aria-hidden />} onClick={onEdit}>{t.tab.edit}</Button>
    </Space>
  );
  const alert =
    status.state === 'overdue' ? { type: 'error' as const, text: fill(t.tab.overdueAlert, { date: formatDate(status.next_due) }) }
    : status.state === 'due_soon' ? { type: 'warning' as const, text: fill(t.tab.dueSoonAlert, { date: formatDate(status.next_due) }) }
    : status.state === 'never' ? { type: 'warning' as const, text: t.tab.neverAlert }
    : null;
  return (
    <Card title={<h2 style={{ fontSize: 16, margin: 0 }}>{t.tab.summaryTitle}</h2>} extra={actions}>
      {alert && <Alert style={{ marginBottom: 12 }} type={alert.type} showIcon message={alert.text} />}
      <Descriptions bordered size="small" layout="vertical" column={{ xs: 1, sm: 2, md: 2, lg: 4, xl: 4, xxl: 4 }} data-testid="contacts-summary">
        <Descriptions.Item label={t.tab.firstReport}>
          {settings.first_report_minutes ? <Typography.Text strong>{fill(t.tab.firstReportWithin, { time: minutesText(settings.first_report_minutes, lang) })}</Typography.Text> : t.tab.firstReportNone}
        </Descriptions.Item>
        <Descriptions.Item label={t.tab.nextDue}>
          <Space size={4} wrap>
            {status.next_due ? formatDate(status.next_due) : '—'}
            <StatusTag tone={REVERIFY_TONE[status.state]}>{t.states[status.state]}</StatusTag>
          </Space>
        </Descriptions.Item>
        <Descriptions.Item label={t.tab.lastVerified}>{settings.last_verified_on ? formatDate(settings.last_verified_on) : t.tab.neverVerified}</Descriptions.Item>
        <Descriptions.Item label={t.tab.interval}>{fill(t.tab.everyMonths, { months: settings.reverify_interval_months })}</Descriptions.Item>
        {settings.notes && <Descriptions.Item label={t.tab.notes} span="filled">{pre(settings.notes)}</Descriptions.Item>}
      </Descriptions>
      <Typography.Text type="secondary" style={{ fontSize: 12, display: 'block', marginTop: 8 }}>
        {fill(t.tab.updated, { at: formatDateTime(settings.updated_at), by: settings.updated_by_label })}
      </Typography.Text>
    </Card>
  );
}

/** Icon and text stay together; a long address wraps beside its icon. */
const LINK_STYLE = { display: 'inline-flex', gap: 6, alignItems: 'baseline', maxWidth: '100%' } as const;

const SIDE_STYLE = {
  vendor: { color: '#003eb3', background: '#e6f4ff', borderColor: '#91caff' },
  municipal: { color: '#3a3a3a', background: '#f5f5f5', borderColor: '#d9d9d9' },
};

function PhaseCard({ phase, canEdit, contacts, firstReportMinutes }: { phase: ContactPhase; canEdit: boolean; contacts: Contact[]; firstReportMinutes?: number | null }) {
  const { text: t, lang, fill, phase: phaseLabel } = useContactsText();
  const headingId = `contacts-${phase}-heading`;
  return (
    <Card
      size="small"
      style={{ height: '100%', borderColor: phase === 'incident' ? '#ffa39e' : undefined }}
      title={<h2 id={headingId} style={{ fontSize: 16, margin: 0 }}>{phaseLabel(phase)}</h2>}
      extra={<Typography.Text type="secondary">{fill(t.tab.phaseCount, { n: contacts.length })}</Typography.Text>}
      data-testid={`contacts-phase-${phase}`}
    >
      {firstReportMinutes ? (
        <Alert style={{ marginBottom: 12 }} type="info" showIcon message={`${t.tab.firstReport}: ${fill(t.tab.firstReportWithin, { time: minutesText(firstReportMinutes, lang) })}`} />
      ) : null}
      {contacts.length === 0 ? (
        <EmptyState title={t.tab.phaseEmpty} hint={canEdit ? t.tab.phaseEmptyHint : undefined} />
      ) : (
        <ol aria-labelledby={headingId} style={{ listStyle: 'none', padding: 0, margin: 0 }}>
          {contacts.map((c) => (
            <ContactItem key={c.id} contact={c} />
          ))}
        </ol>
      )}
    </Card>
  );
}

function ContactItem({ contact: c }: { contact: Contact }) {
  const { text: t, fill, side } = useContactsText();
  return (
    <li style={{ display: 'flex', gap: 12, padding: '8px 0', borderBottom: '1px solid #f0f0f0' }}>
      <span
        aria-hidden
        style={{ flex: '0 0 28px', height: 28, borderRadius: 14, background: '#1f1f1f', color: '#fff', display: 'flex', alignItems: 'center', justifyContent: 'center', fontWeight: 600 }}
      >
        {c.escalation_order}
      </span>
      <div style={{ minWidth: 0 }}>
        <div>
          <Hidden>{fill(t.tab.order, { n: c.escalation_order })} </Hidden>
          <Typography.Text strong>{c.name}</Typography.Text> <Tag style={SIDE_STYLE[c.side as 'vendor' | 'municipal']}>{side(c.side as 'vendor' | 'municipal')}</Tag>
        </div>
        {c.role_title && <Typography.Text type="secondary" style={{ display: 'block' }}>{c.role_title}</Typography.Text>}
        {c.phone && (
          <div>
            <a href={telHref(c.phone)} title={fill(t.tab.call, { name: c.name, phone: c.phone })} style={LINK_STYLE}>
              <PhoneOutlined aria-hidden />
              <span><Hidden>{t.tab.phone} </Hidden>{c.phone}</span>
            </a>
          </div>
        )}
        {c.email && (
          <div>
            <a href={`mailto:${c.email}`} title={fill(t.tab.mail, { name: c.name, email: c.email })} style={LINK_STYLE}>
              <MailOutlined aria-hidden />
              <span style={{ overflowWrap: 'anywhere' }}><Hidden>{t.tab.email} </Hidden>{c.email}</span>
            </a>
          </div>
        )}
        {c.notes && <Typography.Paragraph style={{ margin: '4px 0 0', fontSize: 13, whiteSpace: 'pre-wrap' }}>{c.notes}</Typography.Paragraph>}
      </div>
    </li>
  );
}

function DrillsCard({ entryId, drills, canEdit }: { entryId: string; drills: Drill[]; canEdit: boolean }) {
  const { text: t } = useContactsText();
  const [recording, setRecording] = useState(false);
  const recordButton = canEdit && <Button icon={<PlusOutlined aria-hidden />} onClick={() => setRecording(true)}>{t.drills.record}</Button>;
  return (
    <Card title={<h2 style={{ fontSize: 16, margin: 0 }}>{t.drills.title}</h2>} extra={recordButton}>
      <Typography.Paragraph>{t.drills.lead}</Typography.Paragraph>
      {drills.length === 0 ? (
        <EmptyState title={t.drills.empty} hint={t.drills.emptyHint} />
      ) : (
        <List
          itemLayout="vertical"
          dataSource={drills}
          pagination={drills.length > 5 ? { pageSize: 5 } : false}
          data-testid="contacts-drills"
          renderItem={(d) => (
            <List.Item key={d.id}>
              <Typography.Title level={3} style={{ fontSize: 15, marginTop: 0 }}>{formatDate(d.held_on)}{d.participants ? ` — ${d.participants}` : ''}</Typography.Title>
              <Descriptions size="small" column={1} styles={{ label: { width: 180 } }}>
                <Descriptions.Item label={t.drills.scenario}>{pre(d.scenario)}</Descriptions.Item>
                <Descriptions.Item label={t.drills.findings}>{pre(d.findings)}</Descriptions.Item>
              </Descriptions>
              <Typography.Text type="secondary" style={{ fontSize: 12 }}>{t.drills.by}: {d.created_by_label} ・ {formatDateTime(d.created_at)}</Typography.Text>
            </List.Item>
          )}
        />
      )}
      {recording && <DrillModal entryId={entryId} onClose={() => setRecording(false)} />}
    </Card>
  );
}

function DrillModal({ entryId, onClose }: { entryId: string; onClose: () => void }) {
  const { text: t } = useContactsText();
  const [form] = Form.useForm();
  const { message } = App.useApp();
  const { reportError, checkValues } = useFormFeedback();
  const save = useContactsMutation((body: unknown) => recordDrill(entryId, body));
  const submit = (values: Record<string, string | undefined>) => {
    const raw = Object.fromEntries(Object.entries(values).map(([k, v]) => [k, typeof v === 'string' ? v.trim() || null : (v ?? null)]));
    const body = checkValues(drillBody, raw, form);
    if (!body) return;
    save.mutate(body, {
      onSuccess: () => {
        void message.success(t.drills.saved);
        onClose();
      },
      onError: (error) => reportError(error, form),
    });
  };
  return (
    <Modal open title={t.drills.formTitle} onCancel={onClose} okText={t.drills.save} cancelText={t.drills.cancel} onOk={() => form.submit()} okButtonProps={{ disabled: save.isPending }} width={640} destroyOnHidden>
      <Form form={form} layout="vertical" initialValues={{ held_on: japanToday(new Date()) }} onFinish={submit}>
        <Form.Item name="held_on" label={t.drills.heldOn} rules={[{ required: true }]}><DateField max={japanToday(new Date())} /></Form.Item>
        <Form.Item name="scenario" label={t.drills.scenario} rules={[{ required: true }]}><Input.TextArea rows={3} maxLength={2000} /></Form.Item>
        <Form.Item name="participants" label={t.drills.participants}><Input maxLength={500} /></Form.Item>
        <Form.Item name="findings" label={t.drills.findings}><Input.TextArea rows={3} maxLength={4000} /></Form.Item>
      </Form>
    </Modal>
  );
}
