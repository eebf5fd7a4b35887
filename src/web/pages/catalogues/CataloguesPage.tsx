import { UploadOutlined } from '@ant-design/icons';
import { Button, Card, Space, Table, Typography } from 'antd';
import { useState } from 'react';
import { Link } from 'react-router';
import type { ReferenceName } from '../../../shared/schemas/catalogues.ts';
import { can, useMe } from '../../api/session.ts';
import { EmptyState } from '../../components/EmptyState.tsx';
import { PageHeading } from '../../components/PageHeading.tsx';
import { StatusTag } from '../../components/StatusTag.tsx';
import { compareNumber, compareText } from '../../lib/format.ts';
import { useCatalogues, type CatalogueSummary, type ReferenceSummary } from './catalogues-api.ts';
import { useCatalogueText } from './catalogues-text.ts';
import { ReferencePanel } from './ReferencePanel.tsx';
import { RulesCard } from './RulesCard.tsx';

/** 管理 > カタログ: every catalogue the organisation can use, the reference catalogues and the assessment rules. */
export default function CataloguesPage() {
  const { text: t, pick } = useCatalogueText();
  const me = useMe();
  const list = useCatalogues();
  const [open, setOpen] = useState<ReferenceName | null>(null);
  const isAdmin = can(me, 'register:configure');

  return (
    <>
      <PageHeading
        title={t.list.title}
        lead={t.list.lead}
        extra={isAdmin && (
          <Link to="/catalogues/import">
            <Button type="primary" icon={<UploadOutlined aria-hidden />}>{t.list.importButton}</Button>
          </Link>
        )}
      />
      <Card size="small" title={<h2 style={{ fontSize: 16, margin: 0 }}>{t.list.questionnaires}</h2>}>
        <Table<CatalogueSummary>
          size="small"
          rowKey="id"
          loading={list.isPending}
          dataSource={list.data?.items ?? []}
          pagination={false}
          locale={{ emptyText: <EmptyState title={t.list.empty} hint={t.list.emptyHint} /> }}
          data-testid="catalogue-table"
          columns={[
            { title: t.list.name, key: 'name', sorter: (a, b) => compareText(pick(a.name), pick(b.name)), render: (_, c) => <Link to={`/catalogues/${c.id}`}>{pick(c.name)}</Link> },
            { title: t.list.version, dataIndex: 'version', width: 84, sorter: (a, b) => compareText(a.version, b.version) },
            { title: t.list.scope, dataIndex: 'scope', width: 124, sorter: (a, b) => compareText(a.scope, b.scope), render: (s: CatalogueSummary['scope']) => <StatusTag tone={s === 'platform' ? 'neutral' : 'info'}>{t.list.scopes[s]}</StatusTag> },
            { title: t.list.assessable, dataIndex: 'assessable', width: 110, render: (v: boolean) => (v ? t.list.yes : t.list.no) },
            { title: t.list.counts, key: 'counts', width: 100, align: 'right' as const, sorter: (a, b) => compareNumber(a.item_count, b.item_count), render: (_, c) => `${c.category_count} / ${c.item_count}` },
            { title: t.list.source, key: 'source', width: 190, render: (_, c) => (
              <Space direction="vertical" size={0}>
                <span>{t.list.sources[c.source]}</span>
                <Typography.Text type="secondary" style={{ fontSize: 12 }}>{c.source_name}</Typography.Text>
              </Space>
            ) },
            { title: t.list.sha, dataIndex: 'sha256', width: 130, render: (v: string) => <Typography.Text code title={v}>{v.slice(0, 10)}</Typography.Text> },
          ]}
        />
      </Card>

      <Card size="small" style={{ marginTop: 24 }} title={<h2 style={{ fontSize: 16, margin: 0 }}>{t.list.reference}</h2>}>
        <Typography.Paragraph>{t.list.referenceLead}</Typography.Paragraph>
        <Table<ReferenceSummary>
          size="small"
          rowKey="name"
          loading={list.isPending}
          dataSource={list.data?.reference ?? []}
          pagination={false}
          data-testid="reference-table"
          columns={[
            { title: t.list.name, dataIndex: 'title', render: (v: ReferenceSummary['title']) => pick(v) },
            { title: t.list.version, dataIndex: 'version', width: 90 },
            { title: t.list.file, dataIndex: 'file' },
            { title: t.list.entries, dataIndex: 'entry_count', width: 80, align: 'right' as const },
            { title: t.list.sha, dataIndex: 'sha256', width: 130, render: (v: string) => <Typography.Text code title={v}>{v.slice(0, 10)}</Typography.Text> },
            {
              title: t.list.show,
              key: 'show',
              width: 130,
              render: (_, r) => (
                <Button size="small" aria-expanded={open === r.name} onClick={() => setOpen(open === r.name ? null : r.name)}>
                  {open === r.name ? t.list.hide : t.list.show}
                </Button>
              ),
            },
          ]}
        />
        {open && (
          <Space direction="vertical" style={{ width: '100%', marginTop: 16 }}>
            <Typography.Title level={3} style={{ fontSize: 15, margin: 0 }}>{pick(list.data?.reference.find((r) => r.name === open)?.title)}</Typography.Title>
            <ReferencePanel name={open} />
          </Space>
        )}
      </Card>

      {can(me, 'register:read') && <RulesCard editable={isAdmin} />}
    </>
  );
}
