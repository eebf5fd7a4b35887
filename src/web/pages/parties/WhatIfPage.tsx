import { PrinterOutlined } from '@ant-design/icons';
import { Alert, Button, Card, Form, Space, Spin, Table, Tag, Typography } from 'antd';
import { Link, useSearchParams } from 'react-router';
import type { WhatIfTargetType } from '../../../shared/schemas/dependencies.ts';
import { PageHeading } from '../../components/PageHeading.tsx';
import { LoadFailed } from '../../components/Problems.tsx';
import { SelectField } from '../../components/SelectField.tsx';
import { StatusTag } from '../../components/StatusTag.tsx';
import { formatCount } from '../../lib/format.ts';
import { BAND_TONE } from '../register/register-labels.ts';
import { useWhatIf, useWhatIfTargets, type WhatIfItem } from './deps-api.ts';
import { useDepsText } from './deps-text.ts';

const BANDS = { ja: { high: '高', medium: '中', low: '低' }, en: { high: 'High', medium: 'Medium', low: 'Low' } } as const;
const RESIDENT_IMPACT = { ja: { 1: '小', 2: '中', 3: '大' }, en: { 1: 'Low', 2: 'Medium', 3: 'High' } } as const;

/** 影響分析（停止したら）: pick what fails, see every affected entry of the organisation, ranked. */
export default function WhatIfPage() {
  const { text: t, fill, lang } = useDepsText();
  const [search, setSearch] = useSearchParams();
  const targetType = (search.get('target_type') as WhatIfTargetType | null) ?? null;
  const targetId = search.get('target_id');
  const targets = useWhatIfTargets();
  const result = useWhatIf(targetType, targetId);
  const value = targetType && targetId ? `${targetType}:${targetId}` : undefined;
  const options = (targets.data?.groups ?? []).map((g) => ({
    label: lang === 'en' ? g.label_en : g.label,
    title: lang === 'en' ? g.label_en : g.label,
    options: g.options.map((o) => ({ value: `${o.target_type}:${o.target_id}`, label: o.label })),
  }));

  const data = result.data;
  return (
    <>
      <PageHeading
        title={t.whatIf.title}
        lead={t.whatIf.lead}
        extra={
          data && (
            <Button icon={<PrinterOutlined aria-hidden />} onClick={() => window.print()}>
              {t.whatIf.print}
            </Button>
          )
        }
      />
      <Card className="no-print" style={{ marginBottom: 16 }}>
        <Form layout="vertical">
          <Form.Item label={t.whatIf.target} htmlFor="what-if-target" style={{ marginBottom: 0 }}>
            <SelectField
              id="what-if-target"
              showSearch
              optionFilterProp="label"
              style={{ maxWidth: 640 }}
              placeholder={t.whatIf.pick}
              loading={targets.isLoading}
              value={value}
              options={options}
              onChange={(v: string) => {
                const [type, id] = v.split(':');
                setSearch({ target_type: type, target_id: id }, { replace: true });
              }}
            />
          </Form.Item>
        </Form>
      </Card>
      {targets.isError && <LoadFailed error={targets.error} onRetry={() => void targets.refetch()} />}
      {!value && <Typography.Paragraph type="secondary">{t.whatIf.empty}</Typography.Paragraph>}
      {result.isError && <LoadFailed error={result.error} onRetry={() => void result.refetch()} />}
      {value && result.isLoading && <Spin />}
      {data && (
        <>
          <Alert
            type={data.summary.high ? 'warning' : 'info'}
            showIcon
            style={{ marginBottom: 16 }}
            message={
              <span role="status">
                {fill(t.whatIf.summary, { target: data.target.name, n: formatCount(data.summary.total, lang), high: formatCount(data.summary.high, lang), residents: formatCount(data.summary.residents, lang) })}
              </span>
            }
          />
          <Table<WhatIfItem>
            rowKey={(r) => r.entry.id}
            size="small"
            dataSource={data.items}
            pagination={false}
            locale={{ emptyText: t.whatIf.none }}
            columns={[
              { title: '#', key: 'rank', width: 48, render: (_v, _r, i) => i + 1 },
              {
                title: t.whatIf.entry,
                key: 'entry',
                render: (_v, r) => (
                  <Link to={`/register/${r.entry.id}?tab=parties`}>
                    {r.entry.external_key} {r.entry.name}
                  </Link>
                ),
              },
              { title: t.whatIf.department, key: 'department', width: 140, render: (_v, r) => r.entry.department },
              {
                title: t.whatIf.impact,
                key: 'impact',
                width: 150,
                render: (_v, r) => (
                  <StatusTag tone={BAND_TONE[r.band]}>
                    {BANDS[lang][r.band]} {r.administrative_impact}
                  </StatusTag>
                ),
              },
              { title: t.whatIf.residentImpact, key: 'resident_impact', width: 110, render: (_v, r) => RESIDENT_IMPACT[lang][r.resident_impact as 1 | 2 | 3] ?? r.resident_impact },
              { title: t.whatIf.residents, key: 'residents', width: 120, align: 'right', render: (_v, r) => (r.residents_held === null ? '—' : fill(t.whatIf.people, { count: formatCount(r.residents_held, lang) })) },
              {
                title: t.whatIf.reached,
                key: 'reached',
                render: (_v, r) =>
                  r.reached === 'direct' ? (
                    <Tag>{t.whatIf.direct}</Tag>
                  ) : (
                    <Space size={4} wrap>
                      {r.path.map((step, i) => (
                        <span key={`${step.kind}:${step.id}`}>
                          {i > 0 && <span aria-hidden> → </span>}
                          {step.name}
                        </span>
                      ))}
                    </Space>
                  ),
              },
            ]}
          />
        </>
      )}
    </>
  );
}
