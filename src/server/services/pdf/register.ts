import type { RegisterListColumn } from '../../../shared/register.ts';
import { organisationName } from '../../repositories/organisations.ts';
import { auditExport, exportedEntries, layoutOf, type RegisterExportQuery } from '../register-io/export.ts';
import type { Actor, Deps } from '../deps.ts';
import { dataTable, renderPdf, usableWidth } from './frame.ts';

/** The register's columns when the request names none: what fits an A4 landscape page and says what each service is. */
export const PDF_DEFAULT_COLUMNS: RegisterListColumn[] = ['external_key', 'name', 'vendor', 'category', 'department', 'status', 'confidentiality', 'resident_impact', 'administrative_impact', 'contract_end'];

/**
 * The register as a PDF (外部サービス台帳): the entries the list's filters select, in its order, with the
 * list's visible columns (`columns`), the same query as the .xlsx and CSV exports, audited as they are.
 */
export async function registerPdf(deps: Deps, actor: Actor, query: RegisterExportQuery = {}) {
  const rows = await exportedEntries(deps, actor, query);
  const columns = query.columns ?? PDF_DEFAULT_COLUMNS;
  const layout = layoutOf(deps.catalogues, columns);
  const now = deps.now();
  const filtered = Object.keys(query).some((k) => !['columns', 'sort', 'order'].includes(k) && query[k as keyof RegisterExportQuery] !== undefined);
  const total = layout.widths.reduce((a, b) => a + b, 0);
  const room = usableWidth('landscape') - columns.length * 7;
  const buffer = await renderPdf(
    {
      title: '外部サービス台帳',
      organisation: await organisationName(deps.db, actor.organisationId),
      orientation: 'landscape',
      subtitle: [filtered ? `一覧の絞り込み条件に合う ${rows.length.toLocaleString('ja-JP')}件` : `全 ${rows.length.toLocaleString('ja-JP')}件`],
      approval: true,
      body: [dataTable(layout.headers, rows.map(layout.cells), { widths: layout.widths.map((w) => (w / total) * room) })],
    },
    now,
  );
  await auditExport(deps, actor, 'pdf', rows.length, query);
  return buffer;
}
