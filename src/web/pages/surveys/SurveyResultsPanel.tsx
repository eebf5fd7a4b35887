import { Card, Descriptions, Table, Typography } from 'antd';
import { LegendComponent } from 'echarts/components';
import * as echarts from 'echarts/core';
import { useMemo } from 'react';
import { IMPORTANCE_LEVELS, type ImportanceLevel } from '../../../shared/assessments.ts';
import { EmptyState } from '../../components/EmptyState.tsx';
import { LoadFailed } from '../../components/Problems.tsx';
import { useLabels } from '../../lib/labels.ts';
import { EChart } from '../register/EChart.tsx';
import { useSurveyResults, type SurveyResultItem, type SurveyResults } from './surveys-api.ts';
import { useSurveyText } from './surveys-text.ts';

echarts.use([LegendComponent]);

/** Colours of the scale with at least 3:1 contrast on white; decal patterns carry the difference too. */
const LEVEL_COLOURS: Record<ImportanceLevel, string> = { must_confirm: '#1d39c4', hard_to_confirm: '#ad4e00', not_needed: '#737373' };
const hidden = { position: 'absolute', width: 1, height: 1, overflow: 'hidden', clip: 'rect(0 0 0 0)' } as const;

function chartOption(results: SurveyResults, level: (l: ImportanceLevel) => string, countShare: (count: number, share: number) => string, bi: (v: { ja: string; en: string }) => string) {
  const items = [...results.items].reverse(); // the first item on top
  return {
    aria: { enabled: true, decal: { show: true } },
    grid: { left: 8, right: 24, top: 56, bottom: 8, containLabel: true },
    legend: { top: 0, left: 0 },
    tooltip: {
      trigger: 'axis',
      axisPointer: { type: 'shadow' },
      formatter: (params: { seriesIndex: number; dataIndex: number; seriesName: string; marker: string }[]) => {
        const item = items[params[0]?.dataIndex ?? 0]!;
        return [`${item.key} ${bi(item.name)}`, ...params.map((p) => `${p.marker}${p.seriesName}: ${countShare(item.counts[IMPORTANCE_LEVELS[p.seriesIndex]!], item.percentages[IMPORTANCE_LEVELS[p.seriesIndex]!])}`)].join('<br/>');
      },
    },
    xAxis: { type: 'value', min: 0, max: 100, axisLabel: { formatter: '{value}%' } },
    yAxis: { type: 'category', data: items.map((i) => i.key), axisLabel: { fontWeight: 'bold' } },
    color: IMPORTANCE_LEVELS.map((l) => LEVEL_COLOURS[l]),
    series: IMPORTANCE_LEVELS.map((l) => ({
      name: level(l),
      type: 'bar',
      stack: 'share',
      barMaxWidth: 22,
      label: { show: true, color: '#fff', formatter: (p: { value: number }) => (p.value >= 12 ? `${p.value}%` : '') },
      data: items.map((i) => i.percentages[l]),
    })),
  };
}

/** Results of a survey: response rate, a 100% stacked bar per item with the same figures as a table, and the reasons. */
export function SurveyResultsPanel({ surveyId }: { surveyId: string }) {
  const { text: t, lang, fill, level, bi } = useSurveyText();
  const results = useSurveyResults(surveyId, true);
  const countShare = (count: number, share: number) => fill(t.results.countShare, { count, share });
  const data = results.data;
  // Rebuilt only when the figures or the language change (the chart redraws on a new option).
  const option = useMemo(
    () => (data ? chartOption(data, level, (count, share) => fill(t.results.countShare, { count, share }), bi) : null),
    [data, lang],
  );
  const title = <h2 style={{ fontSize: 16, margin: 0 }}>{t.results.title}</h2>;
  if (results.isError) return <Card title={title}><LoadFailed error={results.error} onRetry={() => void results.refetch()} /></Card>;
  return (
    <Card title={title} loading={results.isPending}>
      {data && (
        <>
          <Typography.Paragraph>{t.results.lead}</Typography.Paragraph>
          <Descriptions size="small" column={1} items={[{ key: 'rate', label: t.results.responseRate, children: fill(t.results.responseValue, { rate: data.response_rate, submitted: data.submitted_count, participants: data.participant_count }) }]} />
          {data.submitted_count === 0 ? (
            <EmptyState title={t.results.empty} hint={t.results.emptyHint} />
          ) : (
            <>
              <Typography.Title level={3} style={{ fontSize: 15, marginTop: 16 }}>{t.results.chartTitle}</Typography.Title>
              {option && <EChart option={option} label={t.results.chartLabel} height={data.items.length * 34 + 90} />}
              <Table
                size="small"
                rowKey="key"
                pagination={false}
                dataSource={data.items}
                caption={<span style={hidden}>{t.results.tableCaption}</span>}
                data-testid="survey-results-table"
                style={{ marginTop: 16 }}
                columns={[
                  { title: t.results.item, key: 'item', render: (_: unknown, r: SurveyResultItem) => <><strong>{r.key}</strong> {bi(r.name)}</> },
                  { title: t.results.respondents, dataIndex: 'respondents', align: 'right' as const },
                  ...IMPORTANCE_LEVELS.map((l) => ({
                    title: level(l),
                    key: l,
                    align: 'right' as const,
                    width: 130,
                    render: (_: unknown, r: SurveyResultItem) => <span style={{ whiteSpace: 'nowrap' }}>{countShare(r.counts[l], r.percentages[l])}</span>,
                  })),
                ]}
              />
              <Reasons results={data} />
            </>
          )}
        </>
      )}
    </Card>
  );
}

function Reasons({ results }: { results: SurveyResults }) {
  const { text: t, lang, level, bi } = useSurveyText();
  const { organisationName } = useLabels();
  const withReasons = results.items.filter((item) => item.reasons.length > 0);
  const tag = (l: ImportanceLevel) => (lang === 'en' ? `[${level(l)}] ` : `［${level(l)}］`);
  return (
    <section aria-labelledby="survey-reasons-title">
      <Typography.Title level={3} id="survey-reasons-title" style={{ fontSize: 15, marginTop: 24 }}>{t.results.reasonsTitle}</Typography.Title>
      {results.anonymised && <Typography.Paragraph type="secondary">{t.results.reasonsAnonymised}</Typography.Paragraph>}
      {withReasons.length === 0 && <Typography.Text type="secondary">{t.results.noReasons}</Typography.Text>}
      {withReasons.map((item) => (
        <div key={item.key} style={{ marginBottom: 12 }}>
          <Typography.Title level={4} style={{ fontSize: 14, marginBottom: 4 }}>{item.key} {bi(item.name)}</Typography.Title>
          <ul style={{ margin: 0, paddingLeft: 20 }}>
            {item.reasons.map((r, i) => (
              <li key={i}>
                <span style={{ color: LEVEL_COLOURS[r.importance], fontWeight: 600 }}>{tag(r.importance)}</span>
                {r.organisation && <span>{organisationName(r.organisation)}{lang === 'en' ? ': ' : '：'}</span>}
                {r.reason}
              </li>
            ))}
          </ul>
        </div>
      ))}
    </section>
  );
}
