// Small form controls of the SLA forms, and error placement on nested list fields.
import { App, Input, InputNumber, Radio, Space, type FormInstance, type RadioGroupProps } from 'antd';
import { useEffect, useState } from 'react';
import { ApiError } from '../../api/client.ts';
import { englishOf } from '../../../shared/messages.ts';
import type { Lang } from '../../i18n/index.ts';
import { clock, parseClock } from './sla-format.ts';

/** A clock time typed as HH:mm, held by the form as minutes after midnight (26:00 = 1560). */
export function ClockInput({ value, onChange, id, 'aria-label': ariaLabel }: { value?: number | string | null; onChange?: (value: number | string | null) => void; id?: string; 'aria-label'?: string }) {
  const [typed, setTyped] = useState(typeof value === 'number' ? clock(value) : (value ?? ''));
  useEffect(() => {
    if (typeof value === 'number' && parseClock(typed) !== value) setTyped(clock(value));
    // Only an outside change of the value rewrites what the user typed.
  }, [value]);
  return (
    <Input
      id={id}
      aria-label={ariaLabel}
      value={typed}
      placeholder="08:30"
      inputMode="numeric"
      autoComplete="off"
      style={{ width: 100 }}
      onChange={(event) => {
        setTyped(event.target.value);
        const minutes = parseClock(event.target.value);
        onChange?.(event.target.value.trim() === '' ? null : (minutes ?? event.target.value));
      }}
    />
  );
}

/** A duration typed as hours and minutes, held by the form as minutes (empty: none). */
export function HoursMinutesInput({ value, onChange, id, hoursLabel, minutesLabel }: { value?: number | null; onChange?: (value: number | null) => void; id?: string; hoursLabel: string; minutesLabel: string }) {
  const hours = value === null || value === undefined ? null : Math.floor(value / 60);
  const minutes = value === null || value === undefined ? null : value % 60;
  const emit = (h: number | null, m: number | null) => onChange?.(h === null && m === null ? null : (h ?? 0) * 60 + (m ?? 0));
  return (
    <Space.Compact>
      <InputNumber id={id} aria-label={hoursLabel} min={0} max={1666} precision={0} value={hours} onChange={(h) => emit(h, minutes)} addonAfter={hoursLabel} style={{ width: 150 }} />
      <InputNumber aria-label={minutesLabel} min={0} max={59} precision={0} value={minutes} onChange={(m) => emit(hours, m)} addonAfter={minutesLabel} style={{ width: 130 }} />
    </Space.Compact>
  );
}

type Issue = { field: string; reason: string; reason_en?: string };

/**
 * Places issues on their exact field, list rows included (`credit_table.1.to`). An issue about a
 * whole row (`credit_table.1`) or a field the form does not show goes to the nearest shown parent
 * (the list, with the row number: "2行目: …"); anything else goes into the message.
 */
export function usePlaceIssues() {
  const { message } = App.useApp();
  return (form: FormInstance, issues: Issue[], lang: Lang, rowLabel: (n: number) => string, fallback?: string) => {
    const registered = new Set(form.getFieldsError().map((f) => JSON.stringify(f.name)));
    const byPath = new Map<string, { name: (string | number)[]; errors: string[] }>();
    const unplaced: string[] = [];
    for (const issue of issues) {
      const reason = lang === 'en' ? (issue.reason_en ?? issue.reason) : issue.reason;
      const segments = issue.field.split('.').map((s) => (/^\d+$/.test(s) ? Number(s) : s));
      let name: (string | number)[] | null = null;
      for (let n = segments.length; n > 0 && !name; n--) if (registered.has(JSON.stringify(segments.slice(0, n)))) name = segments.slice(0, n);
      if (!name) {
        unplaced.push(reason);
        continue;
      }
      const row = segments[name.length];
      const text = typeof row === 'number' ? `${rowLabel(row + 1)}: ${reason}` : reason;
      const key = JSON.stringify(name);
      const entry = byPath.get(key) ?? { name, errors: [] };
      entry.errors.push(text);
      byPath.set(key, entry);
    }
    form.setFields([...byPath.values()]);
    const first = [...byPath.values()][0];
    if (first) form.scrollToField(first.name, { block: 'center' });
    if (unplaced.length || (!byPath.size && fallback)) void message.error([fallback, ...unplaced].filter(Boolean).join(': '));
  };
}

/** Issues of an API error or of a zod parse, in one shape. */
export function issuesOf(error: unknown): { issues: Issue[]; message?: { ja: string; en: string } } | null {
  if (error instanceof ApiError && error.details.length) return { issues: error.details, message: { ja: error.messageJa, en: error.messageEn } };
  return null;
}

export function zodIssues(issues: readonly { path: PropertyKey[]; message: string; code: string }[]): Issue[] {
  return issues.map((issue) => ({
    field: issue.path.map(String).join('.') || 'body',
    reason: issue.message,
    reason_en: englishOf(issue.message, issue as unknown as { code: string }),
  }));
}

/**
 * A required choice of radio buttons. Form.Item gives its control aria-required, which ARIA allows
 * on a radiogroup but not on a plain <div> (axe: aria-allowed-attr), so the group says what it is.
 */
export function RadioChoice(props: RadioGroupProps & { 'aria-required'?: boolean | 'true' | 'false'; 'aria-label'?: string }) {
  return <Radio.Group {...props} {...({ role: 'radiogroup' } as object)} />;
}
