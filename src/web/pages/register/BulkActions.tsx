// The register list's selection bar: change the status or the 所管課 of the chosen entries, export them, or
// start an assessment for each (POST /api/register/entries/bulk: all of them or none).
import { DownloadOutlined } from '@ant-design/icons';
import { Alert, App, AutoComplete, Button, Flex, Form, Modal, Typography } from 'antd';
import { useState } from 'react';
import { ENTRY_STATUSES } from '../../../shared/register.ts';
import { api, ApiError } from '../../api/client.ts';
import { SelectField } from '../../components/SelectField.tsx';
import { useCatalogues } from '../catalogues/catalogues-api.ts';
import { useRegisterMutation, type RegisterOptions } from './register-api.ts';
import { label } from './register-labels.ts';
import { useRegisterText } from './register-text.ts';

type Action = 'set_status' | 'set_department' | 'start_assessment';
type Values = { status?: string; department?: string; catalogue_urn?: string };

export interface BulkSelection {
  ids: string[];
  /** Every entry the list's filters match is selected (the export then follows the filters). */
  allMatching: boolean;
}

export function BulkActions({ selection, total, options, exportQuery, onSelectAllMatching, onClear }: {
  selection: BulkSelection;
  total: number;
  options: RegisterOptions | undefined;
  /** The list's filters, order and columns, as the list export takes them. */
  exportQuery: URLSearchParams;
  onSelectAllMatching: () => void;
  onClear: () => void;
}) {
  const { text: t, fill } = useRegisterText();
  const [action, setAction] = useState<Action | null>(null);
  const count = selection.ids.length;
  const exportParams = new URLSearchParams(exportQuery);
  if (!selection.allMatching) exportParams.set('ids', selection.ids.join(','));
  const canEdit = options?.can_create ?? false;
  return (
    <Flex role="region" aria-label={t.bulk.region} align="center" gap={8} wrap style={{ padding: '8px 12px', marginBottom: 8, background: '#e6f4ff', border: '1px solid #91caff', borderRadius: 6 }}>
      <Typography.Text strong data-testid="bulk-count">{fill(t.bulk.selected, { count })}</Typography.Text>
      {!selection.allMatching && total > count && (
        <Button type="link" onClick={onSelectAllMatching} style={{ paddingInline: 4 }}>{fill(t.bulk.selectAll, { count: total })}</Button>
      )}
      <Button size="small" onClick={onClear}>{t.bulk.clear}</Button>
      <span aria-hidden style={{ borderLeft: '1px solid #91caff', height: 20 }} />
      {canEdit && <Button size="small" onClick={() => setAction('set_status')}>{t.bulk.setStatus}</Button>}
      {canEdit && <Button size="small" onClick={() => setAction('set_department')}>{t.bulk.setDepartment}</Button>}
      {canEdit && <Button size="small" onClick={() => setAction('start_assessment')}>{t.bulk.startAssessment}</Button>}
      <Button size="small" icon={<DownloadOutlined aria-hidden />} href={`/api/register/export.xlsx?${exportParams}`}>{t.bulk.export}</Button>
      {action && <BulkDialog action={action} ids={selection.ids} departments={options?.departments ?? []} onClose={(done) => { setAction(null); if (done) onClear(); }} />}
    </Flex>
  );
}

function BulkDialog({ action, ids, departments, onClose }: { action: Action; ids: string[]; departments: string[]; onClose: (done: boolean) => void }) {
  const { text: t, lang, fill } = useRegisterText();
  const { message } = App.useApp();
  const [form] = Form.useForm<Values>();
  const [error, setError] = useState<ApiError | null>(null);
  const catalogues = useCatalogues();
  const run = useRegisterMutation((values: Values) => api.post<{ changed: number }>('/api/register/entries/bulk', { action, ids, ...values }));
  const submit = (values: Values) =>
    run.mutate(values, {
      onSuccess: (result) => {
        void message.success(fill(t.bulk.done, { count: result.changed }));
        onClose(true);
      },
      onError: (e) => setError(e instanceof ApiError ? e : null),
    });
  const title = { set_status: t.bulk.setStatus, set_department: t.bulk.setDepartment, start_assessment: t.bulk.startAssessment }[action];
  const required = [{ required: true, message: t.bulk.required }];
  return (
    <Modal open title={`${title}（${fill(t.bulk.selected, { count: ids.length })}）`} okText={t.bulk.apply} cancelText={t.form.cancel} onOk={() => form.submit()} onCancel={() => onClose(false)} okButtonProps={{ loading: run.isPending }} destroyOnHidden>
      <Form form={form} layout="vertical" onFinish={submit}>
        {action === 'set_status' && (
          <Form.Item name="status" label={t.field.status} rules={required}>
            <SelectField aria-required options={ENTRY_STATUSES.map((v) => ({ value: v, label: label.status(v, lang) }))} />
          </Form.Item>
        )}
        {action === 'set_department' && (
          <Form.Item name="department" label={t.field.department} rules={[{ required: true, whitespace: true, message: t.bulk.required }]}>
            <AutoComplete aria-required options={departments.map((d) => ({ value: d }))} filterOption={(input, option) => String(option?.value ?? '').includes(input)} />
          </Form.Item>
        )}
        {action === 'start_assessment' && (
          <Form.Item name="catalogue_urn" label={t.bulk.catalogue} rules={required}>
            <SelectField aria-required loading={catalogues.isLoading} options={(catalogues.data?.items ?? []).filter((c) => c.assessable).map((c) => ({ value: c.urn, label: c.name[lang] }))} />
          </Form.Item>
        )}
      </Form>
      <Typography.Paragraph type="secondary">{t.bulk.allOrNothing}</Typography.Paragraph>
      {error && (
        <Alert
          type="error"
          showIcon
          role="alert"
          message={error.localized(lang)}
          description={error.details.length > 0 && <ul style={{ margin: 0, paddingLeft: 20 }}>{error.details.map((d, i) => <li key={i}>{lang === 'en' ? (d.reason_en ?? d.reason) : d.reason}</li>)}</ul>}
        />
      )}
    </Modal>
  );
}
