import { DownloadOutlined } from '@ant-design/icons';
import { Alert, Button, Card, Col, Descriptions, Result, Row, Space, Table, Typography } from 'antd';
import { useEffect } from 'react';
import { Link, useLocation, useParams } from 'react-router';
import { ApiError } from '../../api/client.ts';
import { can, useMe } from '../../api/session.ts';
import { PageHeading } from '../../components/PageHeading.tsx';
import { StatusTag } from '../../components/StatusTag.tsx';
import { formatDateTime } from '../../lib/format.ts';
import { useCatalogue, useCatalogueHistory, type CatalogueDetail, type CatalogueItemView, type CatalogueSummary } from './catalogues-api.ts';
import { useCatalogueText } from './catalogues-text.ts';
import { ItemLinkList, itemAnchor } from './ItemLinks.tsx';


/** One catalogue version: categories, items with answer type, guidance, evidence and mappings both ways; its versions. */
export default function CataloguePage() {
  const { id = '' } = useParams();
  const { text: t, pick, lang } = useCatalogueText();
  const query = useCatalogue(id);
  const location = useLocation();
  // The list is an administrator's screen; others arrive from an assessment item's links.
  const listLink = can(useMe(), 'register:configure') ? <Link to="/catalogues">{t.detail.back}</Link> : null;
  const catalogue = query.data;

  // Follow a link to an item's anchor once the catalogue is on screen.
  useEffect(() => {
    if (!catalogue || !location.hash) return;
    document.getElementById(decodeURIComponent(location.hash.slice(1)))?.scrollIntoView({ block: 'start' });
  }, [catalogue, location.hash]);

  if (query.isError) {
    const notFound = query.error instanceof ApiError && query.error.status === 404;
    return <Result status={notFound ? '404' : 'error'} title={query.error instanceof ApiError ? query.error.localized(lang) : String(query.error)} extra={listLink} />;
  }
  if (!catalogue) return <Card loading />;

  return (
    <>
      <PageHeading
        title={pick(catalogue.name)}
        lead={catalogue.description ? pick(catalogue.description) : undefined}
        extra={
          <Space wrap>
            <Button icon={<DownloadOutlined aria-hidden />} href={`/api/catalogues/versions/${catalogue.id}/export.xlsx`}>{t.detail.export}</Button>
            {listLink}
          </Space>
        }
      />
      <Overview catalogue={catalogue} />
      <nav aria-label={t.detail.contents} style={{ margin: '16px 0' }}>
        <Space wrap>
          {catalogue.categories.map((category) => (
            <a key={category.key} href={`#category-${category.key}`}>{category.number ? `${category.number}. ` : ''}{pick(category.name)}</a>
          ))}
        </Space>
      </nav>
      {catalogue.categories.map((category) => (
        <section key={category.key} id={`category-${category.key}`} aria-labelledby={`category-title-${category.key}`} style={{ marginBottom: 24 }}>
          <Typography.Title level={2} id={`category-title-${category.key}`} style={{ fontSize: 18 }}>
            {category.number ? `${category.number}. ` : ''}{pick(category.name)}
          </Typography.Title>
          <Space direction="vertical" style={{ width: '100%' }}>
            {category.items.map((item) => <ItemCard key={item.key} item={item} />)}
          </Space>
        </section>
      ))}
      <History catalogue={catalogue} />
    </>
  );
}

function Overview({ catalogue }: { catalogue: CatalogueDetail }) {
  const { text: t, pick } = useCatalogueText();
  return (
    <Space direction="vertical" style={{ width: '100%' }}>
      {!catalogue.assessable && <Alert type="info" showIcon message={t.detail.notAssessable} />}
      {!catalogue.is_current && <Alert type="warning" showIcon message={t.detail.notCurrent} />}
      <Descriptions size="small" bordered column={{ xs: 1, sm: 1, md: 1, lg: 2, xl: 2, xxl: 2 }}
        items={[
          { key: 'urn', label: 'URN', children: <Typography.Text code>{catalogue.urn}</Typography.Text> },
          { key: 'version', label: t.list.version, children: catalogue.version },
          { key: 'scope', label: t.list.scope, children: <StatusTag tone={catalogue.scope === 'platform' ? 'neutral' : 'info'}>{t.list.scopes[catalogue.scope]}</StatusTag> },
          { key: 'source', label: t.list.source, children: `${t.list.sources[catalogue.source]}（${catalogue.source_name}）` },
          { key: 'counts', label: t.list.items, children: `${catalogue.category_count} / ${catalogue.item_count}` },
          { key: 'sha', label: t.list.sha, children: <Typography.Text code style={{ wordBreak: 'break-all' }}>{catalogue.sha256}</Typography.Text> },
          ...(catalogue.source_note ? [{ key: 'note', label: t.detail.source, children: pick(catalogue.source_note) }] : []),
        ]}
      />
    </Space>
  );
}

function AnswerSpec({ answer }: { answer: CatalogueItemView['answer'] }) {
  const { text: t, pick } = useCatalogueText();
  const parts = [t.detail.answerTypes[answer.type]];
  if (answer.choices) parts.push(`${t.detail.choices}: ${answer.choices.map((c) => pick(c.name)).join(' / ')}`);
  if (answer.unit) parts.push(`${t.detail.unit}: ${pick(answer.unit)}`);
  if (answer.min !== undefined || answer.max !== undefined) parts.push(`${t.detail.range}: ${answer.min ?? ''}〜${answer.max ?? ''}`);
  return <span>{parts.join('　')}</span>;
}

function ItemCard({ item }: { item: CatalogueItemView }) {
  const { text: t, pick, list } = useCatalogueText();
  return (
    <Card size="small" id={itemAnchor(item.key)} title={<h3 style={{ fontSize: 15, margin: 0, whiteSpace: 'normal' }}>{item.key}{'\u3000'}{pick(item.name)}</h3>}>
      <Descriptions size="small" column={1}
        items={[
          { key: 'answer', label: t.detail.answer, children: <AnswerSpec answer={item.answer} /> },
          { key: 'guidance', label: t.detail.guidance, children: item.guidance ? pick(item.guidance) : t.detail.none },
          { key: 'evidence', label: t.detail.evidence, children: item.evidence.length ? list(item.evidence.map((e) => pick(e))) : t.detail.none },
        ]}
      />
      <Row gutter={[24, 8]} style={{ marginTop: 8 }}>
        <Col xs={24} lg={12}><ItemLinkList links={item.refs} label={t.detail.refs} /></Col>
        <Col xs={24} lg={12}><ItemLinkList links={item.referenced_by} label={t.detail.referencedBy} /></Col>
      </Row>
    </Card>
  );
}

function History({ catalogue }: { catalogue: CatalogueDetail }) {
  const { text: t } = useCatalogueText();
  const history = useCatalogueHistory(catalogue.urn);
  return (
    <Card size="small" title={<h2 style={{ fontSize: 16, margin: 0 }}>{t.detail.history}</h2>}>
      <Table<CatalogueSummary>
        size="small"
        rowKey="id"
        loading={history.isPending}
        dataSource={history.data?.items ?? []}
        pagination={false}
        columns={[
          { title: t.list.version, dataIndex: 'version', render: (v: string, r) => (r.id === catalogue.id ? <strong>{v}</strong> : <Link to={`/catalogues/${r.id}`}>{v}</Link>) },
          { title: t.detail.state, dataIndex: 'is_current', render: (current: boolean) => (current ? <StatusTag tone="success">{t.detail.current}</StatusTag> : <StatusTag tone="neutral">{t.detail.past}</StatusTag>) },
          { title: t.list.source, key: 'source', render: (_, r) => `${t.list.sources[r.source]}（${r.source_name}）` },
          { title: t.list.items, dataIndex: 'item_count', align: 'right' as const },
          { title: t.list.sha, dataIndex: 'sha256', render: (v: string) => <Typography.Text code title={v}>{v.slice(0, 12)}</Typography.Text> },
          { title: t.list.loadedAt, dataIndex: 'created_at', render: (v: string) => formatDateTime(v) },
        ]}
      />
    </Card>
  );
}
