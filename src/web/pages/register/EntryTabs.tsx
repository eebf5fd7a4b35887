import { Descriptions, Empty, List, Statistic, Table, Typography, Row, Col, Card } from 'antd';
import { formatDateTime, formatDate } from '../../lib/format.ts';
import { StatusTag } from '../../components/StatusTag.tsx';
import { LoadFailed } from '../../components/Problems.tsx';
import { useEntryHistory, type Entry, type RegisterOptions } from './register-api.ts';
import { BAND_TONE, label, STATUS_TONE, yen } from './register-labels.ts';
import { useRegisterText } from './register-text.ts';
import { ChangeSentence } from '../audit/AuditChange.tsx';
import { auditActionLabel, auditActorLabel } from '../../../shared/audit-vocabulary.ts';
import { usePartiesText } from '../parties/parties-text.ts';

const dash = (v: unknown) => (v === null || v === undefined || v === '' ? '—' : String(v));

export function OverviewTab({ entry, options }: { entry: Entry; options: RegisterOptions | undefined }) {
  const { text: t, lang } = useRegisterText();
  const { text: pt, business } = usePartiesText();
  const kinds = entry.data_kinds.map((code) => options?.data_kinds.find((k) => k.code === code)?.name[lang] ?? code).join('、');
  return (
    <Descriptions bordered column={{ xs: 1, md: 2 }} size="small">
      <Descriptions.Item label={t.field.external_key}>{entry.external_key}</Descriptions.Item>
      <Descriptions.Item label={t.field.status}><StatusTag tone={STATUS_TONE[entry.status]}>{label.status(entry.status, lang)}</StatusTag></Descriptions.Item>
      <Descriptions.Item label={t.field.vendor}>{entry.vendor ? `${entry.vendor.name}${entry.vendor.corporate_number ? `（${entry.vendor.corporate_number}）` : ''}` : '—'}</Descriptions.Item>
      <Descriptions.Item label={t.field.category}>{entry.category.name}</Descriptions.Item>
      <Descriptions.Item label={t.field.service_model}>{label.model(entry.service_model, lang)}</Descriptions.Item>
      <Descriptions.Item label={t.field.department}>{entry.department}</Descriptions.Item>
      <Descriptions.Item label={t.field.network_zone}>{label.zone(entry.network_zone, lang)}</Descriptions.Item>
      <Descriptions.Item label={t.field.data_location}>{label.location(entry.data_location, lang)}{entry.data_region ? `（${entry.data_region}）` : ''}</Descriptions.Item>
      <Descriptions.Item label={pt.entry.standardisedBusiness}>{entry.standardised_business ? business(entry.standardised_business) : pt.entry.notApplicable}</Descriptions.Item>
      <Descriptions.Item label={pt.entry.governmentCloud}>{entry.government_cloud ? pt.entry.yes : pt.entry.no}</Descriptions.Item>
      <Descriptions.Item label={t.field.business_purpose} span={2}>{dash(entry.business_purpose)}</Descriptions.Item>
      <Descriptions.Item label={t.field.users_description}>{dash(entry.users_description)}</Descriptions.Item>
      <Descriptions.Item label={t.field.contract_form}>{label.contract(entry.contract_form, lang)}</Descriptions.Item>
      <Descriptions.Item label={`${t.field.contract_start} – ${t.field.contract_end}`}>{formatDate(entry.contract_start)} – {formatDate(entry.contract_end)}</Descriptions.Item>
      <Descriptions.Item label={t.field.notice_period_days}>{dash(entry.notice_period_days)}</Descriptions.Item>
      <Descriptions.Item label={t.field.auto_renewal}>{entry.auto_renewal ? t.form.yes : t.form.no}</Descriptions.Item>
      <Descriptions.Item label={t.field.annual_cost}>{yen(entry.annual_cost, lang)}</Descriptions.Item>
      <Descriptions.Item label={t.field.contract_number}>{dash(entry.contract_number)}</Descriptions.Item>
      <Descriptions.Item label={t.field.residents_held}>{entry.residents_held?.toLocaleString() ?? '—'}</Descriptions.Item>
      <Descriptions.Item label={t.field.data_kinds} span={2}>{kinds || '—'}</Descriptions.Item>
      <Descriptions.Item label={t.field.related_services} span={2}>{dash(entry.related_services)}</Descriptions.Item>
      <Descriptions.Item label={t.field.notes} span={2}><Typography.Text style={{ whiteSpace: 'pre-wrap' }}>{dash(entry.notes)}</Typography.Text></Descriptions.Item>
      <Descriptions.Item label={t.field.updated_at}>{formatDateTime(entry.updated_at)}</Descriptions.Item>
    </Descriptions>
  );
}

export function ClassificationTab({ entry, options }: { entry: Entry; options: RegisterOptions | undefined }) {
  const { text: t, lang } = useRegisterText();
  const c = entry.classification;
  const scheme = options?.schemes.find((s) => s.id === c.scheme_id);
  const levelName = scheme?.levels.find((l) => l.code === c.confidentiality)?.name[lang] ?? c.confidentiality;
  return (
    <>
      <Row gutter={[16, 16]} style={{ marginBottom: 16 }}>
        <Col xs={24} md={8}>
          <Card size="small"><Statistic title={t.field.administrative_impact} value={c.administrative_impact} suffix="/ 81" />
            <StatusTag tone={BAND_TONE[c.impact_band]}>{t.band[c.impact_band]}</StatusTag></Card>
        </Col>
        <Col xs={24} md={16}>
          <Card size="small">
            <Statistic title={t.field.leak_estimate} value={c.leak_estimate_yen} suffix={lang === 'en' ? 'yen' : '円'} />
            <Typography.Text>{t.entry.perPerson}: {yen(c.leak_estimate_per_person_yen, lang)}（{t.entry.identifiability} {c.identifiability}）</Typography.Text>
            <Typography.Paragraph type="secondary" style={{ marginBottom: 0 }}>{entry.residents_held ? t.entry.estimateNote : t.entry.noResidents}</Typography.Paragraph>
          </Card>
        </Col>
      </Row>
      <Descriptions bordered column={1} size="small">
        <Descriptions.Item label={t.field.scheme}>{scheme?.name[lang] ?? c.scheme_id}</Descriptions.Item>
        <Descriptions.Item label={t.field.confidentiality}>{levelName}（{c.confidentiality_level}）{c.confidentiality_reason ? ` — ${c.confidentiality_reason}` : ''}</Descriptions.Item>
        <Descriptions.Item label={t.field.resident_impact}>{label.residentImpact(c.resident_impact, lang)}{c.resident_impact_reason ? ` — ${c.resident_impact_reason}` : ''}</Descriptions.Item>
        <Descriptions.Item label={t.field.mental_distress}>{c.mental_distress}（{t.entry.proposed}: {c.proposed_mental_distress}）</Descriptions.Item>
        <Descriptions.Item label={t.field.economic_loss}>{c.economic_loss}（{t.entry.proposed}: {c.proposed_economic_loss}）</Descriptions.Item>
        {c.overridden && <Descriptions.Item label={t.field.override_reason}>{dash(c.override_reason)}</Descriptions.Item>}
      </Descriptions>
    </>
  );
}

export function HistoryTab({ entry }: { entry: Entry }) {
  const { text: t, lang } = useRegisterText();
  const history = useEntryHistory(entry.id);
  if (history.isError) return <LoadFailed error={history.error} onRetry={() => void history.refetch()} />;
  const names = history.data?.names;
  return (
    <>
      <Typography.Title level={2} style={{ fontSize: 18 }}>{t.entry.classificationHistory}</Typography.Title>
      <List
        loading={history.isPending}
        dataSource={history.data?.classification ?? []}
        locale={{ emptyText: <Empty description={t.entry.noHistory} /> }}
        renderItem={(h) => (
          <List.Item>
            <List.Item.Meta
              title={`${formatDateTime(h.at)} ${h.actor_label}`}
              description={
                <>
                  {h.reason && <div>{h.reason}</div>}
                  <div>
                    <ChangeSentence before={h.before} after={h.after} targetType="register_entry" names={names} />
                  </div>
                </>
              }
            />
          </List.Item>
        )}
      />
      <Typography.Title level={2} style={{ fontSize: 18, marginTop: 24 }}>{t.entry.changeTrail}</Typography.Title>
      <Table
        rowKey="id"
        size="small"
        loading={history.isPending}
        dataSource={history.data?.changes ?? []}
        pagination={{ pageSize: 10, hideOnSinglePage: true }}
        columns={[
          { title: t.entry.historyAt, dataIndex: 'at', width: 150, render: (v: string) => formatDateTime(v) },
          { title: t.entry.historyActor, key: 'actor', width: 200, render: (_v, row) => auditActorLabel(row, lang) },
          { title: t.entry.historyAction, dataIndex: 'action', width: 200, render: (v: string) => auditActionLabel(v, lang) },
          { title: t.entry.historyChange, key: 'change', render: (_v, row) => <ChangeSentence before={row.before} after={row.after} targetType={row.target_type} names={names} /> },
        ]}
      />
    </>
  );
}

