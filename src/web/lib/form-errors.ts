import { App, type FormInstance } from 'antd';
import { useCallback } from 'react';
import type { ZodType } from 'zod';
import { ApiError } from '../api/client.ts';
import { useLabels } from './labels.ts';
import { englishOf } from '../../shared/messages.ts';

type Issue = { field: string; reason: string; reason_en?: string };

/** Puts each issue next to its form field (by the first path segment); returns the ones no field shows. */
function placeOnFields(form: FormInstance | undefined, issues: Issue[], lang: 'ja' | 'en'): Issue[] {
  const shown = issues.map((i) => ({ ...i, reason: lang === 'en' ? (i.reason_en ?? i.reason) : i.reason }));
  if (!form) return shown;
  const registered = new Set(Object.keys(form.getFieldsValue()));
  const byField = new Map<string, string[]>();
  const unplaced: Issue[] = [];
  for (const issue of shown) {
    const name = issue.field.split('.')[0];
    if (registered.has(name)) byField.set(name, [...(byField.get(name) ?? []), issue.reason]);
    else unplaced.push(issue);
  }
  form.setFields([...byField].map(([name, errors]) => ({ name, errors })));
  return unplaced;
}

/**
 * Form feedback in one place. `reportError` shows an API error: field details beside the fields of
 * the form, the rest as a message. `checkValues` checks values with a shared zod schema before
 * sending, so the form applies exactly the server's rules; it returns the parsed values, or null
 * after marking the fields in error.
 */
export function useFormFeedback() {
  const { message } = App.useApp();
  const { lang } = useLabels();
  const reportError = useCallback(
    (error: unknown, form?: FormInstance) => {
      if (!(error instanceof ApiError)) {
        void message.error(String(error instanceof Error ? error.message : error));
        return;
      }
      const unplaced = placeOnFields(form, error.details, lang);
      const extra = unplaced.map((d) => d.reason).join(' / ');
      void message.error(extra ? `${error.localized(lang)}: ${extra}` : error.localized(lang));
    },
    [message, lang],
  );
  const checkValues = useCallback(
    <T,>(schema: ZodType<T>, values: unknown, form: FormInstance): T | null => {
      const result = schema.safeParse(values);
      if (result.success) return result.data;
      const issues = result.error.issues.map((issue) => ({
        field: issue.path.map(String).join('.') || 'body',
        reason: issue.message,
        reason_en: englishOf(issue.message, issue as unknown as { code: string }),
      }));
      const unplaced = placeOnFields(form, issues, lang);
      if (unplaced.length) void message.error(unplaced.map((d) => d.reason).join(' / '));
      return null;
    },
    [message, lang],
  );
  return { reportError, checkValues };
}
