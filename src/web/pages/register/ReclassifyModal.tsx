import { App, Form, Input, Modal } from 'antd';
import { classificationBody } from '../../../shared/schemas/register.ts';
import { api } from '../../api/client.ts';
import { useFormFeedback } from '../../lib/form-errors.ts';
import { ClassificationFields } from './ClassificationFields.tsx';
import { useRegisterMutation, type Entry, type RegisterOptions } from './register-api.ts';
import { useRegisterText } from './register-text.ts';

/** Changes the four levels with a reason; the server keeps every change in the history. */
export function ReclassifyModal({ entry, options, onClose }: { entry: Entry; options: RegisterOptions; onClose: () => void }) {
  const { text: t } = useRegisterText();
  const [form] = Form.useForm();
  const { message } = App.useApp();
  const { reportError, checkValues } = useFormFeedback();
  const save = useRegisterMutation((body: unknown) => api.put<Entry>(`/api/register/entries/${entry.id}/classification`, body));
  const c = entry.classification;
  const initial = {
    scheme_id: c.scheme_id, confidentiality: c.confidentiality, confidentiality_reason: c.confidentiality_reason, resident_impact: c.resident_impact,
    resident_impact_reason: c.resident_impact_reason, mental_distress: c.overridden ? c.mental_distress : undefined,
    economic_loss: c.overridden ? c.economic_loss : undefined, override_reason: c.override_reason,
  };
  const submit = (values: Record<string, unknown>) => {
    const cleaned = Object.fromEntries(Object.entries(values).map(([k, v]) => [k, v === '' || v === undefined ? null : v]));
    const body = checkValues(classificationBody as never, cleaned, form);
    if (!body) return;
    save.mutate(body, {
      onSuccess: () => {
        void message.success(t.entry.saved);
        onClose();
      },
      onError: (error) => reportError(error, form),
    });
  };
  return (
    <Modal open width={640} title={t.form.reclassifyTitle} okText={t.form.submit} cancelText={t.form.cancel} confirmLoading={save.isPending} onOk={() => form.submit()} onCancel={onClose} destroyOnHidden>
      <Form form={form} layout="vertical" initialValues={initial} onFinish={submit}>
        <ClassificationFields options={options} prefix={[]} dataKinds={entry.data_kinds} residentsHeld={entry.residents_held} previous={c} />
        <Form.Item name="reason" label={t.field.reason} rules={[{ required: true }]}>
          <Input.TextArea rows={2} maxLength={1000} />
        </Form.Item>
      </Form>
    </Modal>
  );
}
