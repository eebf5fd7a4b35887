import { Card, Col, Row, Spin, Statistic, Table } from 'antd';
import { useMemo } from 'react';
import { Link } from 'react-router';
import { EmptyState } from '../../components/EmptyState.tsx';
import { PageHeading } from '../../components/PageHeading.tsx';
import { LoadFailed } from '../../components/Problems.tsx';
import { EChart } from './EChart.tsx';
import { useOverview, useRegisterOptions, type Overview } from './register-api.ts';
import { label, yenShort } from './register-labels.ts';
import { useRegisterText } from './register-text.ts';
import type { NetworkZone } from '../../../shared/register.ts';
import { useLabels } from '../../lib/labels.ts';

const BAND_COLOURS = { high: '#cf1322', medium: '#d48806', low: '#8c8c8c' };

function bar(names: string[], values: number[], colours?: string[]) {
  return {
    grid: { left: 8, right: 16, top: 8, bottom: 8, containLabel: true },
    tooltip: { trigger: 'axis' },
    xAxis: { type: 'value', minInterval: 1 },
    yAxis: { type: 'category', data: names, inverse: true },
    series: [{ type: 'bar', data: values.map((v, i) => ({ value: v, itemStyle: colours ? { color: colours[i] } : undefined })), label: { show: true, position: 'right' } }],
  };
}

function heat(cells: Overview['heatmap_confidentiality_resident'], xName: string, yName: string) {
  const max = Math.max(1, ...cells.map((c) => c.count));
  return {
    grid: { left: 8, right: 16, top: 8, bottom: 40, containLabel: true },
    tooltip: { formatter: (p: { value: [number, number, number] }) => `${xName} ${p.value[0] + 1} × ${yName} ${p.value[1] + 1}: ${p.value[2]}` },
    xAxis: { type: 'category', data: ['1', '2', '3'], name: xName, nameLocation: 'middle', nameGap: 24 },
    yAxis: { type: 'category', data: ['1', '2', '3'], name: yName },
    visualMap: { min: 0, max, show: false, inRange: { color: ['#f0f5ff', '#85a5ff'] } },
    series: [{ type: 'heatmap', data: cells.map((c) => [c.x - 1, c.y - 1, c.count]), label: { show: true, color: '#000' } }],
  };
}

/** A small table beside each chart: the same figures for screen readers and for copying. */
function DataTable({ caption, rows }: { caption: string; rows: { name: string; count: number }[] }) {
  return (
    <Table size="small" pagination={false} rowKey="name" dataSource={rows} caption={caption} style={{ marginTop: 8 }}
      columns={[{ title: caption, dataIndex: 'name' }, { title: '#', dataIndex: 'count', align: 'right' }]} />
  );
}

export default function RegisterOverviewPage() {
  const { text: t, lang } = useRegisterText();
  const { localName } = useLabels();
  const overview = useOverview('');
  const options = useRegisterOptions();
  const data = overview.data;
  const categoryRows = useMemo(
    () => (options.data?.categories ?? []).map((c) => ({ name: lang === 'en' && c.name_en ? c.name_en : c.name, count: data?.by_category.find((b) => b.category_id === c.id)?.count ?? 0 })),
    [options.data, data, lang],
  );
  const bandRows = (['high', 'medium', 'low'] as const).map((b) => ({ band: b, name: t.band[b], count: data?.by_impact_band.find((x) => x.band === b)?.count ?? 0 }));
  const zoneRows = (data?.by_network_zone ?? []).map((z) => ({ name: label.zone(z.key as NetworkZone, lang), count: z.count }));
  const charts = useMemo(
    () =>
      data && {
        category: bar(categoryRows.map((r) => r.name), categoryRows.map((r) => r.count)),
        band: bar(bandRows.map((r) => r.name), bandRows.map((r) => r.count), bandRows.map((r) => BAND_COLOURS[r.band])),
        zone: bar(zoneRows.map((r) => r.name), zoneRows.map((r) => r.count)),
        heatConfidentiality: heat(data.heatmap_confidentiality_resident, t.field.resident_impact, t.field.confidentiality),
        heatDistress: heat(data.heatmap_distress_loss, t.field.economic_loss, t.field.mental_distress),
      },
    [data, lang, categoryRows],
  );
  if (overview.isError) return <LoadFailed error={overview.error} onRetry={() => void overview.refetch()} />;
  if (!data || !charts) return <Spin />;
  const heatRows = (cells: Overview['heatmap_confidentiality_resident']) => cells.map((c) => ({ name: `${c.y} × ${c.x}`, count: c.count }));
  return (
    <>
      <PageHeading title={t.overview.title} lead={t.overview.lead} extra={<Link to="/register">{t.entry.back}</Link>} />
      {data.total === 0 ? (
        <EmptyState title={t.overview.empty} hint={t.list.emptyHint} />
      ) : (
        <Row gutter={[16, 16]}>
          <Col xs={24} md={8}><Card><Statistic title={t.overview.count} value={data.total} /></Card></Col>
          <Col xs={24} md={8}><Card><Statistic title={t.field.annual_cost} value={data.totals.annual_cost} /></Card></Col>
          <Col xs={24} md={8}><Card><Statistic title={t.field.leak_estimate} value={yenShort(data.totals.leak_estimate_yen, lang)} /></Card></Col>
          <Col xs={24} lg={12}><Card title={<h2 style={{ fontSize: 16, margin: 0 }}>{t.overview.byCategory}</h2>}><EChart option={charts.category} label={t.overview.byCategory} /><DataTable caption={t.overview.byCategory} rows={categoryRows} /></Card></Col>
          <Col xs={24} lg={12}><Card title={<h2 style={{ fontSize: 16, margin: 0 }}>{t.overview.byBand}</h2>}><EChart option={charts.band} label={t.overview.byBand} /><DataTable caption={t.overview.byBand} rows={bandRows} /></Card></Col>
          <Col xs={24} lg={12}><Card title={<h2 style={{ fontSize: 16, margin: 0 }}>{t.overview.heatConfidentiality}</h2>}><EChart option={charts.heatConfidentiality} label={t.overview.heatConfidentiality} /><DataTable caption={t.overview.heatConfidentiality} rows={heatRows(data.heatmap_confidentiality_resident)} /></Card></Col>
          <Col xs={24} lg={12}><Card title={<h2 style={{ fontSize: 16, margin: 0 }}>{t.overview.heatDistress}</h2>}><EChart option={charts.heatDistress} label={t.overview.heatDistress} /><DataTable caption={t.overview.heatDistress} rows={heatRows(data.heatmap_distress_loss)} /></Card></Col>
          <Col xs={24} lg={12}><Card title={<h2 style={{ fontSize: 16, margin: 0 }}>{t.overview.byZone}</h2>}><EChart option={charts.zone} label={t.overview.byZone} height={200} /><DataTable caption={t.overview.byZone} rows={zoneRows} /></Card></Col>
          <Col xs={24} lg={12}>
            <Card title={<h2 style={{ fontSize: 16, margin: 0 }}>{t.overview.top}</h2>}>
              <Table size="small" pagination={false} rowKey="id" dataSource={data.top_entries}
                columns={[
                  { title: t.field.name, dataIndex: 'name', render: (v: string, r) => <Link to={`/register/${r.id}`}>{v}</Link> },
                  { title: t.field.category, dataIndex: 'category_name', render: (v: string, r) => localName(v, r.category_name_en) },
                  { title: t.field.administrative_impact, dataIndex: 'administrative_impact', align: 'right' },
                ]} />
            </Card>
          </Col>
        </Row>
      )}
    </>
  );
}
