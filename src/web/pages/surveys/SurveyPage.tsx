import { ArrowLeftOutlined, DownloadOutlined, StopOutlined } from '@ant-design/icons';
import { App, Button, Card, Descriptions, Popconfirm, Space, Spin, Table, Typography } from 'antd';
import { Link, useParams } from 'react-router';
import { ApiError } from '../../api/client.ts';
import { PageHeading } from '../../components/PageHeading.tsx';
import { LoadFailed, NotFound } from '../../components/Problems.tsx';
import { StatusTag } from '../../components/StatusTag.tsx';
import { formatDateTime, formatDate } from '../../lib/format.ts';
import { useLabels } from '../../lib/labels.ts';
import { SurveyAnswerForm } from './SurveyAnswerForm.tsx';
import { SurveyResultsPanel } from './SurveyResultsPanel.tsx';
import { MyStateTag, SurveyStatusTag } from './survey-tags.tsx';
import { resultsXlsxUrl, surveyApi, useSurvey, useSurveyMutation, type SurveyDetail } from './surveys-api.ts';
import { useSurveyText } from './surveys-text.ts';

const hidden = { position: 'absolute', width: 1, height: 1, overflow: 'hidden', clip: 'rect(0 0 0 0)' } as const;

/** /surveys/:id: the answer form for a participant; results, participants, close and download for the owner. */
export default function SurveyPage() {
  const { id } = useParams();
  const { text: t } = useSurveyText();
  const survey = useSurvey(id);
  if (survey.isError) return survey.error instanceof ApiError && survey.error.status === 404 ? <NotFound /> : <LoadFailed error={survey.error} onRetry={() => void survey.refetch()} />;
  if (!survey.data) return <Spin tip={t.common.loading} style={{ display: 'block', marginTop: 48 }}><div /></Spin>;
  return <SurveyView survey={survey.data} />;
}

function SurveyView({ survey }: { survey: SurveyDetail }) {
  const { text: t, lang, fill, bi } = useSurveyText();
  const { organisationName } = useLabels();
  const { message } = App.useApp();
  const close = useSurveyMutation(surveyApi.close);
  const owner = survey.role === 'owner';

  const actions = (
    <Space wrap>
      <Link to="/surveys"><Button icon={<ArrowLeftOutlined aria-hidden />}>{t.detail.back}</Button></Link>
      {owner && (
        <Button href={resultsXlsxUrl(survey.id)} icon={<DownloadOutlined aria-hidden />}>{t.detail.download}</Button>
      )}
      {survey.can_close && (
        <Popconfirm
          title={t.detail.closeConfirm}
          description={<div style={{ maxWidth: 320 }}>{t.detail.closeConfirmHint}</div>}
          okText={t.detail.closeOk}
          cancelText={t.detail.cancel}
          onConfirm={() =>
            close.mutateAsync(survey.id).then(
              () => void message.success(t.detail.closedDone),
              (error: unknown) => void message.error(error instanceof ApiError ? error.localized(lang) : String(error)),
            )
          }
        >
          <Button danger icon={<StopOutlined aria-hidden />} loading={close.isPending}>{t.detail.close}</Button>
        </Popconfirm>
      )}
    </Space>
  );

  const facts = [
    { key: 'owner', label: t.list.owner, children: organisationName(survey.owner) },
    { key: 'catalogue', label: t.list.catalogue, children: `${bi(survey.catalogue.name)}（${survey.catalogue.version}）` },
    { key: 'status', label: t.list.status, children: <SurveyStatusTag status={survey.status} /> },
    { key: 'closes_on', label: t.list.closesOn, children: survey.closes_on ? formatDate(survey.closes_on) : t.list.noDeadline },
    owner
      ? { key: 'responses', label: t.list.responses, children: fill(t.list.responseCount, { submitted: survey.submitted_count, participants: survey.participant_count, rate: survey.response_rate }) }
      : { key: 'mine', label: t.list.myState, children: survey.my_state ? <MyStateTag state={survey.my_state} /> : null },
  ];

  return (
    <>
      <PageHeading title={survey.title} extra={actions} lead={fill(t.detail.by, { owner: organisationName(survey.owner) })} />
      <Card style={{ marginBottom: 16 }}>
        <Descriptions size="small" column={{ xs: 1, md: 2 }} items={facts} />
      </Card>
      {owner ? (
        <>
          <ParticipantsCard survey={survey} />
          <div style={{ marginTop: 16 }}>
            <SurveyResultsPanel surveyId={survey.id} />
          </div>
        </>
      ) : (
        <>
          {survey.results_visible && <SurveyResultsPanel surveyId={survey.id} />}
          <div style={{ marginTop: 16 }}>
            <SurveyAnswerForm key={survey.id} survey={survey} />
          </div>
          {!survey.results_visible && <Typography.Paragraph style={{ marginTop: 16 }}>{t.detail.resultsLater}</Typography.Paragraph>}
        </>
      )}
    </>
  );
}

function ParticipantsCard({ survey }: { survey: SurveyDetail }) {
  const { text: t } = useSurveyText();
  const { organisationName } = useLabels();
  type Row = NonNullable<SurveyDetail['participants']>[number];
  return (
    <Card title={<h2 style={{ fontSize: 16, margin: 0 }}>{t.detail.participants}</h2>}>
      <Table
        size="small"
        rowKey="id"
        pagination={false}
        dataSource={survey.participants ?? []}
        caption={<span style={hidden}>{t.detail.participantsCaption}</span>}
        columns={[
          { title: t.detail.participantName, key: 'name', render: (_: unknown, r: Row) => organisationName(r) },
          {
            title: t.detail.submittedAt,
            dataIndex: 'submitted_at',
            render: (v: string | null) => (v ? <StatusTag tone="success">{formatDateTime(v)}</StatusTag> : <StatusTag tone="warning">{t.detail.notSubmitted}</StatusTag>),
          },
        ]}
      />
    </Card>
  );
}
