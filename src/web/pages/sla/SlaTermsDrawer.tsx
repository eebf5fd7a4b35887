import { DeleteOutlined, PlusOutlined } from '@ant-design/icons';
import { App, Button, Checkbox, Divider, Drawer, Flex, Form, Input, InputNumber, Space, Typography } from 'antd';
import { useQueryClient } from '@tanstack/react-query';
import { OUTAGE_CAUSES, SLA_AUDIENCES, START_BASES, SLA_TEXT_ITEMS } from '../../../shared/sla.ts';
import { slaTermsBody } from '../../../shared/schemas/sla.ts';
import { api } from '../../api/client.ts';
import { SelectField } from '../../components/SelectField.tsx';
import { useFormFeedback } from '../../lib/form-errors.ts';
import { ClockInput, HoursMinutesInput, issuesOf, RadioChoice, usePlaceIssues, zodIssues } from './form-fields.tsx';
import { useSlaMutation, type SlaCatalogue, type SlaEntryView, type SlaTerms } from './sla-api.ts';
import { vocab, weekdayName } from './sla-format.ts';
import { useSlaText } from './sla-text.ts';

const WEEK = [1, 2, 3, 4, 5, 6, 0];
const blank = (v: unknown) => (v === '' || v === undefined ? null : typeof v === 'string' ? v.trim() || null : v);

const NEW_TERMS = {
  audience: 'residents',
  calendar_kind: 'always',
  weekdays: [1, 2, 3, 4, 5],
  start_minute: 510,
  end_minute: 1035,
  exclude_holidays: true,
  minimum_outage_minutes: 0,
  truncate_unit_minutes: 0,
  start_basis: 'occurred',
  excluded_causes: ['planned_maintenance'],
  maintenance_windows: [],
  credit_table: [],
  review_interval_months: 3,
};

const timeRule = (message: string) => ({
  validator: async (_: unknown, value: unknown) => {
    if (value !== null && value !== undefined && typeof value !== 'number') throw new Error(message);
  },
});

/** Records or edits an entry's SLA terms: values of the SLA items, counting rules, credit table and review interval. */
export function SlaTermsDrawer({ entryId, terms, catalogue, onClose }: { entryId: string; terms: SlaTerms | null; catalogue: SlaCatalogue | undefined; onClose: () => void }) {
  const { text: t, lang, fill } = useSlaText();
  const [form] = Form.useForm();
  const { message } = App.useApp();
  const { reportError } = useFormFeedback();
  const place = usePlaceIssues();
  const client = useQueryClient();
  const calendarKind = Form.useWatch('calendar_kind', form) as 'always' | 'office' | undefined;
  const save = useSlaMutation((body: unknown) => api.put<SlaEntryView>(`/api/sla/entries/${entryId}/terms`, body));

  const rowLabel = (n: number) => fill(t.form.row, { n });
  const itemName = (code: string, fallback: string) => catalogue?.items.find((i) => i.code === code)?.name[lang] ?? fallback;
  const itemHint = (code: string) => catalogue?.items.find((i) => i.code === code)?.recommended[lang];

  const submit = (values: Record<string, unknown>) => {
    const body: Record<string, unknown> = Object.fromEntries(Object.entries(values).map(([k, v]) => [k, Array.isArray(v) ? v : blank(v)]));
    body.credit_table = ((values.credit_table as Record<string, unknown>[] | undefined) ?? []).map((b) => ({ from: blank(b?.from), to: blank(b?.to), credit_percent: blank(b?.credit_percent) }));
    body.maintenance_windows = ((values.maintenance_windows as Record<string, unknown>[] | undefined) ?? []).map((w) => ({ weekday: blank(w?.weekday), start_minute: blank(w?.start_minute), end_minute: blank(w?.end_minute) }));
    const parsed = slaTermsBody.safeParse(body);
    if (!parsed.success) {
      place(form, zodIssues(parsed.error.issues), lang, rowLabel);
      return;
    }
    save.mutate(parsed.data, {
      onSuccess: (view) => {
        client.setQueryData(['sla', 'entry', entryId], view);
        void message.success(t.form.saved);
        onClose();
      },
      onError: (error) => {
        const found = issuesOf(error);
        if (found) place(form, found.issues, lang, rowLabel, found.message?.[lang]);
        else reportError(error, form);
      },
    });
  };

  const initial = terms
    ? { ...terms, maintenance_windows: terms.maintenance_windows ?? [], credit_table: terms.credit_table ?? [] }
    : NEW_TERMS;

  return (
    <Drawer
      open
      width={720}
      title={terms ? t.form.editTitle : t.form.createTitle}
      onClose={onClose}
      destroyOnHidden
      extra={
        <Space>
          <Button onClick={onClose}>{t.form.cancel}</Button>
          <Button type="primary" disabled={save.isPending} onClick={() => form.submit()}>{t.form.save}</Button>
        </Space>
      }
    >
      <Form form={form} layout="vertical" initialValues={initial} onFinish={submit} scrollToFirstError>
        <Divider orientation="left">{t.form.basics}</Divider>
        <Form.Item name="audience" label={t.form.audience} rules={[{ required: true }]}>
          <RadioChoice aria-label={t.form.audience} options={SLA_AUDIENCES.map((a) => ({ value: a, label: vocab.audience(a, lang) }))} />
        </Form.Item>
        <Form.Item name="calendar_kind" label={t.form.calendarKind} rules={[{ required: true }]}>
          <RadioChoice aria-label={t.form.calendarKind} options={(['always', 'office'] as const).map((k) => ({ value: k, label: t.form.calendarKinds[k] }))} />
        </Form.Item>
        {calendarKind === 'office' && (
          <>
            <Form.Item name="weekdays" label={t.form.weekdays}>
              <Checkbox.Group options={WEEK.map((d) => ({ value: d, label: weekdayName(d, lang) }))} />
            </Form.Item>
            <Flex gap={16} wrap>
              <Form.Item name="start_minute" label={t.form.startTime} extra={t.form.timeHint} rules={[timeRule(t.form.timeInvalid)]}><ClockInput /></Form.Item>
              <Form.Item name="end_minute" label={t.form.endTime} rules={[timeRule(t.form.timeInvalid)]}><ClockInput /></Form.Item>
            </Flex>
            <Form.Item name="exclude_holidays" valuePropName="checked"><Checkbox>{t.form.excludeHolidays}</Checkbox></Form.Item>
          </>
        )}
        <Form.Item name="service_hours_note" label={t.form.serviceHoursNote}><Input.TextArea rows={2} maxLength={500} /></Form.Item>

        <Divider orientation="left">{t.form.targets}</Divider>
        <Form.Item name="availability_target" label={t.form.availabilityTarget} extra={t.form.availabilityHint}>
          <InputNumber min={0} max={100} step={0.1} style={{ width: 160 }} addonAfter="%" />
        </Form.Item>
        <Form.Item name="mttr_target_minutes" label={t.form.mttr} extra={t.form.mttrHint}>
          <HoursMinutesInput hoursLabel={t.form.hours} minutesLabel={t.form.minutes} />
        </Form.Item>

        <Divider orientation="left">{t.form.items}</Divider>
        {SLA_TEXT_ITEMS.map((code) => (
          <Form.Item key={code} name={code} label={itemName(code, code)} extra={itemHint(code)}>
            <Input.TextArea rows={2} maxLength={1000} />
          </Form.Item>
        ))}

        <Divider orientation="left">{t.form.counting}</Divider>
        <Flex gap={16} wrap>
          <Form.Item name="minimum_outage_minutes" label={t.form.minimumOutage} extra={t.form.minimumOutageHint} style={{ maxWidth: 300 }}>
            <InputNumber min={0} max={1440} precision={0} style={{ width: 140 }} />
          </Form.Item>
          <Form.Item name="truncate_unit_minutes" label={t.form.truncate} extra={t.form.truncateHint} style={{ maxWidth: 300 }}>
            <InputNumber min={0} max={1440} precision={0} style={{ width: 140 }} />
          </Form.Item>
        </Flex>
        <Form.Item name="start_basis" label={t.form.startBasis} rules={[{ required: true }]}>
          <SelectField aria-required options={START_BASES.map((b) => ({ value: b, label: vocab.startBasis(b, lang) }))} style={{ maxWidth: 320 }} />
        </Form.Item>
        <Form.Item name="excluded_causes" label={t.form.excludedCauses}>
          <Checkbox.Group options={OUTAGE_CAUSES.map((c) => ({ value: c, label: vocab.cause(c, lang) }))} />
        </Form.Item>
        <Typography.Text strong>{t.form.maintenance}</Typography.Text>
        <Typography.Paragraph type="secondary">{t.form.maintenanceHint}</Typography.Paragraph>
        <Form.List name="maintenance_windows">
          {(fields, { add, remove }, { errors }) => (
            <>
              {fields.map((field, index) => (
                <Flex key={field.key} gap={12} wrap align="flex-start" role="group" aria-label={`${t.form.maintenance} ${index + 1}`}>
                  <Form.Item name={[field.name, 'weekday']} label={t.form.weekday} rules={[{ required: true }]}>
                    <SelectField aria-required options={WEEK.map((d) => ({ value: d, label: weekdayName(d, lang) }))} style={{ width: 100 }} />
                  </Form.Item>
                  <Form.Item name={[field.name, 'start_minute']} label={t.form.startTime} rules={[{ required: true }, timeRule(t.form.timeInvalid)]}><ClockInput /></Form.Item>
                  <Form.Item name={[field.name, 'end_minute']} label={t.form.endTime} rules={[{ required: true }, timeRule(t.form.timeInvalid)]}><ClockInput /></Form.Item>
                  <Button aria-label={`${t.form.removeWindow}（${index + 1}）`} icon={<DeleteOutlined aria-hidden />} onClick={() => remove(field.name)} style={{ marginTop: 30 }} />
                </Flex>
              ))}
              <Form.ErrorList errors={errors} />
              <Button icon={<PlusOutlined aria-hidden />} onClick={() => add({ weekday: 0, start_minute: 120, end_minute: 300 })} style={{ marginBottom: 24 }}>{t.form.addWindow}</Button>
            </>
          )}
        </Form.List>

        <Divider orientation="left">{t.form.credit}</Divider>
        <Typography.Text strong>{t.form.creditTable}</Typography.Text>
        <Typography.Paragraph type="secondary">{t.form.creditHint}</Typography.Paragraph>
        <Form.List name="credit_table">
          {(fields, { add, remove }, { errors }) => (
            <>
              {fields.map((field, index) => (
                <Flex key={field.key} gap={12} wrap align="flex-start" role="group" aria-label={`${t.form.creditTable} ${index + 1}`}>
                  <Form.Item name={[field.name, 'from']} label={t.form.from} rules={[{ required: true }]}><InputNumber min={0} max={100} step={0.1} addonAfter="%" style={{ width: 140 }} /></Form.Item>
                  <Form.Item name={[field.name, 'to']} label={t.form.to} rules={[{ required: true }]}><InputNumber min={0} max={100} step={0.1} addonAfter="%" style={{ width: 140 }} /></Form.Item>
                  <Form.Item name={[field.name, 'credit_percent']} label={t.form.creditPercent} rules={[{ required: true }]}><InputNumber min={0} max={100} addonAfter="%" style={{ width: 130 }} /></Form.Item>
                  <Button aria-label={`${t.form.removeBand}（${index + 1}）`} icon={<DeleteOutlined aria-hidden />} onClick={() => remove(field.name)} style={{ marginTop: 30 }} />
                </Flex>
              ))}
              <Form.ErrorList errors={errors} />
              <Button
                icon={<PlusOutlined aria-hidden />}
                style={{ marginBottom: 24 }}
                onClick={() => {
                  const bands = (form.getFieldValue('credit_table') as { from?: number }[] | undefined) ?? [];
                  const lowest = bands.reduce<number | undefined>((min, b) => (typeof b?.from === 'number' && (min === undefined || b.from < min) ? b.from : min), undefined);
                  add(lowest === undefined ? { from: 99, to: 100, credit_percent: 0 } : { from: Math.max(0, lowest - 1), to: lowest });
                }}
              >
                {t.form.addBand}
              </Button>
            </>
          )}
        </Form.List>
        <Flex gap={16} wrap>
          <Form.Item name="monthly_fee_yen" label={t.form.monthlyFee}><InputNumber min={0} precision={0} style={{ width: 200 }} addonAfter={lang === 'en' ? 'yen' : '円'} /></Form.Item>
          <Form.Item name="review_interval_months" label={t.form.reviewInterval} extra={t.form.reviewIntervalHint} rules={[{ required: true }]}>
            <InputNumber min={1} max={12} precision={0} style={{ width: 120 }} />
          </Form.Item>
        </Flex>
        <Form.Item name="source_document" label={t.form.sourceDocument}><Input maxLength={500} /></Form.Item>
      </Form>
    </Drawer>
  );
}
