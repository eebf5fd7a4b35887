import { ArrowDownOutlined, ArrowUpOutlined, DeleteOutlined, PlusOutlined } from '@ant-design/icons';
import { App, Button, Divider, Drawer, Flex, Form, Input, InputNumber, Space, Typography, type FormInstance } from 'antd';
import { useQueryClient } from '@tanstack/react-query';
import { CONTACT_PHASES, CONTACT_SIDES, type ContactPhase } from '../../../shared/incidents.ts';
import { checkContacts, contactsBody, DEFAULT_REVERIFY_MONTHS } from '../../../shared/schemas/contacts.ts';
import { englishOf } from '../../../shared/messages.ts';
import { ApiError } from '../../api/client.ts';
import { SelectField } from '../../components/SelectField.tsx';
import { useFormFeedback } from '../../lib/form-errors.ts';
import { saveContacts, useContactsMutation, type Contact, type ContactsView } from './contacts-api.ts';
import { useContactsText } from './contacts-text.ts';
import { useMatrix } from '../parties/matrix-api.ts';

type Row = { side?: 'vendor' | 'municipal'; party_id?: string | null; name?: string; role_title?: string | null; phone?: string | null; email?: string | null; notes?: string | null };
type Values = { first_report_minutes?: number | null; reverify_interval_months?: number | null; notes?: string | null } & Partial<Record<ContactPhase, Row[]>>;
type Issue = { field: string; reason: string; reason_en?: string };

const blank = (v: string | null | undefined): string | null => (typeof v === 'string' ? v.trim() || null : null);

function initialValues(view: ContactsView): Values {
  const row = (c: Contact): Row => ({ side: c.side, party_id: c.party_id, name: c.name, role_title: c.role_title, phone: c.phone, email: c.email, notes: c.notes });
  return {
    first_report_minutes: view.settings?.first_report_minutes ?? null,
    reverify_interval_months: view.settings?.reverify_interval_months ?? DEFAULT_REVERIFY_MONTHS,
    notes: view.settings?.notes ?? null,
    normal: view.contacts.normal.map(row),
    incident: view.contacts.incident.map(row),
    after: view.contacts.after.map(row),
  };
}

/**
 * The body the API takes: every phase's rows in one list, each with its escalation order from its
 * place in the phase; `where` maps a position in that list back to the row of the form.
 */
function bodyOf(values: Values) {
  const where: [ContactPhase, number][] = [];
  const contacts = CONTACT_PHASES.flatMap((phase) =>
    (values[phase] ?? []).map((row, i) => {
      where.push([phase, i]);
      const side = row?.side ?? 'vendor';
      return { phase, side, party_id: side === 'vendor' ? (row?.party_id ?? null) : null, escalation_order: i + 1, name: (row?.name ?? '').trim(), role_title: blank(row?.role_title), phone: blank(row?.phone), email: blank(row?.email), notes: blank(row?.notes) };
    }),
  );
  const body = { first_report_minutes: values.first_report_minutes ?? null, reverify_interval_months: values.reverify_interval_months ?? DEFAULT_REVERIFY_MONTHS, notes: blank(values.notes), contacts };
  return { body, where };
}

/** Shows each issue beside its field (contacts.N.phone → the phone of that row); the rest as a message. */
function useShowIssues() {
  const { message } = App.useApp();
  return (form: FormInstance, issues: Issue[], where: [ContactPhase, number][], lang: 'ja' | 'en', fallback?: string) => {
    const fields = new Map<string, { name: (string | number)[]; errors: string[] }>();
    const rest: string[] = [];
    for (const issue of issues) {
      const reason = lang === 'en' ? (issue.reason_en ?? englishOf(issue.reason) ?? issue.reason) : issue.reason;
      const parts = issue.field.split('.');
      let name: (string | number)[] | null = null;
      if (parts[0] === 'contacts' && parts.length >= 3 && where[Number(parts[1])]) {
        const [phase, i] = where[Number(parts[1])];
        if (['side', 'party_id', 'name', 'role_title', 'phone', 'email', 'notes'].includes(parts[2])) name = [phase, i, parts[2]];
      } else if (['first_report_minutes', 'reverify_interval_months', 'notes'].includes(parts[0]) && parts.length === 1) {
        name = [parts[0]];
      }
      if (!name) {
        rest.push(reason);
        continue;
      }
      const key = name.join('.');
      const entry = fields.get(key) ?? { name, errors: [] };
      entry.errors.push(reason);
      fields.set(key, entry);
    }
    form.setFields([...fields.values()]);
    if (rest.length || (!fields.size && fallback)) void message.error([fallback, ...rest].filter(Boolean).join(': '));
  };
}

/** Records or edits the whole contact structure: first report, re-verification, and the contacts of each phase in order. */
export function ContactsDrawer({ entryId, view, onClose }: { entryId: string; view: ContactsView; onClose: () => void }) {
  const { text: t, lang, fill, phase: phaseLabel, side: sideLabel } = useContactsText();
  const [form] = Form.useForm<Values>();
  const { message } = App.useApp();
  const { reportError } = useFormFeedback();
  const showIssues = useShowIssues();
  const client = useQueryClient();
  const save = useContactsMutation((body: unknown) => saveContacts(entryId, body));
  // The parties of the entry (責任分界): a vendor-side contact may say whose contact it is.
  const parties = useMatrix(entryId).data?.parties ?? [];

  const submit = (values: Values) => {
    const { body, where } = bodyOf(values);
    const parsed = contactsBody.safeParse(body);
    // Every problem at once: the schema's, and the rules across fields the server applies after it.
    const issues: Issue[] = [
      ...(parsed.success ? [] : parsed.error.issues.map((issue) => ({ field: issue.path.map(String).join('.') || 'body', reason: issue.message, reason_en: englishOf(issue.message, issue as unknown as { code: string }) }))),
      ...checkContacts(body.contacts),
    ];
    if (!parsed.success || issues.length) {
      showIssues(form, issues, where, lang);
      return;
    }
    save.mutate(parsed.data, {
      onSuccess: (next) => {
        client.setQueryData(['contacts', 'entry', entryId], next);
        // Whether the first-triage party can be reached depends on the contacts.
        void client.invalidateQueries({ queryKey: ['responsibilities', entryId] });
        void message.success(t.form.saved);
        onClose();
      },
      onError: (error) => {
        if (error instanceof ApiError && error.details.length) showIssues(form, error.details, where, lang, error.localized(lang));
        else reportError(error, form);
      },
    });
  };

  return (
    <Drawer
      open
      width={760}
      title={view.settings ? t.form.editTitle : t.form.createTitle}
      onClose={onClose}
      destroyOnHidden
      extra={
        <Space>
          <Button onClick={onClose}>{t.form.cancel}</Button>
          <Button type="primary" disabled={save.isPending} onClick={() => form.submit()}>{t.form.save}</Button>
        </Space>
      }
    >
      <Form form={form} layout="vertical" initialValues={initialValues(view)} onFinish={submit} scrollToFirstError>
        <Divider orientation="left">{t.form.basics}</Divider>
        <Flex gap={16} wrap>
          <Form.Item name="first_report_minutes" label={t.form.firstReport} extra={t.form.firstReportHint} style={{ maxWidth: 340 }}>
            <InputNumber min={1} max={10_080} precision={0} addonAfter={t.form.minutes} style={{ width: 160 }} />
          </Form.Item>
          <Form.Item name="reverify_interval_months" label={t.form.interval} extra={t.form.intervalHint} style={{ maxWidth: 340 }}>
            <InputNumber min={1} max={12} precision={0} style={{ width: 120 }} />
          </Form.Item>
        </Flex>
        <Form.Item name="notes" label={t.form.notes} extra={t.form.notesHint}><Input.TextArea rows={2} maxLength={2000} /></Form.Item>

        {CONTACT_PHASES.map((phase) => (
          <section key={phase} aria-labelledby={`contacts-phase-${phase}`}>
            <Divider orientation="left"><span id={`contacts-phase-${phase}`}>{phaseLabel(phase)}</span></Divider>
            <Typography.Paragraph type="secondary">{t.form.phaseLead[phase]}（{t.form.reachHint}）</Typography.Paragraph>
            <Form.List name={phase}>
              {(fields, { add, remove, move }) => (
                <>
                  {fields.length === 0 && <Typography.Paragraph>{t.form.none}</Typography.Paragraph>}
                  {fields.map((field, index) => {
                    const n = index + 1;
                    return (
                      <div key={field.key} role="group" aria-label={`${phaseLabel(phase)} ${fill(t.form.row, { n })}`} style={{ border: '1px solid #d9d9d9', borderRadius: 8, padding: '8px 12px', marginBottom: 12 }}>
                        <Flex justify="space-between" align="center" style={{ marginBottom: 8 }}>
                          <Typography.Text strong>{fill(t.form.row, { n })}</Typography.Text>
                          <Space size={4}>
                            <Button size="small" aria-label={fill(t.form.up, { n })} icon={<ArrowUpOutlined aria-hidden />} disabled={index === 0} onClick={() => move(index, index - 1)} />
                            <Button size="small" aria-label={fill(t.form.down, { n })} icon={<ArrowDownOutlined aria-hidden />} disabled={index === fields.length - 1} onClick={() => move(index, index + 1)} />
                            <Button size="small" danger aria-label={fill(t.form.remove, { n })} icon={<DeleteOutlined aria-hidden />} onClick={() => remove(field.name)} />
                          </Space>
                        </Flex>
                        <Flex gap={12} wrap>
                          <Form.Item name={[field.name, 'side']} label={t.form.side} style={{ width: 140 }}>
                            <SelectField options={CONTACT_SIDES.map((s) => ({ value: s, label: sideLabel(s) }))} />
                          </Form.Item>
                          <Form.Item name={[field.name, 'name']} label={t.form.name} rules={[{ required: true, message: lang === 'en' ? 'Enter a name' : '入力してください' }]} style={{ flex: '1 1 240px' }}>
                            <Input maxLength={100} />
                          </Form.Item>
                          <Form.Item name={[field.name, 'role_title']} label={t.form.roleTitle} style={{ flex: '1 1 240px' }}>
                            <Input maxLength={100} />
                          </Form.Item>
                        </Flex>
                        <Flex gap={12} wrap>
                          <Form.Item name={[field.name, 'phone']} label={t.form.phone} extra={t.form.phoneHint} style={{ flex: '1 1 220px' }}>
                            <Input type="tel" maxLength={40} autoComplete="off" />
                          </Form.Item>
                          <Form.Item name={[field.name, 'email']} label={t.form.email} style={{ flex: '1 1 260px' }}>
                            <Input type="email" maxLength={254} autoComplete="off" />
                          </Form.Item>
                        </Flex>
                        {parties.length > 0 && (
                          <Form.Item noStyle shouldUpdate={(a: Values, b: Values) => a[phase]?.[field.name]?.side !== b[phase]?.[field.name]?.side}>
                            {({ getFieldValue }) =>
                              getFieldValue([phase, field.name, 'side']) === 'vendor' ? (
                                <Form.Item name={[field.name, 'party_id']} label={t.form.party} extra={t.form.partyHint} style={{ maxWidth: 420 }}>
                                  <SelectField allowClear placeholder={t.form.partyNone} options={parties.map((p) => ({ value: p.id, label: p.name }))} />
                                </Form.Item>
                              ) : null
                            }
                          </Form.Item>
                        )}
                        <Form.Item name={[field.name, 'notes']} label={t.form.contactNotes} style={{ marginBottom: 4 }}>
                          <Input maxLength={500} />
                        </Form.Item>
                      </div>
                    );
                  })}
                  <Button icon={<PlusOutlined aria-hidden />} style={{ marginBottom: 16 }} onClick={() => add({ side: phase === 'after' || fields.length === 0 ? 'vendor' : 'municipal' })}>
                    {fill(t.form.add, { phase: phaseLabel(phase) })}
                  </Button>
                </>
              )}
            </Form.List>
          </section>
        ))}
      </Form>
    </Drawer>
  );
}
