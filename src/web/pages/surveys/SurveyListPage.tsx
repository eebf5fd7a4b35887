import { App, Button, Card, Form, Input, Table } from 'antd';
import { Link, useNavigate } from 'react-router';
import { surveyCreateBody } from '../../../shared/schemas/surveys.ts';
import { can, useMe } from '../../api/session.ts';
import { EmptyState } from '../../components/EmptyState.tsx';
import { PageHeading } from '../../components/PageHeading.tsx';
import { LoadFailed } from '../../components/Problems.tsx';
import { SelectField } from '../../components/SelectField.tsx';
import { compareNumber, compareText, formatDate } from '../../lib/format.ts';
import { useFormFeedback } from '../../lib/form-errors.ts';
import { useLabels } from '../../lib/labels.ts';
import { surveyApi, useSurveyMutation, useSurveyOptions, useSurveys, type SurveyListItem } from './surveys-api.ts';
import { MyStateTag, SurveyStatusTag } from './survey-tags.tsx';
import { useSurveyText } from './surveys-text.ts';
import { DateField } from '../../components/DateField.tsx';

const hidden = { position: 'absolute', width: 1, height: 1, overflow: 'hidden', clip: 'rect(0 0 0 0)' } as const;

/** /surveys: an owner's surveys and the form to open one; a municipality's surveys to answer. */
export default function SurveyListPage() {
  const { text: t, fill, bi } = useSurveyText();
  const me = useMe();
  const participant = me.organisation.kind === 'municipality';
  const mayRun = can(me, 'survey:run');
  const surveys = useSurveys();

  const columns = [
    {
      title: t.list.titleCol,
      dataIndex: 'title',
      key: 'title',
      sorter: (a: SurveyListItem, b: SurveyListItem) => compareText(a.title, b.title),
      render: (v: string, r: SurveyListItem) => (
        <>
          <Link to={`/surveys/${r.id}`} style={{ textDecoration: 'underline' }}>{v}</Link>
          <div style={{ fontSize: 12 }}>{bi(r.catalogue.name)}</div>
        </>
      ),
    },
    ...(participant ? [{ title: t.list.owner, key: 'owner', sorter: (a: SurveyListItem, b: SurveyListItem) => compareText(a.owner.name, b.owner.name), render: (_: unknown, r: SurveyListItem) => r.owner.name }] : []),
    { title: t.list.status, dataIndex: 'status', key: 'status', sorter: (a: SurveyListItem, b: SurveyListItem) => compareText(a.status, b.status), render: (_: unknown, r: SurveyListItem) => <SurveyStatusTag status={r.status} /> },
    ...(participant ? [{ title: t.list.myState, key: 'my_state', sorter: (a: SurveyListItem, b: SurveyListItem) => compareText(a.my_state, b.my_state), render: (_: unknown, r: SurveyListItem) => (r.my_state ? <MyStateTag state={r.my_state} /> : null) }] : []),
    {
      title: t.list.responses,
      key: 'responses',
      align: 'right' as const,
      sorter: (a: SurveyListItem, b: SurveyListItem) => compareNumber(a.response_rate, b.response_rate),
      render: (_: unknown, r: SurveyListItem) => <span style={{ whiteSpace: 'nowrap' }}>{fill(t.list.responseCount, { submitted: r.submitted_count, participants: r.participant_count, rate: r.response_rate })}</span>,
    },
    { title: t.list.closesOn, dataIndex: 'closes_on', key: 'closes_on', sorter: (a: SurveyListItem, b: SurveyListItem) => compareText(a.closes_on, b.closes_on), render: (v: string | null) => <span style={{ whiteSpace: 'nowrap' }}>{v ? formatDate(v) : t.list.noDeadline}</span> },
  ];

  const emptyHint = participant ? t.list.emptyParticipantHint : mayRun ? t.list.emptyOwnerHint : t.list.emptyOwnerReadOnly;
  return (
    <>
      <PageHeading title={t.list.title} lead={participant ? t.list.leadParticipant : t.list.leadOwner} />
      <Card>
        {surveys.isError ? (
          <LoadFailed error={surveys.error} onRetry={() => void surveys.refetch()} />
        ) : (
          <Table
            rowKey="id"
            size="middle"
            loading={surveys.isPending}
            dataSource={surveys.data ?? []}
            columns={columns}
            pagination={false}
            scroll={{ x: 'max-content' }}
            caption={<span style={hidden}>{t.list.tableCaption}</span>}
            locale={{ emptyText: <EmptyState title={participant ? t.list.emptyParticipant : t.list.emptyOwner} hint={emptyHint} /> }}
            data-testid="survey-list"
          />
        )}
      </Card>
      {mayRun && <CreateSurveyForm />}
    </>
  );
}

interface CreateValues {
  title?: string;
  catalogue_urn?: string;
  participant_ids?: string[];
  closes_on?: string;
}

function CreateSurveyForm() {
  const { text: t, bi } = useSurveyText();
  const { organisationName } = useLabels();
  const [form] = Form.useForm<CreateValues>();
  const { message } = App.useApp();
  const navigate = useNavigate();
  const { reportError, checkValues } = useFormFeedback();
  const options = useSurveyOptions(true);
  const create = useSurveyMutation(surveyApi.create);

  const submit = (values: CreateValues) => {
    const body = checkValues(surveyCreateBody, { ...values, closes_on: values.closes_on || null }, form);
    if (!body) return;
    create.mutate(body, {
      onSuccess: (survey) => {
        void message.success(t.create.created);
        form.resetFields();
        void navigate(`/surveys/${survey.id}`);
      },
      onError: (error) => reportError(error, form),
    });
  };

  const members = options.data?.members ?? [];
  const catalogues = options.data?.catalogues ?? [];
  return (
    <Card title={<h2 style={{ fontSize: 16, margin: 0 }}>{t.create.title}</h2>} style={{ marginTop: 16 }} loading={options.isPending}>
      {options.isError ? (
        <LoadFailed error={options.error} onRetry={() => void options.refetch()} />
      ) : members.length === 0 ? (
        <EmptyState title={t.create.noMembers} hint={t.create.noMembersHint} />
      ) : (
        <Form form={form} name="survey-create" layout="vertical" onFinish={submit} initialValues={{ catalogue_urn: catalogues.find((c) => c.urn.endsWith(':confirmation-items'))?.urn ?? catalogues[0]?.urn, participant_ids: members.map((m) => m.id) }} style={{ maxWidth: 720 }}>
          <Form.Item name="title" label={t.create.name} rules={[{ required: true, message: t.create.required }]}>
            <Input maxLength={200} placeholder={t.create.namePlaceholder} aria-required />
          </Form.Item>
          <Form.Item name="catalogue_urn" label={t.create.catalogue} rules={[{ required: true, message: t.create.required }]}>
            <SelectField aria-required options={catalogues.map((c) => ({ value: c.urn, label: `${bi(c.name)}（${c.version}）` }))} />
          </Form.Item>
          <Form.Item name="participant_ids" label={t.create.participants} extra={t.create.participantsHint} rules={[{ required: true, message: t.create.chooseParticipants }]} style={{ marginBottom: 8 }}>
            <SelectField mode="multiple" aria-required optionFilterProp="label" options={members.map((m) => ({ value: m.id, label: organisationName(m) }))} />
          </Form.Item>
          <Button size="small" style={{ marginBottom: 24 }} onClick={() => form.setFieldValue('participant_ids', members.map((m) => m.id))}>{t.create.selectAll}</Button>
          <Form.Item name="closes_on" label={t.create.closesOn} extra={t.create.closesOnHint}>
            <DateField />
          </Form.Item>
          <Button type="primary" htmlType="submit" loading={create.isPending}>{t.create.submit}</Button>
        </Form>
      )}
    </Card>
  );
}
