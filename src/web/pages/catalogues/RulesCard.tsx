import { DeleteOutlined, PlusOutlined } from '@ant-design/icons';
import { Alert, App, Button, Card, Form, InputNumber, Space, Table, Typography } from 'antd';
import { useEffect } from 'react';
import { SelectField } from '../../components/SelectField.tsx';
import { useFormFeedback } from '../../lib/form-errors.ts';
import { useAssessmentRules, useSaveAssessmentRules, type AssessmentRules } from './catalogues-api.ts';
import { useCatalogueText } from './catalogues-text.ts';

type FormValues = { rules: { catalogue_urn?: string; min_impact?: number }[] };

/** Which catalogue applies to which register entries, by administrative impact; admins edit, others read. */
export function RulesCard({ editable }: { editable: boolean }) {
  const { text: t, fill, pick } = useCatalogueText();
  const rules = useAssessmentRules(true);
  const save = useSaveAssessmentRules();
  const { message } = App.useApp();
  const { reportError } = useFormFeedback();
  const [form] = Form.useForm<FormValues>();
  const data = rules.data;

  useEffect(() => {
    if (data) form.setFieldsValue({ rules: data.rules.map((r) => ({ catalogue_urn: r.catalogue_urn, min_impact: r.min_impact })) });
  }, [data, form]);

  const submit = async (values: FormValues) => {
    try {
      await save.mutateAsync({ rules: (values.rules ?? []).map((r) => ({ catalogue_urn: r.catalogue_urn ?? '', min_impact: r.min_impact ?? 0 })) });
      void message.success(t.rules.saved);
    } catch (error) {
      reportError(error, form);
    }
  };

  const title = <h2 style={{ fontSize: 16, margin: 0 }}>{t.rules.title}</h2>;
  if (!data) return <Card size="small" style={{ marginTop: 24 }} title={title} loading={rules.isPending} />;
  const options = data.options.map((o) => ({ value: o.urn, label: `${pick(o.name)}（${o.scope === 'platform' ? t.rules.platform : t.rules.organisation}）` }));

  return (
    <Card size="small" style={{ marginTop: 24 }} title={title} data-testid="assessment-rules">
      <Typography.Paragraph>{fill(t.rules.lead, { max: data.max_impact })}</Typography.Paragraph>
      {data.using_default && <Alert type="info" showIcon message={t.rules.usingDefault} style={{ marginBottom: 16 }} />}
      {editable ? <RulesForm form={form} data={data} options={options} busy={save.isPending} onSubmit={(v) => void submit(v)} /> : <RulesTable data={data} />}
    </Card>
  );
}

function RulesTable({ data }: { data: AssessmentRules }) {
  const { text: t, pick } = useCatalogueText();
  return (
    <>
      <Table size="small" rowKey="catalogue_urn" pagination={false} dataSource={data.rules} locale={{ emptyText: t.rules.none }}
        columns={[
          { title: t.rules.catalogue, dataIndex: 'catalogue_name', render: (v: AssessmentRules['rules'][number]['catalogue_name'], r) => (v ? pick(v) : r.catalogue_urn) },
          { title: t.rules.minImpact, dataIndex: 'min_impact', align: 'right' as const },
        ]} />
      <Typography.Paragraph type="secondary" style={{ marginTop: 8, marginBottom: 0 }}>{t.rules.readOnly}</Typography.Paragraph>
    </>
  );
}

function RulesForm({ form, data, options, busy, onSubmit }: { form: ReturnType<typeof Form.useForm<FormValues>>[0]; data: AssessmentRules; options: { value: string; label: string }[]; busy: boolean; onSubmit: (values: FormValues) => void }) {
  const { text: t, fill } = useCatalogueText();
  return (
    <Form form={form} layout="vertical" onFinish={onSubmit} initialValues={{ rules: [] }}>
      <Form.List name="rules">
        {(fields, { add, remove }, { errors }) => (
          <>
            {fields.length === 0 && <Typography.Paragraph type="secondary">{t.rules.none}</Typography.Paragraph>}
            {fields.map((field, index) => (
              <Space key={field.key} align="end" wrap style={{ display: 'flex', marginBottom: 8 }}>
                <Form.Item name={[field.name, 'catalogue_urn']} label={`${t.rules.catalogue} ${index + 1}`} htmlFor={`rule-catalogue-${index}`} rules={[{ required: true, message: t.rules.chooseCatalogue }]} style={{ minWidth: 360, marginBottom: 0 }}>
                  <SelectField id={`rule-catalogue-${index}`} options={options} aria-required />
                </Form.Item>
                <Form.Item name={[field.name, 'min_impact']} label={`${t.rules.minImpact} ${index + 1}`} htmlFor={`rule-impact-${index}`} rules={[{ required: true, message: fill(t.rules.enterImpact, { max: data.max_impact }) }]} style={{ marginBottom: 0 }}>
                  <InputNumber id={`rule-impact-${index}`} min={1} max={data.max_impact} precision={0} style={{ width: 120 }} />
                </Form.Item>
                <Button icon={<DeleteOutlined aria-hidden />} onClick={() => remove(field.name)}>{t.rules.remove}</Button>
              </Space>
            ))}
            <Form.ErrorList errors={errors} />
            <Space wrap style={{ marginTop: 8 }}>
              <Button icon={<PlusOutlined aria-hidden />} onClick={() => add({ min_impact: 1 })}>{t.rules.add}</Button>
              <Button type="primary" htmlType="submit" loading={busy}>{t.rules.save}</Button>
              {!data.using_default && (
                <Button onClick={() => { form.setFieldsValue({ rules: [] }); onSubmit({ rules: [] }); }} disabled={busy}>{t.rules.reset}</Button>
              )}
            </Space>
          </>
        )}
      </Form.List>
    </Form>
  );
}
