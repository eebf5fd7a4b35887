// The responsibility matrix's words in both languages; en mirrors ja key for key (the type checker
// enforces it). Duties, fault roles and party roles come from src/shared/parties.ts.
import { PARTY_LABELS, type FaultRole, type PartyRole, type ResponsibilityDuty } from '../../../shared/parties.ts';
import { useLabels, fillTemplate } from '../../lib/labels.ts';

const ja = {
  title: '責任分担表（階層ごとの責任者と障害時の役割）',
  lead: '階層ごとに責任者（A）を1者だけ決め、実施（R）・協議（C）・報告先（I）とバックアップを担う関係事業者を示します。障害の検知・一次切り分け・第一報・復旧はそれぞれ1者です。',
  gapsTitle: '不足している点',
  noGaps: '不足はありません',
  noParties: 'この外部サービスの関係事業者がまだ登録されていません。上の「関係事業者」欄で事業者・自団体などを追加すると、ここで階層ごとの責任を決められます。',
  layer: '階層',
  backupExpected: 'バックアップ要',
  backupExpectedHint: 'この階層はバックアップを担う関係事業者が必要です',
  backup: 'バックアップ',
  backupShort: 'B',
  none: '—',
  dutyHint: 'A＝責任者（1階層に1者）、R＝実施、C＝協議、I＝報告先、B＝バックアップを担う',
  faultTitle: '障害時の役割',
  faultRole: '役割',
  party: '関係事業者',
  minutes: '第一報の期限（分）',
  minutesSuffix: '分以内',
  note: '補足',
  choose: '選択してください',
  save: '責任分担表を保存',
  saved: '責任分担表を保存しました',
  readOnly: '閲覧のみです（編集は所管課の編集者または団体管理者）',
  cellError: 'このセルに問題があります',
  adoptTitle: '事業者の標準の責任分界',
  adoptLead: '{{vendor}}が「{{service}}」について宣言している標準の分界です（{{at}} 更新）。役割ごとに、この外部サービスの関係事業者を対応付けて採用すると、上の表が置き換わります。採用した後は自団体の写しとして自由に調整できます。',
  mapTo: '対応付ける関係事業者',
  notMapped: '対応付けない（省く）',
  adopt: 'この分界を採用',
  adoptAgain: 'もう一度採用',
  adoptConfirm: '現在の責任分担表と障害時の役割を、事業者の標準の分界で置き換えます。よろしいですか？',
  adopted: '事業者の標準の分界を採用しました',
  adoptedSkipped: '対応付けのない役割（{{roles}}）は省きました',
  adoptedAt: '{{at}}に{{by}}が「{{service}}」の分界を採用しました',
  differencesTitle: '採用後に事業者が変更した点',
  noDifferences: '採用後の変更はありません',
  declaredCells: '宣言されたセル {{n}}件・障害時の役割 {{m}}件',
  cancel: 'キャンセル',
  splitTitle: '標準の責任分界: {{service}}',
  splitOpen: '標準の責任分界',
  splitLead: 'このサービスの標準的な責任の分け方を、関係事業者の役割ごとに一度宣言します（「自社」はこのサービスを提供する貴社です）。サービスを利用する団体は、これを自らの台帳に採用し、調整できます。',
  splitSave: '宣言を保存',
  splitSaved: '標準の責任分界を保存しました',
  splitNotes: '備考',
  splitUpdated: '最終更新 {{at}}（{{by}}）',
  splitNever: 'まだ宣言していません',
  self: '自社（宣言する事業者）',
};

type Text = typeof ja;

const en: Text = {
  title: 'Responsibility matrix (owner of each layer, roles in a failure)',
  lead: 'Each layer has exactly one accountable party (A); mark who is responsible (R), consulted (C), informed (I) and who backs it up. Detection, first triage, first report and recovery each name one party.',
  gapsTitle: 'What is missing',
  noGaps: 'Nothing is missing',
  noParties: 'This service has no parties yet. Add the vendors and your own organisation in the "Parties" section above; then decide here who owns each layer.',
  layer: 'Layer',
  backupExpected: 'Backup needed',
  backupExpectedHint: 'This layer needs a party that backs it up',
  backup: 'Backup',
  backupShort: 'B',
  none: '—',
  dutyHint: 'A = accountable (one per layer), R = responsible, C = consulted, I = informed, B = backs it up',
  faultTitle: 'Roles in a failure',
  faultRole: 'Role',
  party: 'Party',
  minutes: 'First report within (minutes)',
  minutesSuffix: 'min',
  note: 'Note',
  choose: 'Choose',
  save: 'Save the matrix',
  saved: 'The matrix was saved',
  readOnly: 'Read only (editors of the department or organisation admins edit)',
  cellError: 'This cell has a problem',
  adoptTitle: "The vendor's standard split",
  adoptLead: '{{vendor}} declares this standard split for "{{service}}" (updated {{at}}). Map each role to a party of this service and adopt it to replace the matrix above; afterwards it is your own copy to adjust.',
  mapTo: 'Party to map to',
  notMapped: 'Do not map (leave out)',
  adopt: 'Adopt this split',
  adoptAgain: 'Adopt again',
  adoptConfirm: "Replace the current matrix and fault roles with the vendor's standard split?",
  adopted: "The vendor's standard split was adopted",
  adoptedSkipped: 'Roles without a party ({{roles}}) were left out',
  adoptedAt: '{{by}} adopted the split of "{{service}}" on {{at}}',
  differencesTitle: 'What the vendor changed since',
  noDifferences: 'No changes since it was adopted',
  declaredCells: '{{n}} cells and {{m}} fault roles declared',
  cancel: 'Cancel',
  splitTitle: 'Standard split: {{service}}',
  splitOpen: 'Standard split',
  splitLead: 'Declare once how responsibility for this service is usually split, by party role ("Us" is your company, which provides the service). Bodies that use the service adopt it into their register and adjust it.',
  splitSave: 'Save the declaration',
  splitSaved: 'The standard split was saved',
  splitNotes: 'Notes',
  splitUpdated: 'Last updated {{at}} ({{by}})',
  splitNever: 'Not declared yet',
  self: 'Us (the declaring vendor)',
};

export const DUTY_SHORT: Record<ResponsibilityDuty, string> = { accountable: 'A', responsible: 'R', consulted: 'C', informed: 'I' };

/** The matrix screens' text in the display language, with {{name}} interpolation and the shared labels. */
export function useMatrixText() {
  const { lang } = useLabels();
  const text = lang === 'en' ? en : ja;
  const fill = fillTemplate;
  const duty = (d: ResponsibilityDuty) => PARTY_LABELS.duty[d][lang];
  const faultRole = (r: FaultRole) => PARTY_LABELS.faultRole[r][lang];
  const partyRole = (r: PartyRole | 'self') => (r === 'self' ? text.self : PARTY_LABELS.role[r][lang]);
  return { text, lang, fill, duty, faultRole, partyRole };
}
