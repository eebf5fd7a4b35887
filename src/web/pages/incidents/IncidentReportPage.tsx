import { ArrowLeftOutlined } from '@ant-design/icons';
import { useQuery } from '@tanstack/react-query';
import { App, Button, Card, Checkbox, Flex, Form, Input, InputNumber, Space, Spin, Typography } from 'antd';
import { useMemo, useState } from 'react';
import { Link, useNavigate, useSearchParams } from 'react-router';
import { INCIDENT_SEVERITIES, INCIDENT_TYPES, type IncidentType } from '../../../shared/incidents.ts';
import { incidentCreateBody } from '../../../shared/schemas/incidents.ts';
import { api, withQuery } from '../../api/client.ts';
import { useMe } from '../../api/session.ts';
import { EmptyState } from '../../components/EmptyState.tsx';
import { PageHeading } from '../../components/PageHeading.tsx';
import { LoadFailed } from '../../components/Problems.tsx';
import { SelectField } from '../../components/SelectField.tsx';
import { useFormFeedback } from '../../lib/form-errors.ts';
import { useEntry, useRegisterOptions, type EntryList } from '../register/register-api.ts';
import { RadioChoice } from '../sla/form-fields.tsx';
import { incidentApi, isCoordinator, mayReport, useDataKinds, useIncidentMutation, useMyVendorServices } from './incidents-api.ts';
import { japanLocalNow, japanLocalToIso } from './incidents-format.tsx';
import { useIncidentText } from './incidents-text.ts';
import { DateField } from '../../components/DateField.tsx';

/** Kinds of incident in which personal data may have leaked or been lost: the data kinds are asked for. */
const DATA_TYPES = new Set<IncidentType>(['data_leak', 'unauthorised_access', 'data_loss']);

interface ReportValues {
  vendor_service_id?: string;
  entry_id?: string;
  title?: string;
  type?: IncidentType;
  severity?: string;
  occurred_at?: string;
  detected_at?: string;
  summary?: string;
  data_kinds?: string[];
  records_affected?: number | null;
  residents_affected?: number | null;
  share_with_vendor?: boolean;
  share_with_prefecture?: boolean;
}

/** /incidents/new: a vendor reports on one of its services, a municipality on one of its register entries. */
export default function IncidentReportPage() {
  const { text: t } = useIncidentText();
  const me = useMe();
  const back = (
    <Link to="/incidents">
      <Button icon={<ArrowLeftOutlined aria-hidden />}>{t.detail.back}</Button>
    </Link>
  );
  if (isCoordinator(me)) {
    return (
      <>
        <PageHeading title={t.report.title} extra={back} />
        <EmptyState title={t.report.coordinatorTitle} hint={t.report.coordinatorHint} action={<Link to="/incidents/overview">{t.list.overview}</Link>} />
      </>
    );
  }
  if (!mayReport(me)) {
    return (
      <>
        <PageHeading title={t.report.title} extra={back} />
        <EmptyState title={t.report.notAllowedTitle} hint={t.report.notAllowedHint} action={<Link to="/incidents">{t.detail.back}</Link>} />
      </>
    );
  }
  const vendor = me.organisation.kind === 'vendor';
  return (
    <>
      <PageHeading title={t.report.title} lead={vendor ? t.report.leadVendor : t.report.leadMunicipality} extra={back} />
      {vendor ? <VendorReportForm /> : <MunicipalityReportForm />}
    </>
  );
}

function useSubmitReport(form: ReturnType<typeof Form.useForm<ReportValues>>[0]) {
  const { text: t } = useIncidentText();
  const { message } = App.useApp();
  const navigate = useNavigate();
  const { reportError, checkValues } = useFormFeedback();
  const create = useIncidentMutation(incidentApi.create);
  const submit = (values: ReportValues, extra: Record<string, unknown>) => {
    const raw = {
      ...extra,
      title: values.title?.trim() ?? '',
      type: values.type,
      severity: values.severity,
      summary: values.summary?.trim() || null,
      occurred_at: japanLocalToIso(values.occurred_at) ?? '',
      detected_at: japanLocalToIso(values.detected_at),
      data_kinds: values.type && DATA_TYPES.has(values.type) ? (values.data_kinds ?? []) : [],
      records_affected: values.records_affected ?? null,
    };
    const body = checkValues(incidentCreateBody, raw, form);
    if (!body) return;
    create.mutate(body, {
      onSuccess: (created) => {
        void message.success(t.report.created);
        void navigate(`/incidents/${created.id}`);
      },
      onError: (error) => reportError(error, form),
    });
  };
  return { submit, pending: create.isPending };
}

/** Title, type, severity, times, summary, data kinds (where data may have leaked) and records: both forms ask them. */
function CommonFields({ dataKinds }: { dataKinds?: { code: string; name: { ja: string; en: string } }[] }) {
  const { text: t, lang, vocab } = useIncidentText();
  const type = Form.useWatch<IncidentType | undefined>('type');
  const max = japanLocalNow();
  return (
    <>
      <Form.Item name="title" label={t.report.titleField} rules={[{ required: true, whitespace: true, message: t.report.required }]}>
        <Input maxLength={200} placeholder={t.report.titlePlaceholder} />
      </Form.Item>
      <Form.Item name="type" label={t.report.type} rules={[{ required: true, message: t.report.chooseRequired }]}>
        <RadioChoice aria-label={t.report.type} options={INCIDENT_TYPES.map((v) => ({ value: v, label: vocab.type(v) }))} />
      </Form.Item>
      <Form.Item name="severity" label={t.report.severity} rules={[{ required: true, message: t.report.chooseRequired }]}>
        <RadioChoice aria-label={t.report.severity} options={INCIDENT_SEVERITIES.map((v) => ({ value: v, label: vocab.severity(v) }))} />
      </Form.Item>
      <Flex gap={16} wrap>
        <Form.Item name="occurred_at" label={t.report.occurred} rules={[{ required: true, message: t.report.required }]} style={{ minWidth: 260 }}>
          <DateField withTime max={max} />
        </Form.Item>
        <Form.Item name="detected_at" label={t.report.detected} style={{ minWidth: 260 }}>
          <DateField withTime max={max} />
        </Form.Item>
      </Flex>
      <Form.Item name="summary" label={t.report.summary}>
        <Input.TextArea rows={4} maxLength={4000} placeholder={t.report.summaryPlaceholder} />
      </Form.Item>
      {type && DATA_TYPES.has(type) && dataKinds && (
        <Form.Item name="data_kinds" label={t.report.dataKinds} extra={t.report.dataKindsHint}>
          <SelectField mode="multiple" allowClear optionFilterProp="label" options={dataKinds.map((k) => ({ value: k.code, label: k.name[lang] }))} />
        </Form.Item>
      )}
      <Form.Item name="records_affected" label={t.report.records}>
        <InputNumber min={0} max={200_000_000} precision={0} style={{ width: 200 }} />
      </Form.Item>
    </>
  );
}

function Submit({ pending }: { pending: boolean }) {
  const { text: t } = useIncidentText();
  return (
    <Space>
      <Button type="primary" htmlType="submit" loading={pending}>{t.report.submit}</Button>
      <Link to="/incidents"><Button>{t.report.cancel}</Button></Link>
    </Space>
  );
}

function VendorReportForm() {
  const { text: t, fill } = useIncidentText();
  const [search] = useSearchParams();
  const [form] = Form.useForm<ReportValues>();
  const services = useMyVendorServices();
  const dataKinds = useDataKinds();
  const { submit, pending } = useSubmitReport(form);
  const chosen = Form.useWatch('vendor_service_id', form);
  if (services.isError) return <LoadFailed error={services.error} onRetry={() => void services.refetch()} />;
  if (!services.data) return <Spin />;
  if (services.data.length === 0) {
    return <EmptyState title={t.report.noServicesTitle} hint={t.report.noServicesHint} action={<Link to="/vendor/services"><Button type="primary">{t.report.toServices}</Button></Link>} />;
  }
  const preset = services.data.find((s) => s.id === search.get('service'))?.id ?? (services.data.length === 1 ? services.data[0].id : undefined);
  const service = services.data.find((s) => s.id === chosen);
  return (
    <Card style={{ maxWidth: 880 }}>
      <Form
        form={form}
        layout="vertical"
        initialValues={{ vendor_service_id: preset }}
        onFinish={(values) => submit(values, { vendor_service_id: values.vendor_service_id })}
        data-testid="incident-report-form"
      >
        <Form.Item
          name="vendor_service_id"
          label={t.report.service}
          rules={[{ required: true, message: t.report.chooseRequired }]}
          extra={service && (service.linked.length ? fill(t.report.serviceHint, { count: service.linked.length }) : t.report.serviceHintNone)}
        >
          <SelectField showSearch optionFilterProp="label" options={services.data.map((s) => ({ value: s.id, label: s.name }))} />
        </Form.Item>
        <CommonFields dataKinds={dataKinds.data} />
        <Submit pending={pending} />
      </Form>
    </Card>
  );
}

type EntryOption = { id: string; name: string; external_key: string; vendor_service: { name: string; vendor_name: string } | null };

function MunicipalityReportForm() {
  const { text: t, fill } = useIncidentText();
  const [search] = useSearchParams();
  const [form] = Form.useForm<ReportValues>();
  const options = useRegisterOptions();
  const preset = search.get('entry') ?? undefined;
  const presetEntry = useEntry(preset);
  const [q, setQ] = useState('');
  const entries = useQuery({
    queryKey: ['register', 'entries', 'incident-picker', q],
    queryFn: () => api.get<EntryList>(withQuery('/api/register/entries', { q: q.trim() || undefined, sort: 'name', order: 'asc', page_size: 50 })),
  });
  const { submit, pending } = useSubmitReport(form);
  const chosenId = Form.useWatch('entry_id', form);
  const known = useMemo(() => {
    const map = new Map<string, EntryOption>();
    if (presetEntry.data) map.set(presetEntry.data.id, presetEntry.data);
    for (const e of entries.data?.items ?? []) map.set(e.id, e);
    return map;
  }, [presetEntry.data, entries.data]);
  const chosen = chosenId ? known.get(chosenId) : undefined;
  if (preset && presetEntry.isPending) return <Spin />;
  return (
    <Card style={{ maxWidth: 880 }}>
      <Form
        form={form}
        layout="vertical"
        initialValues={{ entry_id: presetEntry.data?.id, share_with_vendor: Boolean(presetEntry.data?.vendor_service), share_with_prefecture: true }}
        onFinish={(values) =>
          submit(values, {
            entry_id: values.entry_id,
            residents_affected: values.residents_affected ?? null,
            share_with_vendor: Boolean(values.share_with_vendor && chosen?.vendor_service),
            share_with_prefecture: Boolean(values.share_with_prefecture),
          })
        }
        data-testid="incident-report-form"
      >
        <Form.Item
          name="entry_id"
          label={t.report.entry}
          rules={[{ required: true, message: t.report.chooseRequired }]}
          extra={chosen && (chosen.vendor_service ? fill(t.report.entryLinked, { vendor: chosen.vendor_service.vendor_name, service: chosen.vendor_service.name }) : t.report.entryNotLinked)}
        >
          <SelectField
            showSearch
            filterOption={false}
            onSearch={setQ}
            loading={entries.isFetching}
            placeholder={t.report.entryPlaceholder}
            onChange={(id: string) => form.setFieldValue('share_with_vendor', Boolean(known.get(id)?.vendor_service))}
            options={[...known.values()].map((e) => ({ value: e.id, label: `${e.external_key} ${e.name}` }))}
          />
        </Form.Item>
        <CommonFields dataKinds={options.data?.data_kinds} />
        <Form.Item name="residents_affected" label={t.report.residents}>
          <InputNumber min={0} max={200_000_000} precision={0} style={{ width: 200 }} />
        </Form.Item>
        <fieldset style={{ border: 'none', padding: 0, margin: '0 0 16px' }}>
          <legend style={{ fontSize: 14, marginBottom: 8 }}>{t.report.share}</legend>
          <Form.Item name="share_with_vendor" valuePropName="checked" style={{ marginBottom: 4 }}>
            <Checkbox disabled={!chosen?.vendor_service}>{t.report.shareVendor}</Checkbox>
          </Form.Item>
          <Form.Item name="share_with_prefecture" valuePropName="checked" style={{ marginBottom: 4 }}>
            <Checkbox>{t.report.sharePrefecture}</Checkbox>
          </Form.Item>
          <Typography.Text type="secondary">{t.report.shareHint}</Typography.Text>
        </fieldset>
        <Submit pending={pending} />
      </Form>
    </Card>
  );
}
