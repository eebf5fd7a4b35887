import { Checkbox, Col, Form, Input, Modal, Row } from 'antd';
import { SelectField } from '../../components/SelectField.tsx';
import { App } from 'antd';
import { useState } from 'react';
import { CERTIFICATE_SCHEMES, ISO27001_EDITIONS, SOC_TYPES } from '../../../shared/certificates.ts';
import { certificateCreateBody, certificatePatchBody } from '../../../shared/schemas/certificates.ts';
import { DateField } from '../../components/DateField.tsx';
import { useFormFeedback } from '../../lib/form-errors.ts';
import { certificateApi, useCertificateMutation, type Certificate } from './certificates-api.ts';
import { useCertificateText } from './certificates-text.ts';

/** What the form edits: an existing certificate, or a new one of the vendor (services to choose) or of a vendor of the list. */
export type FormTarget = { certificate: Certificate; services?: { id: string; name: string }[] } | { services: { id: string; name: string }[] } | { vendors: { id: string; name: string }[]; vendorId?: string };

const FIELDS = ['scheme', 'edition', 'soc_type', 'number', 'issuer', 'scope', 'sites', 'regions', 'issued_on', 'period_from', 'period_to', 'valid_until', 'renewal_pending', 'notes'] as const;

/** The certificate form: the fields a scheme needs show with it; the shared schema checks them before sending. */
export function CertificateForm({ target, onClose }: { target: FormTarget; onClose: () => void }) {
  const { text: t, scheme: schemeLabel, socType } = useCertificateText();
  const { message } = App.useApp();
  const { reportError, checkValues } = useFormFeedback();
  const [form] = Form.useForm();
  const existing = 'certificate' in target ? target.certificate : null;
  const [scheme, setScheme] = useState<string>(existing?.scheme ?? 'ismap');
  const save = useCertificateMutation((body: unknown) => (existing ? certificateApi.update(existing.id, body) : certificateApi.create(body)));
  const initial = existing
    ? { ...Object.fromEntries(FIELDS.map((f) => [f, existing[f]])), service_ids: existing.service_ids }
    : { scheme: 'ismap', renewal_pending: false, service_ids: 'services' in target && target.services ? target.services.map((s) => s.id).slice(0, 1) : undefined, vendor_id: 'vendors' in target ? target.vendorId : undefined };

  const submit = async () => {
    const values = (await form.validateFields()) as Record<string, unknown>;
    // Empty inputs are sent as null, so a cleared field clears on the server.
    const body = Object.fromEntries(Object.entries(values).map(([k, v]) => [k, v === '' || v === undefined ? null : v]).filter(([k, v]) => !(v === null && (k === 'service_ids' || k === 'vendor_id' || k === 'renewal_pending'))));
    if (!['iso27001'].includes(String(body.scheme))) body.edition = null;
    if (!['soc1', 'soc2'].includes(String(body.scheme))) body.soc_type = null;
    const parsed = checkValues(existing ? certificatePatchBody : certificateCreateBody, body, form);
    if (!parsed) return;
    save.mutate(parsed, { onSuccess: () => { void message.success(t.form.saved); onClose(); }, onError: (error) => reportError(error, form) });
  };

  const ismap = scheme === 'ismap' || scheme === 'ismap_liu';
  return (
    <Modal open width={760} title={existing ? t.form.editTitle : t.form.addTitle} okText={t.form.save} cancelText={t.form.cancel} onOk={() => void submit()} onCancel={onClose} confirmLoading={save.isPending} destroyOnHidden>
      <Form form={form} layout="vertical" initialValues={initial} onValuesChange={(changed: Record<string, unknown>) => changed.scheme && setScheme(String(changed.scheme))}>
        <Row gutter={12}>
          <Col span={8}>
            <Form.Item name="scheme" label={t.form.scheme}>
              <SelectField options={CERTIFICATE_SCHEMES.map((s) => ({ value: s, label: schemeLabel(s) }))} />
            </Form.Item>
          </Col>
          {scheme === 'iso27001' && (
            <Col span={8}>
              <Form.Item name="edition" label={t.form.edition}>
                <SelectField allowClear options={ISO27001_EDITIONS.map((e) => ({ value: e, label: `ISO/IEC 27001:${e}` }))} />
              </Form.Item>
            </Col>
          )}
          {(scheme === 'soc1' || scheme === 'soc2') && (
            <Col span={8}>
              <Form.Item name="soc_type" label={t.form.socType}>
                <SelectField allowClear options={SOC_TYPES.map((s) => ({ value: s, label: socType(s) }))} />
              </Form.Item>
            </Col>
          )}
          <Col span={8}>
            <Form.Item name="number" label={t.form.number} extra={ismap ? t.form.numberHelpIsmap : undefined}>
              <Input maxLength={100} placeholder={ismap ? 'C21-0001-1' : undefined} />
            </Form.Item>
          </Col>
        </Row>
        <Row gutter={12}>
          <Col span={8}><Form.Item name="issuer" label={t.form.issuer}><Input maxLength={200} /></Form.Item></Col>
          <Col span={8}><Form.Item name="issued_on" label={t.form.issuedOn}><DateField /></Form.Item></Col>
          <Col span={8}><Form.Item name="valid_until" label={t.form.validUntil}><DateField /></Form.Item></Col>
        </Row>
        <Row gutter={12}>
          <Col span={8}><Form.Item name="period_from" label={t.form.periodFrom}><DateField /></Form.Item></Col>
          <Col span={8}><Form.Item name="period_to" label={t.form.periodTo}><DateField /></Form.Item></Col>
          <Col span={8}><Form.Item name="renewal_pending" label={t.form.renewalPending} valuePropName="checked"><Checkbox>{t.form.yes}</Checkbox></Form.Item></Col>
        </Row>
        {'services' in target && target.services && (
          <Form.Item name="service_ids" label={t.form.services}>
            <SelectField mode="multiple" options={target.services.map((s) => ({ value: s.id, label: s.name }))} />
          </Form.Item>
        )}
        {'vendors' in target && (
          <Form.Item name="vendor_id" label={t.form.vendor}>
            <SelectField showSearch optionFilterProp="label" options={target.vendors.map((v) => ({ value: v.id, label: v.name }))} />
          </Form.Item>
        )}
        <Form.Item name="scope" label={t.form.scope}><Input.TextArea rows={2} maxLength={2000} /></Form.Item>
        <Row gutter={12}>
          <Col span={12}><Form.Item name="sites" label={t.form.sites}><Input maxLength={2000} /></Form.Item></Col>
          <Col span={12}><Form.Item name="regions" label={t.form.regions}><Input maxLength={500} /></Form.Item></Col>
        </Row>
        <Form.Item name="notes" label={t.form.notes}><Input.TextArea rows={2} maxLength={2000} /></Form.Item>
      </Form>
    </Modal>
  );
}
