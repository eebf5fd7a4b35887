import { useMutation, useQueryClient } from '@tanstack/react-query';
import { App, Form, Input, InputNumber, Modal, Select } from 'antd';
import { useTranslation } from 'react-i18next';
import { ORGANISATION_KINDS, type OrganisationKind } from '../../../shared/roles.ts';
import { organisationCreateBody } from '../../../shared/schemas/organisations.ts';
import { api } from '../../api/client.ts';
import { useOrganisations } from '../../api/queries.ts';
import type { Organisation, OrganisationCreate } from '../../api/types.ts';
import { SelectField } from '../../components/SelectField.tsx';
import { useFormFeedback } from '../../lib/form-errors.ts';
import { useLabels } from '../../lib/labels.ts';

interface CreateValues {
  kind: OrganisationKind;
  name: string;
  name_en?: string;
  local_government_code?: string;
  corporate_number?: string;
  prefecture_id?: string;
  population?: number | null;
  member_ids?: string[];
}

/** Only the fields that fit the kind are sent, so the shared schema's kind rules decide. */
function bodyOf(values: CreateValues): OrganisationCreate {
  const local = values.kind === 'municipality' || values.kind === 'prefecture';
  return {
    kind: values.kind,
    name: values.name ?? '',
    name_en: values.name_en || null,
    local_government_code: local ? values.local_government_code ?? '' : null,
    corporate_number: values.kind === 'vendor' ? values.corporate_number ?? '' : null,
    prefecture_id: values.kind === 'municipality' ? values.prefecture_id || null : null,
    population: values.kind === 'vendor' || values.kind === 'operator' ? null : values.population ?? null,
    member_ids: values.kind === 'association' ? values.member_ids ?? [] : undefined,
  };
}

export function OrganisationCreateModal({ onClose, onCreated }: { onClose: () => void; onCreated: (id: string) => void }) {
  const { t } = useTranslation();
  const labels = useLabels();
  const { message } = App.useApp();
  const queryClient = useQueryClient();
  const [form] = Form.useForm<CreateValues>();
  const kind = Form.useWatch('kind', form);
  const { reportError, checkValues } = useFormFeedback();
  const organisations = useOrganisations().data ?? [];
  const optionsOf = (k: OrganisationKind) => organisations.filter((o) => o.kind === k).map((o) => ({ value: o.id, label: labels.organisationName(o) }));

  const create = useMutation({
    mutationFn: (body: OrganisationCreate) => api.post<Organisation>('/api/organisations', body),
    onSuccess: (created) => {
      void queryClient.invalidateQueries({ queryKey: ['organisations'] });
      void message.success(t('organisation.created'));
      onCreated(created.id);
    },
    onError: (error) => reportError(error, form),
  });
  const submit = (values: CreateValues) => {
    const body = bodyOf(values);
    if (checkValues(organisationCreateBody, body, form)) create.mutate(body);
  };

  return (
    <Modal open title={t('organisation.createTitle')} okText={t('common.create')} cancelText={t('common.cancel')} onCancel={onClose} onOk={() => form.submit()} confirmLoading={create.isPending} destroyOnHidden>
      <Form form={form} layout="vertical" onFinish={submit} initialValues={{ kind: 'municipality', name: '' }}>
        <Form.Item name="kind" label={t('organisation.kind')} required>
          <SelectField options={ORGANISATION_KINDS.map((k) => ({ value: k, label: labels.kind(k) }))} />
        </Form.Item>
        <Form.Item name="name" label={t('organisation.name')} required>
          <Input maxLength={200} />
        </Form.Item>
        <Form.Item name="name_en" label={t('organisation.nameEn')}>
          <Input maxLength={200} />
        </Form.Item>
        {(kind === 'municipality' || kind === 'prefecture') && (
          <Form.Item name="local_government_code" label={t('organisation.localGovernmentCode')} extra={t('organisation.localGovernmentCodeHint')}>
            <Input inputMode="numeric" maxLength={6} style={{ maxWidth: 160 }} />
          </Form.Item>
        )}
        {kind === 'vendor' && (
          <Form.Item name="corporate_number" label={t('organisation.corporateNumber')} extra={t('organisation.corporateNumberHint')}>
            <Input inputMode="numeric" maxLength={13} style={{ maxWidth: 220 }} />
          </Form.Item>
        )}
        {kind === 'municipality' && (
          <Form.Item name="prefecture_id" label={t('organisation.prefecture')}>
            <Select allowClear options={optionsOf('prefecture')} />
          </Form.Item>
        )}
        {kind === 'association' && (
          <Form.Item name="member_ids" label={t('organisation.members')}>
            <Select mode="multiple" options={optionsOf('municipality')} optionFilterProp="label" />
          </Form.Item>
        )}
        {kind !== 'vendor' && kind !== 'operator' && (
          <Form.Item name="population" label={t('organisation.population')}>
            <InputNumber min={0} max={50_000_000} precision={0} style={{ width: 200 }} />
          </Form.Item>
        )}
      </Form>
    </Modal>
  );
}
