import { Card, Table, Typography } from 'antd';
import { EmptyState } from '../../components/EmptyState.tsx';
import { LineChart } from 'echarts/charts';
import { LegendComponent, MarkLineComponent } from 'echarts/components';
import * as echarts from 'echarts/core';
import { useMemo } from 'react';
import { StatusTag } from '../../components/StatusTag.tsx';
import { LoadFailed } from '../../components/Problems.tsx';
import { EChart } from '../register/EChart.tsx';
import { useEntryResults, type MonthlyResult } from './sla-api.ts';
import { duration, monthLabel, percent, signedPoints, yenAmount } from './sla-format.ts';
import { useSlaText, type SlaText } from './sla-text.ts';
import type { Lang } from '../../i18n/index.ts';

echarts.use([LineChart, LegendComponent, MarkLineComponent]);

type Fill = (t: string, v: Record<string, string | number>) => string;

/** 達成 / 未達 / 目標なし, colour and text. */
export function MetTag({ met, text }: { met: boolean | null; text: SlaText }) {
  if (met === null) return <StatusTag tone="neutral">{text.results.noTarget}</StatusTag>;
  return met ? <StatusTag tone="success">{text.results.met}</StatusTag> : <StatusTag tone="error">{text.results.breached}</StatusTag>;
}

/** The difference between our figures and the vendor's: a tag, and the points when they differ. */
export function DiffCell({ result, text, lang }: { result: Pick<MonthlyResult, 'vendor_availability' | 'diff_contract_vendor' | 'diff_own_vendor' | 'differs'>; text: SlaText; lang: Lang }) {
  if (result.vendor_availability === null) return <Typography.Text type="secondary">{text.results.noVendor}</Typography.Text>;
  if (!result.differs) return <StatusTag tone="success">{text.results.same}</StatusTag>;
  return (
    <>
      <StatusTag tone="warning">{text.results.differs}</StatusTag>
      <div style={{ fontSize: 12, whiteSpace: 'nowrap' }}>
        {result.diff_contract_vendor !== null && <div>{text.results.contractShort} {signedPoints(result.diff_contract_vendor, lang)}</div>}
        {result.diff_own_vendor !== null && <div>{text.results.ownShort} {signedPoints(result.diff_own_vendor, lang)}</div>}
      </div>
    </>
  );
}

export function CreditCell({ result, lang }: { result: Pick<MonthlyResult, 'credit_percent' | 'credit_yen'>; lang: Lang }) {
  if (result.credit_percent === null) return <>—</>;
  if (!result.credit_percent) return <>{yenAmount(0, lang)}</>;
  return (
    <strong style={{ whiteSpace: 'nowrap' }}>
      {result.credit_yen !== null ? yenAmount(result.credit_yen, lang) : '—'}
      <div style={{ fontSize: 12, fontWeight: 'normal' }}>{percent(result.credit_percent, lang)}</div>
    </strong>
  );
}

/** The columns shared by the entry's monthly table and the organisation's month table: the three
 * availabilities, their difference, the result and the credit first; outages and MTTR last. */
export function resultColumns<T extends MonthlyResult>(t: SlaText, lang: Lang, fill: Fill) {
  const nowrap = { whiteSpace: 'nowrap' as const };
  return [
    {
      title: t.results.contract,
      dataIndex: 'contract_availability',
      align: 'right' as const,
      width: 100,
      render: (v: number, r: T) => (
        <>
          <strong>{percent(v, lang)}</strong>
          <div style={{ fontSize: 12, ...nowrap }}>{t.results.target} {percent(r.target, lang)}</div>
        </>
      ),
    },
    { title: t.results.own, dataIndex: 'own_availability', align: 'right' as const, width: 84, render: (v: number | null) => percent(v, lang) },
    { title: t.results.vendor, dataIndex: 'vendor_availability', align: 'right' as const, width: 84, render: (v: number | null) => percent(v, lang) },
    { title: t.results.diff, key: 'diff', width: 112, render: (_: unknown, r: T) => <DiffCell result={r} text={t} lang={lang} /> },
    { title: t.results.judgement, key: 'met', width: 84, render: (_: unknown, r: T) => <MetTag met={r.met} text={t} /> },
    { title: t.results.credit, key: 'credit', align: 'right' as const, width: 110, render: (_: unknown, r: T) => <CreditCell result={r} lang={lang} /> },
    {
      title: t.results.outagesMttr,
      key: 'outages',
      align: 'right' as const,
      width: 118,
      render: (_: unknown, r: T) => (
        <>
          {fill(t.results.outageCount, { n: r.outage_count })}
          {r.outage_count > 0 && <span style={{ fontSize: 12, ...nowrap }}>（{duration(r.outage_minutes, t, fill)}）</span>}
          {r.mttr_minutes !== null && <div style={{ fontSize: 12, ...nowrap }}>{t.results.mttr} {duration(r.mttr_minutes, t, fill)}</div>}
          {r.mttr_met === false && <div><StatusTag tone="warning">{t.results.mttrOver}</StatusTag></div>}
        </>
      ),
    },
  ];
}

function trendOption(items: MonthlyResult[], t: SlaText, lang: Lang) {
  const values = items.flatMap((r) => [r.contract_availability, r.own_availability, r.vendor_availability, r.target]).filter((v): v is number => typeof v === 'number');
  const low = Math.min(100, ...values);
  const min = Math.max(0, Math.floor((low - 0.2) * 2) / 2);
  const series = (name: string, data: (number | null)[], symbol: string, lineType: 'solid' | 'dashed' | 'dotted' = 'solid') => ({
    name,
    type: 'line',
    data,
    symbol,
    symbolSize: 8,
    connectNulls: false,
    lineStyle: { type: lineType, width: 2 },
  });
  return {
    grid: { left: 8, right: 24, top: 40, bottom: 8, containLabel: true },
    tooltip: { trigger: 'axis', valueFormatter: (v: number | null) => percent(v, lang) },
    legend: { top: 0 },
    color: ['#1d39c4', '#389e0d', '#d46b08', '#a8071a'],
    xAxis: { type: 'category', data: items.map((r) => monthLabel(r.month, lang)) },
    yAxis: { type: 'value', min, max: 100, axisLabel: { formatter: '{value}%' } },
    series: [
      series(t.results.contract, items.map((r) => r.contract_availability), 'circle'),
      series(t.results.own, items.map((r) => r.own_availability), 'rect'),
      series(t.results.vendor, items.map((r) => r.vendor_availability), 'triangle', 'dotted'),
      { ...series(t.results.target, items.map((r) => r.target), 'none', 'dashed'), step: 'middle' },
    ],
  };
}

/** The last 12 months: three availabilities side by side, outages, MTTR, met/breached, credit; and the trend against the target. */
export function ResultsPanel({ entryId, from, to }: { entryId: string; from: string; to: string }) {
  const { text: t, lang, fill } = useSlaText();
  const results = useEntryResults(entryId, from, to);
  const items = useMemo(() => [...(results.data ?? [])].sort((a, b) => a.month.localeCompare(b.month)), [results.data]);
  const option = useMemo(() => trendOption(items, t, lang), [items, t, lang]);
  if (results.isError) return <Card title={<h2 style={{ fontSize: 16, margin: 0 }}>{t.results.title}</h2>}><LoadFailed error={results.error} onRetry={() => void results.refetch()} /></Card>;
  const anything = items.some((r) => r.outage_count > 0 || r.vendor_availability !== null || r.own_availability !== null);
  return (
    <Card title={<h2 style={{ fontSize: 16, margin: 0 }}>{t.results.title}</h2>} loading={results.isPending}>
      <Typography.Paragraph>{t.results.lead}</Typography.Paragraph>
      {!anything ? (
        <EmptyState title={t.results.empty} hint={t.results.emptyHint} />
      ) : (
        <>
          <Table
            size="small"
            rowKey="month"
            pagination={false}
            scroll={{ x: 'max-content' }}
            dataSource={items}
            caption={<span style={{ position: 'absolute', width: 1, height: 1, overflow: 'hidden', clip: 'rect(0 0 0 0)' }}>{t.results.tableCaption}</span>}
            onRow={(r) => ({ style: r.met === false ? { background: '#fff1f0' } : undefined })}
            data-testid="sla-results-table"
            columns={[
              { title: t.results.month, dataIndex: 'month', width: 100, render: (v: string) => <span style={{ whiteSpace: 'nowrap' }}>{monthLabel(v, lang)}</span> },
              ...resultColumns<MonthlyResult>(t, lang, fill),
            ]}
          />
          <Typography.Title level={3} style={{ fontSize: 15, marginTop: 24 }}>{t.results.chartTitle}</Typography.Title>
          <EChart option={option} label={t.results.chartLabel} height={300} />
        </>
      )}
    </Card>
  );
}
