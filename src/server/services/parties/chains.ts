import ExcelJS from 'exceljs';
import { PARTY_LABELS } from '../../../shared/parties.ts';
import { ENTRY_STATUS_LABELS } from '../../../shared/register.ts';
import type { PartyFlag } from '../../../shared/schemas/parties.ts';
import { formatJapanDateTime } from '../../../domain/japan-time.ts';
import { findSubcontractMaxDepth, listPartiesOfOrganisation, setSubcontractMaxDepth } from '../../repositories/parties.ts';
import { arrangeParties, presentParty } from '../../presenters/parties.ts';
import { authorize } from '../../policies/index.ts';
import { nowIso } from '../../security/ids.ts';
import { recordAudit } from '../audit.ts';
import { headerRow } from '../register-io/export.ts';
import { requireRegister } from '../register.ts';
import type { Actor, Deps } from '../deps.ts';
import type { EntryStatus } from '../../../shared/register.ts';

// 委託先の一覧（再委託）: every entry of the organisation that has parties, each with its chain as a
// tree; unapproved subcontractors and chains deeper than the organisation allows are flagged.

export async function subcontractChains(deps: Deps, actor: Actor, flaggedOnly: boolean) {
  await requireRegister(deps, actor, false);
  const [rows, maxDepth] = await Promise.all([listPartiesOfOrganisation(deps.db, actor.organisationId), findSubcontractMaxDepth(deps.db, actor.organisationId)]);
  const byEntry = new Map<string, typeof rows>();
  for (const row of rows) byEntry.set(row.entry_id, [...(byEntry.get(row.entry_id) ?? []), row]);
  const items = [];
  for (const parties of byEntry.values()) {
    const first = parties[0]!;
    const presented = arrangeParties(parties).map(({ row, depth }) => presentParty(row, depth, maxDepth));
    const flags = [...new Set(presented.flatMap((p) => p.flags))].sort() as PartyFlag[];
    if (flaggedOnly && flags.length === 0) continue;
    items.push({
      entry: { id: first.entry_id, external_key: first.entry_external_key, name: first.entry_name, department: first.entry_department, status: first.entry_status },
      parties: presented,
      flags,
    });
  }
  return { items, max_depth: maxDepth };
}

const FLAG_WORDS: Record<PartyFlag, string> = { unapproved: '未承認の再委託先', too_deep: '許容する階層を超える再委託' };

/** The chains as .xlsx: one row per party, indented by depth, every column headed in Japanese. */
export async function exportSubcontractChains(deps: Deps, actor: Actor) {
  const { items, max_depth } = await subcontractChains(deps, actor, false);
  const now = deps.now();
  const workbook = new ExcelJS.Workbook();
  workbook.creator = 'Daicho';
  workbook.title = '委託先の一覧（再委託）';
  workbook.created = now;
  const sheet = workbook.addWorksheet('委託先');
  sheet.columns = [14, 30, 14, 10, 8, 36, 24, 28, 20, 30, 12, 12, 12, 12, 16, 30, 30].map((width) => ({ width }));
  headerRow(sheet, ['管理番号', 'サービス名', '所管課', '状態', '階層', '関係事業者', '役割', '事業者サービス', '契約番号等', '取り扱うデータ', 'データの持ち出し', '再委託の承認', '申請日', '決定日', '承認者', '指摘', '備考']);
  for (const { entry, parties } of items) {
    for (const p of parties) {
      const row = sheet.addRow([
        entry.external_key,
        entry.name,
        entry.department,
        ENTRY_STATUS_LABELS[entry.status as EntryStatus]?.ja ?? entry.status,
        p.depth,
        `${'　'.repeat(p.depth)}${p.name}`,
        PARTY_LABELS.role[p.role].ja,
        p.vendor_service?.name ?? null,
        p.contract_reference,
        p.data_handled,
        p.may_carry_data_out ? '可' : '不可',
        p.approval_status ? PARTY_LABELS.approval[p.approval_status].ja : null,
        p.approval_requested_on,
        p.approval_decided_on,
        p.approver,
        p.flags.map((f) => FLAG_WORDS[f]).join('、') || null,
        p.notes,
      ]);
      row.getCell(6).alignment = { indent: p.depth };
    }
  }
  sheet.autoFilter = { from: { row: 1, column: 1 }, to: { row: 1, column: 17 } };
  sheet.addRow([]);
  sheet.addRow(['許容する再委託の階層', max_depth]);
  sheet.addRow(['出力', `${formatJapanDateTime(now)}（日本時間）`]);
  await deps.db.transaction().execute((trx) => recordAudit(trx, actor, { action: 'register.subcontract_export', targetType: 'register', after: { format: 'xlsx', entry_count: items.length } }, now));
  const day = formatJapanDateTime(now).slice(0, 10).replace(/\D/g, '');
  return { buffer: Buffer.from(await workbook.xlsx.writeBuffer()), filenames: { ascii: `subcontract-chains-${day}.xlsx`, utf8: `委託先の一覧_${day}.xlsx` } };
}

// ---- the allowed depth (organisation setting)

export async function getSubcontractPolicy(deps: Deps, actor: Actor) {
  await requireRegister(deps, actor, false);
  const maxDepth = await findSubcontractMaxDepth(deps.db, actor.organisationId);
  return { max_depth: maxDepth, can_edit: actor.role === 'org_admin' };
}

/** Organisation administrators set how deep a subcontract chain may go before it is flagged. */
export async function setSubcontractPolicy(deps: Deps, actor: Actor, maxDepth: number) {
  await authorize(deps, actor, 'register:configure', { type: 'organisation', id: actor.organisationId });
  const now = deps.now();
  await deps.db.transaction().execute(async (trx) => {
    const before = await findSubcontractMaxDepth(trx, actor.organisationId);
    if (before === maxDepth) return;
    await setSubcontractMaxDepth(trx, actor.organisationId, maxDepth, nowIso(now));
    await recordAudit(trx, actor, { action: 'organisation.subcontract_policy', targetType: 'organisation', targetId: actor.organisationId, before: { subcontract_max_depth: before }, after: { subcontract_max_depth: maxDepth } }, now);
  });
  return getSubcontractPolicy(deps, actor);
}
