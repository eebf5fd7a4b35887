import { App, Button, Checkbox, Divider, Drawer, Form, Input, InputNumber, Select, Space, Switch } from 'antd';
import { SelectField } from '../../components/SelectField.tsx';
import { useNavigate } from 'react-router';
import { CONTRACT_FORMS, DATA_LOCATIONS, ENTRY_STATUSES, NETWORK_ZONES, SERVICE_MODELS } from '../../../shared/register.ts';
import { entryCreateBody, entryUpdateBody } from '../../../shared/schemas/register.ts';
import { api } from '../../api/client.ts';
import { useFormFeedback } from '../../lib/form-errors.ts';
import { ClassificationFields } from './ClassificationFields.tsx';
import { useRegisterMutation, type Entry, type RegisterOptions } from './register-api.ts';
import { label } from './register-labels.ts';
import { useRegisterText } from './register-text.ts';
import { DateField } from '../../components/DateField.tsx';
import { STANDARDISED_BUSINESSES } from '../../../shared/parties.ts';
import { usePartiesText } from '../parties/parties-text.ts';

const blankToNull = (value: unknown) => (value === '' || value === undefined ? null : value);

/** Creates an entry (with its first classification) or edits an existing one's details. */
export function EntryFormDrawer({ options, entry, onClose }: { options: RegisterOptions; entry?: Entry; onClose: () => void }) {
  const { text: t, lang } = useRegisterText();
  const { text: pt, business } = usePartiesText();
  const [form] = Form.useForm();
  const { message } = App.useApp();
  const navigate = useNavigate();
  const { reportError, checkValues } = useFormFeedback();
  const dataKinds = (Form.useWatch('data_kinds', form) as string[] | undefined) ?? [];
  const residentsHeld = (Form.useWatch('residents_held', form) as number | null | undefined) ?? null;
  const save = useRegisterMutation((body: unknown) => (entry ? api.patch<Entry>(`/api/register/entries/${entry.id}`, body) : api.post<Entry>('/api/register/entries', body)));

  const initial = entry
    ? { ...entry, vendor_id: entry.vendor?.id, category_id: entry.category.id, standardised_business: entry.standardised_business ?? '' }
    : {
        status: 'in_use',
        data_location: 'domestic',
        contract_form: 'individual',
        auto_renewal: false,
        standardised_business: '',
        government_cloud: false,
        data_kinds: [],
        classification: { scheme_id: options.default_scheme_id },
      };

  const submit = (values: Record<string, unknown>) => {
    const cleaned = Object.fromEntries(Object.entries(values).map(([k, v]) => [k, k === 'classification' ? v : blankToNull(v)]));
    if (cleaned.classification) cleaned.classification = Object.fromEntries(Object.entries(cleaned.classification as object).map(([k, v]) => [k, blankToNull(v)]));
    const body = checkValues(entry ? (entryUpdateBody as never) : (entryCreateBody as never), cleaned, form);
    if (!body) return;
    save.mutate(body, {
      onSuccess: (saved) => {
        void message.success(t.entry.saved);
        onClose();
        if (!entry) void navigate(`/register/${saved.id}`);
      },
      onError: (error) => reportError(error, form),
    });
  };

  const pick = <T extends string>(values: readonly T[], fn: (v: T) => string) => values.map((v) => ({ value: v, label: fn(v) }));
  return (
    <Drawer open width={640} title={entry ? t.form.editTitle : t.form.createTitle} onClose={onClose} destroyOnHidden
      extra={<Space><Button onClick={onClose}>{t.form.cancel}</Button><Button type="primary" loading={save.isPending} onClick={() => form.submit()}>{t.form.submit}</Button></Space>}>
      <Form form={form} layout="vertical" initialValues={initial} onFinish={submit} scrollToFirstError>
        <Divider orientation="left">{t.form.basics}</Divider>
        <Form.Item name="name" label={t.field.name} rules={[{ required: true }]}><Input maxLength={200} /></Form.Item>
        <Form.Item name="external_key" label={t.field.external_key} extra={t.form.keyHint}><Input maxLength={40} /></Form.Item>
        <Form.Item name="vendor_id" label={t.field.vendor}>
          <Select allowClear showSearch optionFilterProp="label" options={options.vendors.map((v) => ({ value: v.id, label: v.name }))} />
        </Form.Item>
        <Form.Item name="category_id" label={t.field.category} rules={[{ required: true }]}>
          <SelectField options={options.categories.map((c) => ({ value: c.id, label: lang === 'en' && c.name_en ? c.name_en : c.name }))} />
        </Form.Item>
        <Form.Item name="service_model" label={t.field.service_model} rules={[{ required: true }]}><SelectField options={pick(SERVICE_MODELS, (v) => label.model(v, lang))} /></Form.Item>
        <Form.Item name="department" label={t.field.department} rules={[{ required: true }]}>
          <Input list="register-departments" maxLength={100} />
        </Form.Item>
        <datalist id="register-departments">{options.departments.map((d) => <option key={d} value={d} />)}</datalist>
        <Form.Item name="business_purpose" label={t.field.business_purpose}><Input.TextArea rows={2} maxLength={2000} /></Form.Item>
        <Form.Item name="users_description" label={t.field.users_description}><Input maxLength={500} /></Form.Item>
        <Form.Item name="network_zone" label={t.field.network_zone} rules={[{ required: true }]}><SelectField options={pick(NETWORK_ZONES, (v) => label.zone(v, lang))} /></Form.Item>
        <Form.Item name="data_location" label={t.field.data_location} rules={[{ required: true }]}><SelectField options={pick(DATA_LOCATIONS, (v) => label.location(v, lang))} /></Form.Item>
        <Form.Item name="data_region" label={t.field.data_region}><Input maxLength={200} /></Form.Item>
        <Form.Item name="status" label={t.field.status} rules={[{ required: true }]}><SelectField options={pick(ENTRY_STATUSES, (v) => label.status(v, lang))} /></Form.Item>
        <Form.Item name="standardised_business" label={pt.entry.standardisedBusiness}>
          <SelectField showSearch optionFilterProp="label" options={[{ value: '', label: pt.entry.notApplicable }, ...pick(STANDARDISED_BUSINESSES, business)]} />
        </Form.Item>
        <Form.Item name="government_cloud" label={pt.entry.governmentCloud} valuePropName="checked">
          <Switch aria-label={pt.entry.governmentCloudLabel} />
        </Form.Item>
        <Divider orientation="left">{t.form.contract}</Divider>
        <Form.Item name="contract_form" label={t.field.contract_form} rules={[{ required: true }]}><SelectField options={pick(CONTRACT_FORMS, (v) => label.contract(v, lang))} /></Form.Item>
        <Space wrap>
          <Form.Item name="contract_start" label={t.field.contract_start}><DateField /></Form.Item>
          <Form.Item name="contract_end" label={t.field.contract_end}><DateField /></Form.Item>
          <Form.Item name="notice_period_days" label={t.field.notice_period_days}><InputNumber min={0} max={3650} /></Form.Item>
        </Space>
        <Form.Item name="auto_renewal" valuePropName="checked"><Checkbox>{t.field.auto_renewal}</Checkbox></Form.Item>
        <Space wrap>
          <Form.Item name="annual_cost" label={t.field.annual_cost}><InputNumber min={0} style={{ width: 200 }} /></Form.Item>
          <Form.Item name="contract_number" label={t.field.contract_number}><Input maxLength={100} /></Form.Item>
        </Space>
        <Divider orientation="left">{t.form.data}</Divider>
        <Form.Item name="data_kinds" label={t.field.data_kinds}>
          <Select mode="multiple" allowClear optionFilterProp="label" options={options.data_kinds.map((k) => ({ value: k.code, label: `${k.name[lang]}（P${k.distress}/E${k.loss}）` }))} />
        </Form.Item>
        <Form.Item name="residents_held" label={t.field.residents_held}><InputNumber min={0} style={{ width: 200 }} /></Form.Item>
        <Form.Item name="related_services" label={t.field.related_services}><Input.TextArea rows={2} maxLength={1000} /></Form.Item>
        <Form.Item name="notes" label={t.field.notes}><Input.TextArea rows={3} maxLength={4000} /></Form.Item>
        {!entry && (
          <>
            <Divider orientation="left">{t.form.classification}</Divider>
            <ClassificationFields options={options} prefix={['classification']} dataKinds={dataKinds} residentsHeld={residentsHeld} />
          </>
        )}
      </Form>
    </Drawer>
  );
}
