// Words of certificates (第三者認証): schemes, editions, SOC types, validity states, and the confirmation
// items a certificate may be cited on.
import { CERTIFICATE_SCHEMES, CERTIFICATE_STATES, ISO27001_EDITIONS, SOC_TYPES, type CertificateScheme, type CertificateState } from '../domain/certificates.ts';

export { CERTIFICATE_SCHEMES, CERTIFICATE_STATES, ISO27001_EDITIONS, SOC_TYPES, type CertificateScheme, type CertificateState };

type Bi = { ja: string; en: string };

export const CERTIFICATE_LABELS: {
  scheme: Record<CertificateScheme, Bi>;
  state: Record<CertificateState, Bi>;
  socType: Record<(typeof SOC_TYPES)[number], Bi>;
} = {
  scheme: {
    ismap: { ja: 'ISMAP', en: 'ISMAP' },
    ismap_liu: { ja: 'ISMAP-LIU', en: 'ISMAP-LIU' },
    iso27001: { ja: 'ISO/IEC 27001', en: 'ISO/IEC 27001' },
    iso27017: { ja: 'ISO/IEC 27017', en: 'ISO/IEC 27017' },
    iso27018: { ja: 'ISO/IEC 27018', en: 'ISO/IEC 27018' },
    soc1: { ja: 'SOC 1', en: 'SOC 1' },
    soc2: { ja: 'SOC 2', en: 'SOC 2' },
    pmark: { ja: 'プライバシーマーク', en: 'PrivacyMark' },
    aspic: { ja: 'ASPIC情報開示認定', en: 'ASPIC disclosure certification' },
    other: { ja: 'その他', en: 'Other' },
  },
  state: {
    valid: { ja: '有効', en: 'Valid' },
    expiring: { ja: '期限間近', en: 'Expiring' },
    renewal_pending: { ja: '更新手続中', en: 'Renewal pending' },
    expired: { ja: '期限切れ', en: 'Expired' },
    stale: { ja: '12か月より古い報告書', en: 'Older than 12 months' },
  },
  socType: { type1: { ja: 'タイプ1', en: 'Type I' }, type2: { ja: 'タイプ2', en: 'Type II' } },
};

/**
 * The items a certificate may be cited on, in one place. Of the 12 confirmation items
 * (catalogs/questionnaires/confirmation-items.yaml) only 9-1 「監査と第三者認証の証跡」 is about third-party
 * certification and audit; the others ask about the contract and operations, which a certificate does not
 * show. Of the cloud guideline, G7-2 asks for evidence of compliance including third-party certificates
 * (G8-1 is the body's own audit, which a certificate does not replace).
 */
export const CERTIFICATE_EVIDENCE_ITEMS: readonly { catalogue: string; key: string }[] = [
  { catalogue: 'urn:daicho:catalogue:confirmation-items', key: '9-1' },
  { catalogue: 'urn:daicho:catalogue:cloud-guideline', key: 'G7-2' },
];

export function acceptsCertificates(catalogue: string, key: string): boolean {
  return CERTIFICATE_EVIDENCE_ITEMS.some((i) => i.catalogue === catalogue && i.key === key);
}
