import { useTranslation } from 'react-i18next';
import { ORGANISATION_KIND_LABELS, ROLE_LABELS, type OrganisationKind, type Role } from '../../shared/roles.ts';
import type { Lang } from '../i18n/index.ts';

function localName(name: string, nameEn: string | null | undefined, lang: Lang): string {
  return lang === 'en' && nameEn ? nameEn : name;
}

/** A text with {{name}} placeholders, filled in. */
export function fillTemplate(template: string, values: Record<string, string | number>): string {
  return template.replace(/\{\{(\w+)\}\}/g, (_, key: string) => String(values[key] ?? ''));
}

/** The display language and the shared labels of roles and organisation kinds in it. */
export function useLabels() {
  const { i18n } = useTranslation();
  const lang: Lang = i18n.language === 'en' ? 'en' : 'ja';
  return {
    lang,
    role: (role: Role) => ROLE_LABELS[role][lang],
    kind: (kind: OrganisationKind) => ORGANISATION_KIND_LABELS[kind][lang],
    organisationName: (organisation: { name: string; name_en?: string | null }) => localName(organisation.name, organisation.name_en, lang),
    /** A name kept in both languages (a category, say): the English one in English where there is one. */
    localName: (name: string, nameEn: string | null | undefined) => localName(name, nameEn, lang),
    fill: fillTemplate,
  };
}
