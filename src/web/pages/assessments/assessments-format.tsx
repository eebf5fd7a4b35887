import { Progress as AntProgress, Typography } from 'antd';
import type { AnswerSpec } from '../../../shared/catalogue.ts';
import type { ItemStatus } from '../../../shared/assessments.ts';
import { StatusTag, type Tone } from '../../components/StatusTag.tsx';
import type { Progress } from './assessments-api.ts';
import { useAssessmentText } from './assessments-text.ts';
import { formatDate } from '../../lib/format.ts';

const STATUS_TONES: Record<ItemStatus, Tone> = { unconfirmed: 'neutral', in_progress: 'info', confirmed: 'success', action_required: 'error', not_applicable: 'neutral' };

/** An item's status as colour, icon and text. */
export function ItemStatusTag({ value }: { value: ItemStatus }) {
  const { vocab } = useAssessmentText();
  return <StatusTag tone={STATUS_TONES[value]}>{vocab.status(value)}</StatusTag>;
}

export function OverdueTag() {
  const { text: t } = useAssessmentText();
  return <StatusTag tone="error">{t.table.overdue}</StatusTag>;
}

/** A progress bar with its figures written out (the bar alone says nothing to a screen reader). */
export function ProgressBar({ progress, width = 220 }: { progress: Progress; width?: number }) {
  const { text: t, fill } = useAssessmentText();
  const values = { settled: progress.settled, total: progress.total, percent: progress.percent };
  return (
    <div style={{ minWidth: width }}>
      <AntProgress percent={progress.percent} showInfo={false} size="small" aria-label={fill(t.progress.aria, values)} strokeColor="#237804" />
      <Typography.Text style={{ fontSize: 12 }}>{fill(t.progress.value, values)}</Typography.Text>
    </div>
  );
}


/** The answer as a person reads it. */
export function useAnswerText() {
  const { vocab, lang } = useAssessmentText();
  return (spec: AnswerSpec | { type: string; choices?: { code: string; name: { ja: string; en: string } }[]; unit?: { ja: string; en: string } }, answer: string | number | null) => {
    if (answer === null || answer === '') return '';
    if (spec.type === 'status') return vocab.answerStatus(String(answer));
    if (spec.type === 'choice') return spec.choices?.find((c) => c.code === answer)?.name[lang] ?? String(answer);
    if (spec.type === 'date') return formatDate(String(answer));
    if (spec.type === 'number' && spec.unit) return `${answer} ${spec.unit[lang]}`;
    return String(answer);
  };
}
