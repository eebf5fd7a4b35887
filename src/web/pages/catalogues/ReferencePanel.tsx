import { Descriptions, List, Table, Typography } from 'antd';
import type { ReferenceName } from '../../../shared/schemas/catalogues.ts';
import { StatusTag } from '../../components/StatusTag.tsx';
import { useReferenceCatalogue } from './catalogues-api.ts';
import { useCatalogueText } from './catalogues-text.ts';

type Bi = { ja: string; en: string };
type Entry = { id: string; name: Bi };

/** The content of one reference catalogue, as tables a person can read. */
export function ReferencePanel({ name }: { name: ReferenceName }) {
  const { text: t, pick, list } = useCatalogueText();
  const query = useReferenceCatalogue(name);
  if (query.isPending) return <Typography.Text>…</Typography.Text>;
  if (query.isError) return <Typography.Text type="danger">{String(query.error.message)}</Typography.Text>;
  const content = query.data.content as Record<string, unknown>;
  const nameOf = (list: Entry[]) => new Map(list.map((e) => [e.id, pick(e.name)]));

  if (name === 'failure-patterns') {
    const allMeasures = content.countermeasures as (Entry & { table: boolean; description: Bi })[];
    const measures = nameOf(allMeasures);
    const groups = content.groups as Entry[];
    const components = content.components as (Entry & { group: string })[];
    const labels = t.reference['failure-patterns'];
    type Pattern = Entry & { number: number; description: Bi; fails: string[]; countermeasures: string[]; further: string[] };
    // Table 2-14 as the seed draws it: components grouped by where they are, × where the pattern fails.
    const matrix = groups.map((g) => ({
      title: pick(g.name),
      children: components
        .filter((c) => c.group === g.id)
        .map((c) => ({
          title: pick(c.name),
          key: c.id,
          width: 52,
          align: 'center' as const,
          render: (_: unknown, p: Pattern) => (p.fails.includes(c.id) ? <span title={labels.failed}>×</span> : ''),
        })),
    }));
    return (
      <>
        <Table size="small" rowKey="id" pagination={false} bordered tableLayout="fixed" dataSource={content.patterns as Pattern[]}
          columns={[
            { title: '#', dataIndex: 'number', width: 40 },
            { title: labels.pattern, dataIndex: 'name', width: 170, render: (v: Bi, p: Pattern) => <Typography.Text title={pick(p.description)}>{pick(v)}</Typography.Text> },
            { title: labels.fails, children: matrix },
            { title: labels.countermeasures, dataIndex: 'countermeasures', render: (ids: string[]) => list(ids.map((id) => measures.get(id) ?? id)) },
            { title: labels.further, dataIndex: 'further', render: (ids: string[]) => list(ids.map((id) => measures.get(id) ?? id)) },
          ]} />
        <Typography.Title level={4} style={{ fontSize: 15, marginTop: 16 }}>{labels.measures}</Typography.Title>
        <List size="small" dataSource={allMeasures}
          renderItem={(m) => (
            <List.Item>
              <Typography.Text strong>{pick(m.name)}</Typography.Text>
              {m.table && <StatusTag tone="info">{labels.table}</StatusTag>}
              <Typography.Text>{pick(m.description)}</Typography.Text>
            </List.Item>
          )} />
      </>
    );
  }
  if (name === 'responsibility-layers') {
    const parties = nameOf(content.parties as Entry[]);
    const labels = t.reference['responsibility-layers'];
    return (
      <>
        <Table size="small" rowKey="id" pagination={false} dataSource={content.layers as (Entry & { order: number; description: Bi; typical_party: string; backup_expected: boolean })[]}
          columns={[
            { title: '#', dataIndex: 'order', width: 48 },
            { title: labels.layer, dataIndex: 'name', render: (v: Bi) => pick(v) },
            { title: labels.description, dataIndex: 'description', render: (v: Bi) => pick(v) },
            { title: labels.party, dataIndex: 'typical_party', render: (id: string) => parties.get(id) },
            { title: labels.backup, dataIndex: 'backup_expected', width: 110, render: (v: boolean) => (v ? '○' : '') },
          ]} />
        <Typography.Title level={4} style={{ fontSize: 15, marginTop: 16 }}>{labels.roles}</Typography.Title>
        <Descriptions size="small" column={1} bordered items={(content.roles as (Entry & { description: Bi })[]).map((r) => ({ key: r.id, label: pick(r.name), children: pick(r.description) }))} />
      </>
    );
  }
  if (name === 'disposal-methods') {
    const methods = content.methods as (Entry & { description: Bi; cloud_suitable?: boolean })[];
    const names = nameOf(methods);
    const labels = t.reference['disposal-methods'];
    return (
      <>
        <Table size="small" rowKey="id" pagination={false} dataSource={content.classes as (Entry & { number: number; methods: string[]; assurance: Bi })[]}
          columns={[
            { title: '#', dataIndex: 'number', width: 48 },
            { title: labels.klass, dataIndex: 'name', render: (v: Bi) => pick(v) },
            { title: labels.methods, dataIndex: 'methods', render: (ids: string[]) => list(ids.map((id) => names.get(id) ?? id)) },
            { title: labels.assurance, dataIndex: 'assurance', render: (v: Bi) => pick(v) },
          ]} />
        <List size="small" style={{ marginTop: 16 }} dataSource={methods}
          renderItem={(m) => (
            <List.Item>
              <Typography.Text strong>{pick(m.name)}</Typography.Text>
              {m.cloud_suitable && <StatusTag tone="info">{labels.cloud}</StatusTag>}
              <Typography.Text>{pick(m.description)}</Typography.Text>
            </List.Item>
          )} />
      </>
    );
  }
  if (name === 'sla-items') {
    const labels = t.reference['sla-items'];
    return (
      <Table size="small" rowKey="code" pagination={false} dataSource={content.items as { code: string; name: Bi; recommended: Bi }[]}
        columns={[
          { title: labels.item, dataIndex: 'name', render: (v: Bi) => pick(v) },
          { title: labels.recommended, dataIndex: 'recommended', render: (v: Bi) => pick(v) },
        ]} />
    );
  }
  const labels = t.reference['classification-schemes'];
  return (
    <Table size="small" rowKey="id" pagination={false} dataSource={content.schemes as (Entry & { levels: { code: string; name: Bi }[] })[]}
      columns={[
        { title: labels.scheme, dataIndex: 'name', render: (v: Bi) => pick(v) },
        { title: labels.levels, dataIndex: 'levels', render: (levels: { code: string; name: Bi }[]) => levels.map((l) => pick(l.name)).join(' / ') },
      ]} />
  );
}
