import { BarChartOutlined, DownloadOutlined, PlusOutlined, UploadOutlined } from '@ant-design/icons';
import { App, Button, Checkbox, Flex, Popover, Space, Switch, Table, Tooltip, Typography, type CheckboxProps, type TablePaginationConfig } from 'antd';
import type { SorterResult } from 'antd/es/table/interface';
import { Fragment, useMemo, useState } from 'react';
import { Link, useSearchParams } from 'react-router';
import { EmptyState } from '../../components/EmptyState.tsx';
import { PageHeading } from '../../components/PageHeading.tsx';
import { LoadFailed } from '../../components/Problems.tsx';
import { ENTRY_COLUMNS, DEFAULT_COLUMNS } from './entry-columns.tsx';
import { EntryFormDrawer } from './EntryFormDrawer.tsx';
import { useEntries, useRegisterOptions, type Entry, type EntryList } from './register-api.ts';
import { RegisterFilters, type FilterKey } from './RegisterFilters.tsx';
import { useRegisterText } from './register-text.ts';
import { yen } from './register-labels.ts';
import { SavedViews } from './SavedViews.tsx';
import { PdfButton } from '../../components/PrintFrame.tsx';
import { usePrintText } from '../../components/print-text.ts';
import './register-list.css';
import { BulkActions, type BulkSelection } from './BulkActions.tsx';
import { api } from '../../api/client.ts';
import { BULK_MAX_ENTRIES } from '../../../shared/schemas/register-bulk.ts';
import { ApartmentOutlined } from '@ant-design/icons';
import { usePartiesText } from '../parties/parties-text.ts';

const COLUMNS_KEY = 'daicho.register.columns';
/** Columns the user pinned to the left edge, kept beside the visible columns. */
const PINNED_KEY = 'daicho.register.pinned';
const DEFAULT_PINNED = ['external_key', 'name'];
/** antd's row selection column. */
const SELECTION_WIDTH = 32;

function stored(key: string, fallback: string[]): string[] {
  try {
    const raw = window.localStorage.getItem(key);
    return raw ? (JSON.parse(raw) as string[]) : fallback;
  } catch {
    return fallback;
  }
}

function store(key: string, keys: string[]): void {
  try {
    window.localStorage.setItem(key, JSON.stringify(keys));
  } catch {
    // Storage may be unavailable; the choice lasts for this visit.
  }
}

export default function RegisterListPage() {
  const { text: t, lang, fill } = useRegisterText();
  const printText = usePrintText().text;
  const [params, setParams] = useSearchParams();
  const options = useRegisterOptions();
  const entries = useEntries(params.toString());
  const [visible, setVisible] = useState<string[]>(() => stored(COLUMNS_KEY, DEFAULT_COLUMNS));
  const [pinned, setPinned] = useState<string[]>(() => stored(PINNED_KEY, DEFAULT_PINNED));
  const [creating, setCreating] = useState(false);
  const { message } = App.useApp();
  const [selection, setSelection] = useState<BulkSelection>({ ids: [], allMatching: false });

  const update = (mutate: (next: URLSearchParams) => void) => {
    const next = new URLSearchParams(params);
    mutate(next);
    setParams(next, { replace: true });
  };
  const setFilter = (key: FilterKey, value: string | string[] | undefined) =>
    update((next) => {
      next.delete(key);
      for (const v of Array.isArray(value) ? value : value ? [value] : []) next.append(key, v);
      next.delete('page');
    });
  const chooseColumns = (keys: string[]) => {
    setVisible(keys);
    store(COLUMNS_KEY, keys);
  };
  const pin = (key: string, on: boolean) => {
    const next = on ? [...pinned, key] : pinned.filter((k) => k !== key);
    setPinned(next);
    store(PINNED_KEY, next);
  };

  const sort = params.get('sort') ?? 'administrative_impact';
  const order = params.get('order') ?? 'desc';
  // Pinned columns come first and stay at the left edge while the rest scrolls.
  const shown = useMemo(() => {
    const chosen = ENTRY_COLUMNS.filter((c) => visible.includes(c.key));
    return [...chosen.filter((c) => pinned.includes(c.key)), ...chosen.filter((c) => !pinned.includes(c.key))];
  }, [visible, pinned]);
  const columns = useMemo(
    () =>
      shown.map((spec) => ({
        ...spec.column(t, lang),
        key: spec.key,
        width: spec.width,
        fixed: pinned.includes(spec.key) ? ('left' as const) : undefined,
        sorter: Boolean(spec.sort),
        sortOrder: spec.sort === sort ? (order === 'asc' ? ('ascend' as const) : ('descend' as const)) : null,
        sortDirections: ['ascend', 'descend', 'ascend'] as ('ascend' | 'descend')[],
      })),
    [shown, pinned, t, lang, sort, order],
  );

  const onTableChange = (pagination: TablePaginationConfig, _filters: unknown, sorter: SorterResult<Omit<Entry, 'can_edit'>> | SorterResult<Omit<Entry, 'can_edit'>>[]) => {
    const s = Array.isArray(sorter) ? sorter[0] : sorter;
    const spec = ENTRY_COLUMNS.find((c) => c.key === s?.columnKey);
    update((next) => {
      if (spec?.sort && s.order) {
        next.set('sort', spec.sort);
        next.set('order', s.order === 'ascend' ? 'asc' : 'desc');
      }
      next.set('page', String(pagination.current ?? 1));
      next.set('page_size', String(pagination.pageSize ?? 50));
    });
  };

  // Exports carry the list's filters and order; the list export also its visible columns, in their order.
  const filtersOnly = (() => {
    const next = new URLSearchParams(params);
    next.delete('page');
    next.delete('page_size');
    return next;
  })();
  const listExport = new URLSearchParams(filtersOnly);
  if (!listExport.has('sort')) listExport.set('sort', sort);
  if (!listExport.has('order')) listExport.set('order', order);
  listExport.set('columns', shown.map((c) => c.key).join(','));

  const canCreate = options.data?.can_create ?? false;
  const { text: partiesText } = usePartiesText();
  const actions = (
    <Space wrap>
      {canCreate && (
        <Button type="primary" icon={<PlusOutlined aria-hidden />} onClick={() => setCreating(true)}>
          {t.list.create}
        </Button>
      )}
      {canCreate && (
        <Link to="/register/import">
          <Button icon={<UploadOutlined aria-hidden />}>{t.list.import}</Button>
        </Link>
      )}
      <Tooltip title={t.list.exportHint}>
        <Button icon={<DownloadOutlined aria-hidden />} href={`/api/register/export.xlsx?${listExport}`}>
          {t.list.exportXlsx}
        </Button>
      </Tooltip>
      <Tooltip title={t.list.exportHint}>
        <Button icon={<DownloadOutlined aria-hidden />} href={`/api/register/export.csv?${listExport}`}>
          {t.list.exportCsv}
        </Button>
      </Tooltip>
      <PdfButton href={`/api/register/export.pdf?${listExport}`} hint={printText.registerPdfHint} />
      <Tooltip title={t.list.exportAllHint}>
        <Button icon={<DownloadOutlined aria-hidden />} href={`/api/register/export.xlsx?${filtersOnly}`}>
          {t.list.exportAll}
        </Button>
      </Tooltip>
      <Link to="/register/overview">
        <Button icon={<BarChartOutlined aria-hidden />}>{t.list.overview}</Button>
      </Link>
      <Link to="/register/subcontractors">
        <Button icon={<ApartmentOutlined aria-hidden />}>{partiesText.chains.title}</Button>
      </Link>
    </Space>
  );
  const data = entries.data;
  // 「条件に合うすべて」: the ids of every entry the filters match, read in one page of the largest size.
  const selectAllMatching = async () => {
    const total = data?.total ?? 0;
    if (total > BULK_MAX_ENTRIES) {
      void message.warning(fill(t.bulk.tooMany, { max: BULK_MAX_ENTRIES }));
      return;
    }
    const query = new URLSearchParams(filtersOnly);
    query.set('page_size', String(BULK_MAX_ENTRIES));
    const all = await api.get<EntryList>(`/api/register/entries?${query}`);
    setSelection({ ids: all.items.map((e) => e.id), allMatching: true });
  };
  const filtered = [...params.keys()].some((k) => !['sort', 'order', 'page', 'page_size'].includes(k));
  return (
    <>
      <PageHeading title={t.list.title} lead={t.list.lead} extra={actions} />
      <RegisterFilters params={params} options={options.data} onChange={setFilter} onClear={() => setParams(new URLSearchParams(), { replace: true })} />
      <Flex justify="space-between" align="center" wrap gap={8} style={{ marginBottom: 8 }}>
        <Typography.Text>
          <strong>{fill(t.list.total, { count: (data?.total ?? 0).toLocaleString() })}</strong>
          {data && <> ・ {fill(t.list.totals, { cost: data.totals.annual_cost.toLocaleString(), residents: data.totals.residents_held.toLocaleString(), leak: yen(data.totals.leak_estimate_yen, lang).replace(/円| yen/, '') })}</>}
        </Typography.Text>
        <Space wrap>
          <SavedViews
            current={params}
            columns={visible}
            onApply={(view) => {
              const next = new URLSearchParams();
              for (const [k, v] of Object.entries(view.query)) for (const item of Array.isArray(v) ? v : [v]) next.append(k, String(item));
              setParams(next, { replace: true });
              if (view.columns.length) chooseColumns(view.columns);
            }}
          />
          <Popover
            trigger="click"
            content={
              <div role="group" aria-label={t.list.columns} style={{ display: 'grid', gridTemplateColumns: 'auto auto', gap: '4px 16px', alignItems: 'center' }}>
                <Typography.Text type="secondary">{t.list.columnShown}</Typography.Text>
                <Typography.Text type="secondary">{t.list.columnPinned}</Typography.Text>
                {ENTRY_COLUMNS.map((c) => {
                  const name = String(c.column(t, lang).title);
                  return (
                    <Fragment key={c.key}>
                      <Checkbox checked={visible.includes(c.key)} onChange={(e) => chooseColumns(e.target.checked ? [...visible, c.key] : visible.filter((k) => k !== c.key))}>{name}</Checkbox>
                      <Switch size="small" aria-label={fill(t.list.pinColumn, { column: name })} checked={pinned.includes(c.key)} onChange={(on) => pin(c.key, on)} />
                    </Fragment>
                  );
                })}
              </div>
            }
          >
            <Button>{t.list.columns}</Button>
          </Popover>
        </Space>
      </Flex>
      {selection.ids.length > 0 && (
        <BulkActions
          selection={selection}
          total={data?.total ?? 0}
          options={options.data}
          exportQuery={listExport}
          onSelectAllMatching={() => void selectAllMatching()}
          onClear={() => setSelection({ ids: [], allMatching: false })}
        />
      )}
      {entries.isError ? (
        <LoadFailed error={entries.error} onRetry={() => void entries.refetch()} />
      ) : (
        <Table
          rowKey="id"
          size="middle"
          rowSelection={{
            selectedRowKeys: selection.ids,
            preserveSelectedRowKeys: true,
            onChange: (keys) => setSelection({ ids: keys.map(String), allMatching: false }),
            getCheckboxProps: (e) => ({ 'aria-label': fill(t.bulk.selectRow, { name: e.name }) }) as Partial<CheckboxProps>,
          }}
          columns={columns}
          dataSource={data?.items ?? []}
          loading={entries.isFetching}
          onChange={onTableChange}
          tableLayout="fixed"
          scroll={{ x: SELECTION_WIDTH + shown.reduce((sum, c) => sum + c.width, 0) }}
          pagination={{ current: data?.page ?? 1, pageSize: data?.page_size ?? 50, total: data?.total ?? 0, showSizeChanger: true, pageSizeOptions: [20, 50, 100, 200] }}
          locale={{ emptyText: <EmptyState title={t.list.empty} hint={filtered ? t.list.emptyFiltered : canCreate ? t.list.emptyHint : undefined} /> }}
        />
      )}
      {creating && options.data && <EntryFormDrawer options={options.data} onClose={() => setCreating(false)} />}
    </>
  );
}
