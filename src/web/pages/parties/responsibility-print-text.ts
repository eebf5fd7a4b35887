// The responsibility sheet's own words (責任分界の一覧表); the tables reuse the parties, matrix and
// dependency screens' words. en mirrors ja key for key (the type checker enforces it).
import { useLabels } from '../../lib/labels.ts';

const ja = {
  open: '印刷用の一覧表',
  title: '責任分界の一覧表: {{name}}',
  back: '外部サービスへ戻る',
  print: '印刷',
  organisation: '団体',
  key: '管理番号',
  department: '所管課',
  business: '標準化対象業務',
  governmentCloud: 'ガバメントクラウド',
  runsOnGc: 'ガバメントクラウドで稼働',
  notOnGc: '—',
  contract: '契約番号',
  generated: '作成日時',
  parties: '関係事業者と再委託の連なり',
  matrix: '責任分担表',
  roles: '障害時の役割',
  gaps: '不足している点',
  dependencies: '依存関係',
  dependsOn: '依存するもの',
  dependedOnBy: 'これに依存するもの',
  noParties: '関係事業者は登録されていません',
  none: 'なし',
};

type Text = typeof ja;

const en: Text = {
  open: 'Printable sheet',
  title: 'Responsibilities: {{name}}',
  back: 'Back to the service',
  print: 'Print',
  organisation: 'Organisation',
  key: 'Key',
  department: 'Department',
  business: 'Standardised business',
  governmentCloud: 'Government Cloud',
  runsOnGc: 'Runs on the Government Cloud',
  notOnGc: '—',
  contract: 'Contract number',
  generated: 'Generated',
  parties: 'Parties and the subcontract chain',
  matrix: 'Responsibility matrix',
  roles: 'Roles in a failure',
  gaps: 'What is missing',
  dependencies: 'Dependencies',
  dependsOn: 'Runs on',
  dependedOnBy: 'Runs on this',
  noParties: 'No parties recorded',
  none: 'None',
};

export function useResponsibilityPrintText() {
  const { lang, fill } = useLabels();
  return { text: lang === 'en' ? en : ja, lang, fill };
}
