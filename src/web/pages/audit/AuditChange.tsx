import { Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { useLabels } from '../../lib/labels.ts';
import './audit.css';
import { changeSentence, describeChange, type WordContext } from './audit-words.ts';

/** The words for recorded values in the display language, naming the ids in `names`. */
export function useWordContext(names: Record<string, string> | undefined, targetType: string | null): WordContext {
  const { t } = useTranslation();
  const { lang } = useLabels();
  return { lang, names: names ?? {}, targetType, none: t('common.none'), unknownName: t('audit.unknownName') };
}

/** One audit entry's before/after as a table of the fields that changed (or what was created or removed). */
export function AuditChange({ before, after, targetType, names }: { before: unknown; after: unknown; targetType: string | null; names?: Record<string, string> }) {
  const { t } = useTranslation();
  const ctx = useWordContext(names, targetType);
  const lines = describeChange(before, after, ctx);
  if (lines.length === 0) return <Typography.Paragraph type="secondary">{t('audit.noDetail')}</Typography.Paragraph>;
  const both = lines.some((line) => line.before !== undefined) && lines.some((line) => line.after !== undefined);
  return (
    <table className="audit-change">
      <thead>
        <tr>
          <th scope="col">{t('audit.field')}</th>
          {both ? (
            <>
              <th scope="col">{t('audit.before')}</th>
              <th scope="col">{t('audit.after')}</th>
            </>
          ) : (
            <th scope="col">{lines[0].after !== undefined ? t('audit.after') : t('audit.before')}</th>
          )}
        </tr>
      </thead>
      <tbody>
        {lines.map((line) => (
          <tr key={line.field}>
            <th scope="row">{line.label}</th>
            {both ? (
              <>
                <td>{line.before ?? t('common.none')}</td>
                <td>{line.after ?? t('common.none')}</td>
              </>
            ) : (
              <td>{line.after ?? line.before}</td>
            )}
          </tr>
        ))}
      </tbody>
    </table>
  );
}

/** The change as one line of text, for compact histories. */
export function ChangeSentence({ before, after, targetType, names }: { before: unknown; after: unknown; targetType: string | null; names?: Record<string, string> }) {
  const ctx = useWordContext(names, targetType);
  return <>{changeSentence(describeChange(before, after, ctx))}</>;
}
