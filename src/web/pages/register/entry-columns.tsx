import { Tooltip, type TableColumnsType } from 'antd';
import { Link } from 'react-router';
import type { RegisterSortField } from '../../../shared/register.ts';
import { StatusTag } from '../../components/StatusTag.tsx';
import type { Lang } from '../../i18n/index.ts';
import { formatDate } from '../../lib/format.ts';
import type { Entry } from './register-api.ts';
import { BAND_TONE, label, STATUS_TONE, yen, yenShort } from './register-labels.ts';
import type { useRegisterText } from './register-text.ts';
import { TruncatedText } from './TruncatedText.tsx';
import { PARTY_LABELS } from '../../../shared/parties.ts';

const PARTY_WORDS = { ja: { business: '標準化対象業務', governmentCloud: 'ガバメントクラウド', yes: '○' }, en: { business: 'Standardised business', governmentCloud: 'Government cloud', yes: 'Yes' } };

type Text = ReturnType<typeof useRegisterText>['text'];
type ListEntry = Omit<Entry, 'can_edit'>;

export interface ColumnSpec {
  key: string;
  sort?: RegisterSortField;
  /** Shown unless the user hides it. */
  default: boolean;
  /** Pixels: the default columns together fit the list at 1366 px (long text is cut, see TruncatedText). */
  width: number;
  column: (text: Text, lang: Lang) => TableColumnsType<ListEntry>[number];
}

const num = (v: number | null, lang: Lang) => (v === null ? '—' : v.toLocaleString(lang === 'en' ? 'en-US' : 'ja-JP'));

export const ENTRY_COLUMNS: ColumnSpec[] = [
  { key: 'external_key', sort: 'external_key', default: true, width: 96, column: (t) => ({ title: t.field.external_key, render: (_: unknown, e: ListEntry) => <TruncatedText text={e.external_key ?? '—'} /> }) },
  {
    key: 'name', sort: 'name', default: true, width: 152,
    column: (t) => ({ title: t.field.name, render: (_: unknown, e: ListEntry) => <TruncatedText text={e.name}><Link to={`/register/${e.id}`}>{e.name}</Link></TruncatedText> }),
  },
  { key: 'vendor', sort: 'vendor_name', default: true, width: 120, column: (t) => ({ title: t.field.vendor, render: (_: unknown, e: ListEntry) => <TruncatedText text={e.vendor?.name ?? '—'} /> }) },
  { key: 'category', sort: 'category_name', default: true, width: 104, column: (t, lang) => ({ title: t.field.category, render: (_: unknown, e: ListEntry) => <TruncatedText text={(lang === 'en' && e.category.name_en) || e.category.name} /> }) },
  { key: 'department', sort: 'department', default: true, width: 100, column: (t) => ({ title: t.field.department, render: (_: unknown, e: ListEntry) => <TruncatedText text={e.department} /> }) },
  { key: 'service_model', sort: 'service_model', default: false, width: 110, column: (t, lang) => ({ title: t.field.service_model, render: (_: unknown, e: ListEntry) => label.model(e.service_model, lang) }) },
  { key: 'network_zone', sort: 'network_zone', default: false, width: 150, column: (t, lang) => ({ title: t.field.network_zone, render: (_: unknown, e: ListEntry) => <TruncatedText text={label.zone(e.network_zone, lang)} /> }) },
  {
    key: 'status', sort: 'status', default: true, width: 92,
    column: (t, lang) => ({ title: t.field.status, render: (_: unknown, e: ListEntry) => <StatusTag tone={STATUS_TONE[e.status]}>{label.status(e.status, lang)}</StatusTag> }),
  },
  { key: 'confidentiality', sort: 'confidentiality_level', default: true, width: 76, column: (t) => ({ title: t.field.confidentiality, align: 'center', render: (_: unknown, e: ListEntry) => e.classification.confidentiality }) },
  { key: 'resident_impact', sort: 'resident_impact', default: true, width: 86, column: (t) => ({ title: t.field.resident_impact, align: 'center', render: (_: unknown, e: ListEntry) => e.classification.resident_impact }) },
  { key: 'mental_distress', sort: 'mental_distress', default: false, width: 100, column: (t) => ({ title: t.field.mental_distress, align: 'center', render: (_: unknown, e: ListEntry) => e.classification.mental_distress }) },
  { key: 'economic_loss', sort: 'economic_loss', default: false, width: 100, column: (t) => ({ title: t.field.economic_loss, align: 'center', render: (_: unknown, e: ListEntry) => e.classification.economic_loss }) },
  {
    key: 'administrative_impact', sort: 'administrative_impact', default: true, width: 116,
    column: (t) => ({
      title: t.field.administrative_impact,
      align: 'right',
      render: (_: unknown, e: ListEntry) => (
        <StatusTag tone={BAND_TONE[e.classification.impact_band]}>
          {t.band[e.classification.impact_band]} {e.classification.administrative_impact}
        </StatusTag>
      ),
    }),
  },
  { key: 'leak_estimate', sort: 'leak_estimate_yen', default: true, width: 112, column: (t, lang) => ({ title: t.field.leak_estimate, align: 'right', render: (_: unknown, e: ListEntry) => (e.classification.leak_estimate_yen ? <Tooltip title={yen(e.classification.leak_estimate_yen, lang)}><span>{yenShort(e.classification.leak_estimate_yen, lang)}</span></Tooltip> : '—') }) },
  { key: 'residents_held', sort: 'residents_held', default: false, width: 110, column: (t, lang) => ({ title: t.field.residents_held, align: 'right', render: (_: unknown, e: ListEntry) => num(e.residents_held, lang) }) },
  { key: 'annual_cost', sort: 'annual_cost', default: false, width: 120, column: (t, lang) => ({ title: t.field.annual_cost, align: 'right', render: (_: unknown, e: ListEntry) => num(e.annual_cost, lang) }) },
  { key: 'contract_form', default: false, width: 110, column: (t, lang) => ({ title: t.field.contract_form, render: (_: unknown, e: ListEntry) => label.contract(e.contract_form, lang) }) },
  { key: 'contract_end', sort: 'contract_end', default: false, width: 120, column: (t) => ({ title: t.field.contract_end, render: (_: unknown, e: ListEntry) => formatDate(e.contract_end) }) },
  {
    key: 'standardised_business', default: false, width: 130,
    column: (_t, lang) => ({ title: PARTY_WORDS[lang].business, render: (_: unknown, e: ListEntry) => <TruncatedText text={e.standardised_business ? PARTY_LABELS.business[e.standardised_business][lang] : '—'} /> }),
  },
  { key: 'government_cloud', default: false, width: 120, column: (_t, lang) => ({ title: PARTY_WORDS[lang].governmentCloud, align: 'center', render: (_: unknown, e: ListEntry) => (e.government_cloud ? PARTY_WORDS[lang].yes : '—') }) },
];

export const DEFAULT_COLUMNS = ENTRY_COLUMNS.filter((c) => c.default).map((c) => c.key);
