import { useTranslation } from 'react-i18next';
import { ORGANISATION_KIND_LABELS, ROLE_LABELS, type OrganisationKind, type Role } from '../../shared/roles.ts';
import type { Lang } from '../i18n/index.ts';

/** The display language and the shared labels of roles and organisation kinds in it. */
export function useLabels() {
  const { i18n } = useTranslation();
  const lang: Lang = i18n.language === 'en' ? 'en' : 'ja';
  return {
    lang,
    role: (role: Role) => ROLE_LABELS[role][lang],
    kind: (kind: OrganisationKind) => ORGANISATION_KIND_LABELS[kind][lang],
    organisationName: (organisation: { name: string; name_en?: string | null }) =>
      lang === 'en' && organisation.name_en ? organisation.name_en : organisation.name,
  };
}
