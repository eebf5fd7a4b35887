import { useMutation, useQueryClient } from '@tanstack/react-query';
import { App, Form, Input, InputNumber, Modal, Select } from 'antd';
import { useTranslation } from 'react-i18next';
import { organisationUpdateBody } from '../../../shared/schemas/organisations.ts';
import { api } from '../../api/client.ts';
import { useOrganisations } from '../../api/queries.ts';
import type { Organisation, OrganisationUpdate } from '../../api/types.ts';
import { useFormFeedback } from '../../lib/form-errors.ts';
import { useLabels } from '../../lib/labels.ts';

interface EditValues {
  name: string;
  name_en?: string | null;
  population?: number | null;
  prefecture_id?: string | null;
  member_ids?: string[];
}

/** Name and population for the organisation's administrators; the operator also edits the links. */
export function OrganisationEditModal({ organisation, operator, onClose }: { organisation: Organisation; operator: boolean; onClose: () => void }) {
  const { t } = useTranslation();
  const labels = useLabels();
  const { message } = App.useApp();
  const queryClient = useQueryClient();
  const [form] = Form.useForm<EditValues>();
  const { reportError, checkValues } = useFormFeedback();
  const known = useOrganisations(operator).data ?? [];
  const optionsOf = (kind: Organisation['kind']) => known.filter((o) => o.kind === kind).map((o) => ({ value: o.id, label: labels.organisationName(o) }));
  const hasPopulation = organisation.kind !== 'vendor' && organisation.kind !== 'operator';
  const editsPrefecture = operator && organisation.kind === 'municipality';
  const editsMembers = operator && organisation.kind === 'association';

  const update = useMutation({
    mutationFn: (body: OrganisationUpdate) => api.patch<Organisation>(`/api/organisations/${organisation.id}`, body),
    onSuccess: () => {
      void queryClient.invalidateQueries({ queryKey: ['organisations'] });
      void message.success(t('common.saved'));
      onClose();
    },
    onError: (error) => reportError(error, form),
  });
  const submit = (values: EditValues) => {
    const body: OrganisationUpdate = { name: values.name ?? '', name_en: values.name_en || null };
    if (hasPopulation) body.population = values.population ?? null;
    if (editsPrefecture) body.prefecture_id = values.prefecture_id || null;
    if (editsMembers) body.member_ids = values.member_ids ?? [];
    if (checkValues(organisationUpdateBody, body, form)) update.mutate(body);
  };

  return (
    <Modal open title={t('organisation.editTitle')} okText={t('common.save')} cancelText={t('common.cancel')} onCancel={onClose} onOk={() => form.submit()} confirmLoading={update.isPending} destroyOnHidden>
      <Form
        form={form}
        layout="vertical"
        onFinish={submit}
        initialValues={{ name: organisation.name, name_en: organisation.name_en, population: organisation.population, prefecture_id: organisation.prefecture_id, member_ids: organisation.member_ids }}
      >
        <Form.Item name="name" label={t('organisation.name')} required>
          <Input maxLength={200} />
        </Form.Item>
        <Form.Item name="name_en" label={t('organisation.nameEn')}>
          <Input maxLength={200} />
        </Form.Item>
        {hasPopulation && (
          <Form.Item name="population" label={t('organisation.population')}>
            <InputNumber min={0} max={50_000_000} precision={0} style={{ width: 200 }} />
          </Form.Item>
        )}
        {editsPrefecture && (
          <Form.Item name="prefecture_id" label={t('organisation.prefecture')}>
            <Select allowClear options={optionsOf('prefecture')} />
          </Form.Item>
        )}
        {editsMembers && (
          <Form.Item name="member_ids" label={t('organisation.members')}>
            <Select mode="multiple" options={optionsOf('municipality')} optionFilterProp="label" />
          </Form.Item>
        )}
      </Form>
    </Modal>
  );
}
