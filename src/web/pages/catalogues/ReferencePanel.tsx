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
    const measures = nameOf(content.countermeasures as Entry[]);
    const labels = t.reference['failure-patterns'];
    return (
      <Table size="small" rowKey="id" pagination={false} dataSource={content.patterns as (Entry & { number: number; where: Bi; countermeasures: string[] })[]}
        columns={[
          { title: '#', dataIndex: 'number', width: 48 },
          { title: labels.pattern, dataIndex: 'name', render: (v: Bi) => pick(v) },
          { title: labels.where, dataIndex: 'where', render: (v: Bi) => pick(v) },
          { title: labels.countermeasures, dataIndex: 'countermeasures', render: (ids: string[]) => list(ids.map((id) => measures.get(id) ?? id)) },
        ]} />
    );
  }
  if (name === 'responsibility-layers') {
    const parties = nameOf(content.parties as Entry[]);
    const labels = t.reference['responsibility-layers'];
    return (
      <>
        <Table size="small" rowKey="id" pagination={false} dataSource={content.layers as (Entry & { order: number; description: Bi; typical_party: string })[]}
          columns={[
            { title: '#', dataIndex: 'order', width: 48 },
            { title: labels.layer, dataIndex: 'name', render: (v: Bi) => pick(v) },
            { title: labels.description, dataIndex: 'description', render: (v: Bi) => pick(v) },
            { title: labels.party, dataIndex: 'typical_party', render: (id: string) => parties.get(id) },
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
