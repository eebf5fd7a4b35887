// The one date (and date-time) input of the app: antd's DatePicker in the display language, while the form
// keeps the value the API takes — 'YYYY-MM-DD', or 'YYYY-MM-DDTHH:mm' read as Japan time with `withTime`.
// Typed dates are accepted as 2026/12/02, 2026-12-02 or 20261202. Form.Item's id reaches the input, so
// the label names it.
import { DatePicker } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import 'dayjs/locale/ja';
import type { CSSProperties } from 'react';
import { useDateText } from './date-text.ts';

const DATE = 'YYYY-MM-DD';
const DATE_TIME = 'YYYY-MM-DDTHH:mm';
const SHOWN_DATE = ['YYYY/MM/DD', 'YYYY-MM-DD', 'YYYYMMDD'];
const SHOWN_DATE_TIME = ['YYYY/MM/DD HH:mm', 'YYYY-MM-DD HH:mm'];

export interface DateFieldProps {
  id?: string;
  value?: string | null;
  onChange?: (value: string | null) => void;
  /** Earliest / latest allowed day, in the value's own shape (only the date part counts). */
  min?: string;
  max?: string;
  /** A date and a time of day (Japan time) instead of a calendar date. */
  withTime?: boolean;
  disabled?: boolean;
  style?: CSSProperties;
  'aria-required'?: boolean | 'true' | 'false';
  'aria-describedby'?: string;
}

export function DateField({ value, onChange, min, max, withTime = false, style, ...rest }: DateFieldProps) {
  const { text, lang } = useDateText();
  dayjs.locale(lang === 'en' ? 'en' : 'ja');
  const parsed = value ? dayjs(value) : null;
  const first = min?.slice(0, 10);
  const last = max?.slice(0, 10);
  const disabledDate = first || last ? (day: Dayjs) => Boolean((first && day.format(DATE) < first) || (last && day.format(DATE) > last)) : undefined;
  return (
    <DatePicker
      {...rest}
      value={parsed?.isValid() ? parsed : null}
      onChange={(day: Dayjs | null) => onChange?.(day ? day.format(withTime ? DATE_TIME : DATE) : null)}
      format={withTime ? SHOWN_DATE_TIME : SHOWN_DATE}
      showTime={withTime ? { format: 'HH:mm' } : false}
      needConfirm={false}
      // Enter takes the typed date; it must not also submit the form the field is in (the picker still
      // reads the key: only the browser's implicit submission is stopped).
      onKeyDown={(event) => {
        if (event.key === 'Enter') event.preventDefault();
      }}
      disabledDate={disabledDate}
      placeholder={withTime ? text.field.placeholderTime : text.field.placeholder}
      style={{ width: withTime ? 220 : 180, ...style }}
    />
  );
}
