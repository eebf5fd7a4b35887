import { App, Button, Checkbox, Drawer, Form, Input, Space, Typography } from 'antd';
import { APPROVAL_STATUSES, PARTY_ROLES, type ApprovalStatus, type PartyRole } from '../../../shared/parties.ts';
import { DateField } from '../../components/DateField.tsx';
import { SelectField } from '../../components/SelectField.tsx';
import { useFormFeedback } from '../../lib/form-errors.ts';
import { useMe } from '../../api/session.ts';
import { useVendors } from '../register/register-api.ts';
import { addParty, changeParty, usePartiesMutation, usePlatformVendors, type Party } from './parties-api.ts';
import { usePartiesText } from './parties-text.ts';

/** What the drawer starts from: a party to edit, or the values of a new one. */
export type PartyDraft = { party: Party } | { initial: Partial<Values> };

type Values = {
  role: PartyRole;
  /** 'v:<id>' a vendor of our list, 'o:<id>' a vendor organisation on the platform. */
  vendor_id?: string | null;
  vendor_service_id?: string | null;
  parent_party_id?: string | null;
  contract_reference?: string | null;
  data_handled?: string | null;
  may_carry_data_out?: boolean;
  standard_app?: boolean;
  approval_status?: ApprovalStatus | 'none';
  approval_requested_on?: string | null;
  approval_decided_on?: string | null;
  approver?: string | null;
  notes?: string | null;
};

const blank = (v: string | null | undefined) => (typeof v === 'string' ? v.trim() || null : null);

function valuesOf(party: Party): Values {
  return {
    role: party.role,
    vendor_id: party.vendor ? `v:${party.vendor.id}` : party.vendor_organisation ? `o:${party.vendor_organisation.id}` : null,
    vendor_service_id: party.vendor_service?.id ?? null,
    parent_party_id: party.parent_party_id,
    contract_reference: party.contract_reference,
    data_handled: party.data_handled,
    may_carry_data_out: party.may_carry_data_out,
    standard_app: party.standard_app,
    approval_status: party.approval_status ?? 'none',
    approval_requested_on: party.approval_requested_on,
    approval_decided_on: party.approval_decided_on,
    approver: party.approver,
    notes: party.notes,
  };
}

/** The API body from the form: fields that do not apply to the role are sent empty. */
function bodyOf(v: Values) {
  const sub = v.role === 'subcontractor';
  const own = v.role !== 'municipality' && v.vendor_id?.startsWith('v:') ? v.vendor_id.slice(2) : null;
  const platform = v.role !== 'municipality' && v.vendor_id?.startsWith('o:') ? v.vendor_id.slice(2) : null;
  const status = sub && v.approval_status && v.approval_status !== 'none' ? v.approval_status : null;
  const decided = status === 'approved' || status === 'refused';
  return {
    role: v.role,
    vendor_id: own,
    vendor_organisation_id: platform,
    vendor_service_id: platform ? (v.vendor_service_id ?? null) : null,
    parent_party_id: sub ? (v.parent_party_id ?? null) : null,
    contract_reference: blank(v.contract_reference),
    data_handled: blank(v.data_handled),
    may_carry_data_out: Boolean(v.may_carry_data_out),
    standard_app: v.role === 'application_provider' ? Boolean(v.standard_app) : false,
    approval_status: status,
    approval_requested_on: sub ? (v.approval_requested_on ?? null) : null,
    approval_decided_on: decided ? (v.approval_decided_on ?? null) : null,
    approver: decided ? blank(v.approver) : null,
    notes: blank(v.notes),
  };
}

/** Adds or edits one party of the entry: role, vendor (our list or the platform), parent, approval. */
export function PartyDrawer({ entryId, draft, parties, onClose }: { entryId: string; draft: PartyDraft; parties: Party[]; onClose: () => void }) {
  const { text: t, fill, role: roleLabel, approval: approvalLabel } = usePartiesText();
  const me = useMe();
  const [form] = Form.useForm<Values>();
  const { reportError } = useFormFeedback();
  const { message } = App.useApp();
  const editing = 'party' in draft ? draft.party : null;
  const vendors = useVendors('');
  const platform = usePlatformVendors(true);
  const save = usePartiesMutation(entryId, (body: ReturnType<typeof bodyOf>) => (editing ? changeParty(editing.id, body) : addParty(entryId, body)));

  const role = Form.useWatch('role', form);
  const vendorKey = Form.useWatch('vendor_id', form);
  const status = Form.useWatch('approval_status', form);
  const platformVendor = vendorKey?.startsWith('o:') ? platform.data?.find((o) => o.id === vendorKey.slice(2)) : undefined;
  // A party cannot sit under itself or under one of its own subcontractors.
  const below = new Set<string>();
  if (editing) {
    let frontier = [editing.id];
    while (frontier.length) {
      frontier = parties.filter((p) => p.parent_party_id && frontier.includes(p.parent_party_id) && !below.has(p.id)).map((p) => p.id);
      frontier.forEach((id) => below.add(id));
    }
  }
  const parents = parties.filter((p) => p.id !== editing?.id && !below.has(p.id));

  const initial: Values = editing ? valuesOf(editing) : { role: 'cloud_provider', may_carry_data_out: false, standard_app: false, approval_status: 'none', ...('initial' in draft ? draft.initial : {}) };
  const submit = (values: Values) =>
    save.mutate(bodyOf({ ...initial, ...values }), { onSuccess: () => { void message.success(t.section.saved); onClose(); }, onError: (error) => reportError(error, form) });

  const vendorOptions = [
    { label: t.form.ownVendors, options: (vendors.data ?? []).map((v) => ({ value: `v:${v.id}`, label: v.name })) },
    { label: t.form.platformVendors, options: (platform.data ?? []).map((o) => ({ value: `o:${o.id}`, label: o.name })) },
  ];

  return (
    <Drawer
      open
      width={560}
      title={editing ? t.form.editTitle : t.form.createTitle}
      onClose={onClose}
      destroyOnHidden
      footer={
        <Space style={{ justifyContent: 'flex-end', width: '100%' }}>
          <Button onClick={onClose}>{t.section.cancel}</Button>
          <Button type="primary" loading={save.isPending} onClick={() => form.submit()}>{t.form.save}</Button>
        </Space>
      }
    >
      <Form form={form} layout="vertical" initialValues={initial} onFinish={submit} requiredMark>
        <Form.Item name="role" label={t.form.role} rules={[{ required: true }]}>
          <SelectField aria-required options={PARTY_ROLES.map((r) => ({ value: r, label: roleLabel(r) }))} />
        </Form.Item>
        {role === 'municipality' ? (
          <Typography.Paragraph type="secondary">{fill(t.form.municipalityHint, { name: me.organisation.name })}</Typography.Paragraph>
        ) : (
          <>
            <Form.Item name="vendor_id" label={t.form.vendor} extra={t.form.vendorHint} rules={[{ required: true }]}>
              <SelectField aria-required showSearch optionFilterProp="label" options={vendorOptions} loading={vendors.isLoading || platform.isLoading} onChange={() => form.setFieldValue('vendor_service_id', null)} />
            </Form.Item>
            {platformVendor && platformVendor.services.length > 0 && (
              <Form.Item name="vendor_service_id" label={t.form.service} extra={t.form.serviceHint}>
                <SelectField allowClear placeholder={t.form.serviceNone} options={platformVendor.services.map((s) => ({ value: s.id, label: s.name }))} />
              </Form.Item>
            )}
          </>
        )}
        {role === 'subcontractor' && (
          <Form.Item name="parent_party_id" label={t.form.parent} extra={t.form.parentHint} rules={[{ required: true }]}>
            <SelectField aria-required options={parents.map((p) => ({ value: p.id, label: `${p.name}（${roleLabel(p.role)}）` }))} />
          </Form.Item>
        )}
        <Form.Item name="contract_reference" label={t.form.contract}>
          <Input maxLength={200} />
        </Form.Item>
        <Form.Item name="data_handled" label={t.form.data} extra={t.form.dataHint}>
          <Input.TextArea rows={2} maxLength={2000} />
        </Form.Item>
        <Form.Item name="may_carry_data_out" label={t.form.carryOut} valuePropName="checked">
          <Checkbox>{t.form.carryOutLabel}</Checkbox>
        </Form.Item>
        {role === 'application_provider' && (
          <Form.Item name="standard_app" label={t.form.standardApp} valuePropName="checked">
            <Checkbox>{t.form.standardAppLabel}</Checkbox>
          </Form.Item>
        )}
        {role === 'subcontractor' && (
          <>
            <Form.Item name="approval_status" label={t.form.approval}>
              <SelectField options={[{ value: 'none', label: t.form.approvalNone }, ...APPROVAL_STATUSES.map((s) => ({ value: s, label: approvalLabel(s) }))]} />
            </Form.Item>
            <Form.Item name="approval_requested_on" label={t.form.requestedOn}>
              <DateField />
            </Form.Item>
            {(status === 'approved' || status === 'refused') && (
              <>
                <Form.Item name="approval_decided_on" label={t.form.decidedOn} rules={[{ required: true }]}>
                  <DateField />
                </Form.Item>
                <Form.Item name="approver" label={t.form.approver} extra={t.form.approverHint} rules={[{ required: true }]}>
                  <Input maxLength={200} />
                </Form.Item>
              </>
            )}
          </>
        )}
        <Form.Item name="notes" label={t.form.notes}>
          <Input.TextArea rows={2} maxLength={2000} />
        </Form.Item>
      </Form>
    </Drawer>
  );
}
