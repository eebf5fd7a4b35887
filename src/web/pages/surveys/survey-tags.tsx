import { StatusTag } from '../../components/StatusTag.tsx';
import { useSurveyText } from './surveys-text.ts';

/** 回答受付中 / 締切済, colour and text. */
export function SurveyStatusTag({ status }: { status: 'open' | 'closed' }) {
  const { text: t } = useSurveyText();
  return status === 'open' ? <StatusTag tone="info">{t.list.open}</StatusTag> : <StatusTag tone="neutral">{t.list.closed}</StatusTag>;
}

/** The participant's own state: 未回答 / 下書き保存済 / 提出済. */
export function MyStateTag({ state }: { state: 'not_started' | 'draft' | 'submitted' }) {
  const { text: t } = useSurveyText();
  const tone = state === 'submitted' ? 'success' : state === 'draft' ? 'warning' : 'error';
  return <StatusTag tone={tone}>{t.list.states[state]}</StatusTag>;
}
