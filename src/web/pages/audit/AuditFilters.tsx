import { Button, Col, DatePicker, Form, Input, Row, Select, Space } from 'antd';
import type { Dayjs } from 'dayjs';
import { useTranslation } from 'react-i18next';
import { AUDIT_ACTION_LABELS, auditTargetLabel } from '../../../shared/audit-vocabulary.ts';
import { useLabels } from '../../lib/labels.ts';

export interface AuditFilter {
  action?: string;
  actor?: string;
  outcome?: 'ok' | 'denied' | 'failed';
  from?: string;
  to?: string;
}

interface FilterValues {
  action?: string;
  actor?: string;
  outcome?: AuditFilter['outcome'];
  from?: Dayjs | null;
  to?: Dayjs | null;
}

/** Only the filled-in filters, trimmed, dates as YYYY-MM-DD, so the list and the CSV export use the same query. */
function cleanFilter(values: FilterValues): AuditFilter {
  const clean: AuditFilter = {};
  const action = values.action?.trim();
  const actor = values.actor?.trim();
  if (action) clean.action = action;
  if (actor) clean.actor = actor;
  if (values.outcome) clean.outcome = values.outcome;
  if (values.from) clean.from = values.from.format('YYYY-MM-DD');
  if (values.to) clean.to = values.to.format('YYYY-MM-DD');
  return clean;
}

/** Every recorded action in the display language, grouped by what it acts on; a group's first option picks all of them (the server matches the action's prefix). */
function useActionOptions() {
  const { t } = useTranslation();
  const { lang } = useLabels();
  const groups = new Map<string, { value: string; label: string; title: string }[]>();
  for (const [action, words] of Object.entries(AUDIT_ACTION_LABELS)) {
    const prefix = action.slice(0, action.indexOf('.'));
    if (!groups.has(prefix)) groups.set(prefix, []);
    groups.get(prefix)!.push({ value: action, label: words[lang], title: words[lang] });
  }
  return [...groups.entries()].map(([prefix, options]) => {
    const target = auditTargetLabel(prefix, lang);
    const named = target !== prefix ? target : options[0].label;
    return {
      label: named,
      title: named,
      options: options.length > 1 ? [{ value: `${prefix}.`, label: t('audit.actionGroup', { target: named }), title: t('audit.actionGroup', { target: named }) }, ...options] : options,
    };
  });
}

export function AuditFilters({ onApply }: { onApply: (filter: AuditFilter) => void }) {
  const { t } = useTranslation();
  const [form] = Form.useForm<FilterValues>();
  const actionOptions = useActionOptions();
  return (
    <Form form={form} layout="vertical" onFinish={(values) => onApply(cleanFilter(values))} role="search" aria-label={t('common.search')}>
      <Row gutter={12}>
        <Col xs={24} md={12} xl={6}>
          <Form.Item name="action" label={t('audit.action')}>
            <Select allowClear showSearch optionFilterProp="label" placeholder={t('audit.actionPlaceholder')} options={actionOptions} />
          </Form.Item>
        </Col>
        <Col xs={24} md={12} xl={6}>
          <Form.Item name="actor" label={t('audit.actor')}>
            <Input maxLength={100} />
          </Form.Item>
        </Col>
        <Col xs={24} md={8} xl={4}>
          <Form.Item name="outcome" label={t('audit.outcome')}>
            <Select
              allowClear
              placeholder={t('audit.outcomeAll')}
              options={[
                { value: 'ok', label: t('audit.outcomeOk') },
                { value: 'denied', label: t('audit.outcomeDenied') },
                { value: 'failed', label: t('audit.outcomeFailed') },
              ]}
            />
          </Form.Item>
        </Col>
        <Col xs={12} md={8} xl={4}>
          <Form.Item name="from" label={t('audit.from')}>
            <DatePicker format="YYYY/MM/DD" placeholder="yyyy/mm/dd" style={{ width: '100%' }} />
          </Form.Item>
        </Col>
        <Col xs={12} md={8} xl={4}>
          <Form.Item name="to" label={t('audit.to')}>
            <DatePicker format="YYYY/MM/DD" placeholder="yyyy/mm/dd" style={{ width: '100%' }} />
          </Form.Item>
        </Col>
      </Row>
      <Space style={{ marginBottom: 16 }}>
        <Button type="primary" htmlType="submit">
          {t('common.search')}
        </Button>
        <Button
          onClick={() => {
            form.resetFields();
            onApply({});
          }}
        >
          {t('common.reset')}
        </Button>
      </Space>
    </Form>
  );
}
