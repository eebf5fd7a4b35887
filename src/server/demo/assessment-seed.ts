import { addDaysToDate, japanToday } from '../../domain/japan-time.ts';
import type { ItemStatus, PolicyDefined } from '../../shared/assessments.ts';
import { listEntries } from '../repositories/register-entries.ts';
import { findUserByEmail } from '../repositories/users.ts';
import { findItem } from '../repositories/assessments.ts';
import { startAssessment } from '../services/assessments/start.ts';
import { addItemComment, updateAssessmentItem } from '../services/assessments/items.ts';
import { attachEvidence } from '../services/assessments/evidence.ts';
import { CONFIRMATION_ITEMS_URN } from '../services/assessments/applicable.ts';
import type { Actor, Deps } from '../services/deps.ts';
import type { OrganisationKind, Role } from '../../shared/roles.ts';

// Assessments for the demo, at different stages, written through the services as the municipal
// users would: サンプル市's 個人住民税 complete and confirmed before use, 住民基本台帳 (SC-001, linked to
// the shared cloud; the vendor-answer seed adds the vendor's answers to it), 介護保険 and 電子申請 in
// progress with overdue items and evidence, the rest not started; サンプル町's 住民基本台帳 (ST-001) begun.
// Evidence files are tiny real PDFs and PNGs built here.

async function actorFor(deps: Deps, email: string, organisationId: string, kind: OrganisationKind): Promise<Actor> {
  const user = await findUserByEmail(deps.db, email);
  return { userId: user!.id, organisationId, organisationKind: kind, role: user!.role as Role, label: `${user!.display_name} <${email}>`, via: 'system', ip: null, department: null };
}

/** A one-page PDF with a line of ASCII text (offsets computed, so readers open it without repair). */
export function tinyPdf(line: string): Buffer {
  const text = line.replace(/[()\\]/g, '');
  const stream = `BT /F1 12 Tf 56 780 Td (${text}) Tj ET`;
  const objects = [
    '<< /Type /Catalog /Pages 2 0 R >>',
    '<< /Type /Pages /Kids [3 0 R] /Count 1 >>',
    '<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R /Resources << /Font << /F1 5 0 R >> >> >>',
    `<< /Length ${stream.length} >>\nstream\n${stream}\nendstream`,
    '<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>',
  ];
  let body = '%PDF-1.4\n';
  const offsets: number[] = [];
  objects.forEach((object, i) => {
    offsets.push(Buffer.byteLength(body));
    body += `${i + 1} 0 obj\n${object}\nendobj\n`;
  });
  const xref = Buffer.byteLength(body);
  body += `xref\n0 ${objects.length + 1}\n0000000000 65535 f \n${offsets.map((o) => `${String(o).padStart(10, '0')} 00000 n \n`).join('')}`;
  body += `trailer\n<< /Size ${objects.length + 1} /Root 1 0 R >>\nstartxref\n${xref}\n%%EOF\n`;
  return Buffer.from(body, 'latin1');
}

/** A 1×1 PNG (a screenshot stand-in). */
const TINY_PNG = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAQAAAC1HAwCAAAAC0lEQVR42mNkYAAAAAYAAjCB0C8AAAAASUVORK5CYII=', 'base64');

interface ItemPlan {
  status?: ItemStatus;
  answer?: string | number | null;
  /** Days from today (negative: already past). */
  due?: number;
  reviewer?: boolean;
  beforeUse?: boolean;
  policy?: PolicyDefined;
  comment?: string;
  evidence?: { name: string; kind: 'pdf' | 'png'; line?: string }[];
}

async function entryIds(deps: Deps, organisationId: string) {
  const entries = await listEntries(deps.db, { organisationId }, { sort: 'external_key', order: 'asc', offset: 0, limit: 1000 });
  return new Map(entries.map((e) => [e.external_key, e.id]));
}

async function assess(deps: Deps, actor: Actor, entryId: string, plan: Record<string, ItemPlan>, reviewerId: string | null) {
  const assessment = await startAssessment(deps, actor, entryId, CONFIRMATION_ITEMS_URN);
  const today = japanToday(deps.now());
  for (const [key, p] of Object.entries(plan)) {
    const item = await findItem(deps.db, actor.organisationId, assessment.id, key);
    await updateAssessmentItem(deps, actor, assessment.id, key, {
      revision: item!.revision,
      ...(p.status ? { status: p.status } : {}),
      ...(p.answer !== undefined ? { answer: p.answer } : {}),
      ...(p.due !== undefined ? { due_date: addDaysToDate(today, p.due) } : {}),
      ...(p.reviewer && reviewerId ? { reviewer_user_id: reviewerId } : {}),
      ...(p.beforeUse !== undefined ? { confirmed_before_use: p.beforeUse } : {}),
      ...(p.policy ? { policy_defined: p.policy } : {}),
    });
    if (p.comment) await addItemComment(deps, actor, assessment.id, key, p.comment);
    for (const file of p.evidence ?? []) {
      await attachEvidence(deps, actor, assessment.id, key, file.name, file.kind === 'pdf' ? tinyPdf(file.line ?? file.name) : TINY_PNG);
    }
  }
  return assessment.id;
}

const ALL_KEYS = ['1-1', '1-2', '2-1', '2-2', '3-1', '3-2', '4-1', '5-1', '6-1', '7-1', '8-1', '9-1'];
const STATUS_ITEMS = new Set(['3-1', '4-1', '6-1', '7-1', '8-1']);

/** Every item confirmed before use (5-1 not applicable: the tax system takes no version-ups during the season). */
function completePlan(): Record<string, ItemPlan> {
  return Object.fromEntries(
    ALL_KEYS.map((key) => [
      key,
      key === '5-1'
        ? { status: 'not_applicable', answer: '繁忙期は更新を凍結する運用のため対象外（契約書第12条）', beforeUse: true, policy: 'defined', reviewer: true }
        : { status: 'confirmed', answer: STATUS_ITEMS.has(key) ? 'yes' : '契約前の事業者説明会と回答書で確認済み', beforeUse: true, policy: key === '9-1' ? 'not_defined' : 'defined', reviewer: true },
    ]),
  ) as Record<string, ItemPlan>;
}

export async function loadDemoAssessments(deps: Deps, ids: Partial<Record<string, string>>): Promise<void> {
  const city = await actorFor(deps, 'ciso@city.demo.daicho.example', ids.city!, 'municipality');
  const town = await actorFor(deps, 'admin@town.demo.daicho.example', ids.town!, 'municipality');
  const cityEditor = await findUserByEmail(deps.db, 'editor@city.demo.daicho.example');
  const townEditor = await findUserByEmail(deps.db, 'editor@town.demo.daicho.example');
  const cityEntries = await entryIds(deps, city.organisationId);
  const townEntries = await entryIds(deps, town.organisationId);

  // 個人住民税: finished before the contract started.
  const tax = await assess(deps, city, cityEntries.get('SC-002')!, completePlan(), cityEditor?.id ?? null);
  await attachEvidence(deps, city, tax, '9-1', 'ISMAP登録画面.png', TINY_PNG);
  await attachEvidence(deps, city, tax, '1-1', 'contact-structure.pdf', tinyPdf('Contact structure: normal / incident / after'));

  // 住民基本台帳 on the shared cloud: half way, one item overdue, one needing action.
  await assess(
    deps,
    city,
    cityEntries.get('SC-001')!,
    {
      '1-1': { status: 'confirmed', answer: '平常時・障害時・事後の連絡先（24時間窓口を含む）を契約書別紙3で確認', beforeUse: true, policy: 'defined', reviewer: true, evidence: [{ name: 'contact-list-2025.pdf', kind: 'pdf', line: 'Contact list 2025 (vendor A)' }] },
      '1-2': { status: 'confirmed', answer: '第一報は30分以内、ログは要求から3営業日以内に提供', beforeUse: true, policy: 'defined', reviewer: true },
      '2-1': { status: 'in_progress', answer: '日次バックアップ・7世代。復元手順の訓練記録を依頼中', due: -12, policy: 'defined', reviewer: true, comment: '復元訓練の記録を事業者に依頼しました（回答待ち）。' },
      '2-2': { status: 'in_progress', due: 20, policy: 'not_defined' },
      '3-1': { status: 'confirmed', answer: 'yes', beforeUse: false, policy: 'defined', evidence: [{ name: 'admin-mfa-screen.png', kind: 'png' }] },
      '4-1': { status: 'action_required', answer: 'partial', due: 30, policy: 'defined', comment: 'データの保存場所（国内）は明記されているが、準拠法の条項がない。次回更新時に追記を求める。' },
      '8-1': { status: 'in_progress', due: 45, policy: 'unknown', reviewer: true },
    },
    cityEditor?.id ?? null,
  );

  // 介護保険: begun late, two items past due.
  await assess(
    deps,
    city,
    cityEntries.get('SC-005')!,
    {
      '1-1': { status: 'in_progress', due: -5, reviewer: true },
      '7-1': { status: 'unconfirmed', due: -2, policy: 'not_defined' },
      '9-1': { status: 'confirmed', answer: 'ISO/IEC 27001 認証（登録証の写しを受領）', policy: 'defined', evidence: [{ name: 'iso27001-certificate.pdf', kind: 'pdf', line: 'ISO/IEC 27001 certificate (copy)' }] },
    },
    cityEditor?.id ?? null,
  );

  // 電子申請: an online service on the vendor's terms; overdue items and evidence.
  await assess(
    deps,
    city,
    cityEntries.get('SC-011')!,
    {
      '3-1': { status: 'action_required', answer: 'no', due: -20, policy: 'defined', comment: '管理画面の多要素認証が未設定。事業者に設定方法を確認中。' },
      '3-2': { status: 'in_progress', due: -1, evidence: [{ name: 'access-log-sample.pdf', kind: 'pdf', line: 'Access log sample (October)' }] },
      '6-1': { status: 'confirmed', answer: 'yes', policy: 'defined' },
      '8-1': { status: 'not_applicable', answer: 'not_applicable', policy: 'not_defined' },
    },
    cityEditor?.id ?? null,
  );

  // サンプル町の住民基本台帳 (the same shared cloud): started, one item overdue.
  await assess(
    deps,
    town,
    townEntries.get('ST-001')!,
    {
      '1-1': { status: 'confirmed', answer: '共同利用団体の連絡網で確認', beforeUse: true, policy: 'defined', reviewer: true },
      '2-1': { status: 'in_progress', due: -7, reviewer: true },
      '8-1': { status: 'unconfirmed', due: 14 },
    },
    townEditor?.id ?? null,
  );
}
