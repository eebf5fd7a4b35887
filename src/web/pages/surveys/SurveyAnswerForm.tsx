import { Alert, App, Button, Card, Input, Radio, Space, Table, Typography } from 'antd';
import { useEffect, useMemo, useRef, useState } from 'react';
import { IMPORTANCE_LEVELS, type ImportanceLevel } from '../../../shared/assessments.ts';
import { SURVEY_REASON_MAX } from '../../../shared/schemas/surveys.ts';
import { ApiError } from '../../api/client.ts';
import { formatDateTime } from '../../lib/format.ts';
import { surveyApi, useSurveyMutation, type SurveyDetail } from './surveys-api.ts';
import { useSurveyText } from './surveys-text.ts';

type Draft = Record<string, { importance?: ImportanceLevel; reason: string }>;
type Problems = Record<string, { importance?: string; reason?: string }>;

function initialDraft(survey: SurveyDetail): Draft {
  const draft: Draft = {};
  for (const item of survey.items) draft[item.key] = { reason: '' };
  for (const answer of survey.my_answers ?? []) draft[answer.item_key] = { importance: answer.importance, reason: answer.reason ?? '' };
  return draft;
}

/** The participant's answers: per item a labelled radio group of the three levels and a reason; save a draft or hand in. */
export function SurveyAnswerForm({ survey }: { survey: SurveyDetail }) {
  const { text: t, lang, fill, level, bi } = useSurveyText();
  const { message } = App.useApp();
  const [draft, setDraft] = useState<Draft>(() => initialDraft(survey));
  const [problems, setProblems] = useState<Problems>({});
  const [summary, setSummary] = useState<string | null>(null);
  // Bumped on every refused save, so a repeated refusal with the same words is brought into view again.
  const [refusals, setRefusals] = useState(0);
  const summaryRef = useRef<HTMLDivElement>(null);
  // The hand-in button is at the foot of a long form: bring the error summary into view and focus.
  useEffect(() => {
    if (refusals > 0) summaryRef.current?.focus();
  }, [refusals]);
  const refuse = (text: string) => {
    setSummary(text);
    setRefusals((n) => n + 1);
  };
  const save = useSurveyMutation(surveyApi.answer);
  const editable = survey.can_answer;
  const submitted = survey.my_state === 'submitted';

  const categories = useMemo(() => {
    const groups: { key: string; title: string; items: SurveyDetail['items'] }[] = [];
    for (const item of survey.items) {
      const last = groups.at(-1);
      if (last?.key === item.category.key) last.items.push(item);
      else groups.push({ key: item.category.key, title: `${item.category.number ? `${item.category.number}. ` : ''}${bi(item.category.name)}`, items: [item] });
    }
    return groups;
  }, [survey.items, lang]); // bi follows lang

  const answered = survey.items.filter((i) => draft[i.key]?.importance).length;
  const change = (key: string, next: Partial<Draft[string]>) => {
    setDraft((d) => ({ ...d, [key]: { ...d[key]!, ...next } }));
    setProblems((p) => ({ ...p, [key]: {} }));
  };

  /** What a hand-in needs, checked here as the server checks it. */
  const check = (): Problems => {
    const found: Problems = {};
    for (const item of survey.items) {
      const answer = draft[item.key]!;
      if (!answer.importance) found[item.key] = { importance: t.answer.notAnswered };
      else if (answer.importance === 'hard_to_confirm' && !answer.reason.trim()) found[item.key] = { reason: t.answer.reasonRequired };
    }
    return found;
  };

  const send = (submit: boolean) => {
    setSummary(null);
    if (submit || submitted) {
      const found = check();
      if (Object.keys(found).length > 0) {
        setProblems(found);
        const missing = survey.items.filter((i) => found[i.key]?.importance).map((i) => i.key);
        refuse(missing.length ? fill(t.answer.missing, { items: missing.join(lang === 'en' ? ', ' : '、') }) : t.answer.reasonRequired);
        return;
      }
    }
    const answers = survey.items
      .filter((i) => draft[i.key]?.importance)
      .map((i) => ({ item_key: i.key, importance: draft[i.key]!.importance!, reason: draft[i.key]!.reason.trim() || null }));
    save.mutate(
      { id: survey.id, body: { answers, submit } },
      {
        onSuccess: () => {
          setProblems({});
          void message.success(submit ? t.answer.submitted : t.answer.saved);
        },
        onError: (error) => {
          if (!(error instanceof ApiError)) return void message.error(String(error));
          // answers.N.field → the item sent at N; other fields go to the summary.
          const found: Problems = {};
          const rest: string[] = [];
          for (const detail of error.details) {
            const reason = lang === 'en' ? (detail.reason_en ?? detail.reason) : detail.reason;
            const match = /^answers\.(\d+)\.(\w+)$/.exec(detail.field);
            const key = match ? answers[Number(match[1])]?.item_key : undefined;
            if (key && match) found[key] = { ...found[key], [match[2] === 'reason' ? 'reason' : 'importance']: reason };
            else rest.push(reason);
          }
          setProblems(found);
          refuse([error.localized(lang), ...rest].join(': '));
        },
      },
    );
  };

  if (!editable) return <MyAnswersTable survey={survey} />;
  return (
    <Card title={<h2 style={{ fontSize: 16, margin: 0 }}>{t.answer.title}</h2>} extra={<span aria-live="polite">{fill(t.answer.progress, { answered, total: survey.items.length })}</span>}>
      <Typography.Paragraph>{t.answer.lead}</Typography.Paragraph>
      {submitted && survey.my_submitted_at && <Alert type="success" showIcon style={{ marginBottom: 16 }} message={fill(t.answer.submittedNote, { at: formatDateTime(survey.my_submitted_at) })} />}
      {summary && (
        <div ref={summaryRef} tabIndex={-1} style={{ outline: 'none', scrollMarginTop: 16 }}>
          <Alert type="error" showIcon role="alert" style={{ marginBottom: 16 }} message={summary} />
        </div>
      )}
      {categories.map((category) => (
        <section key={category.key} aria-labelledby={`survey-category-${category.key}`}>
          <Typography.Title level={3} id={`survey-category-${category.key}`} style={{ fontSize: 15, marginTop: 8 }}>{category.title}</Typography.Title>
          {category.items.map((item) => {
            const answer = draft[item.key]!;
            const problem = problems[item.key] ?? {};
            const reasonId = `survey-reason-${item.key}`;
            return (
              <fieldset key={item.key} style={{ border: `1px solid ${problem.importance || problem.reason ? '#ff4d4f' : '#d9d9d9'}`, borderRadius: 8, padding: '8px 16px 12px', marginBottom: 12 }}>
                <legend style={{ fontSize: 14, fontWeight: 600, width: 'auto', padding: '0 4px', margin: 0, border: 0 }}>
                  {item.key} {bi(item.name)}
                </legend>
                <div role="radiogroup" aria-label={`${item.key} ${t.answer.importance}`} aria-describedby={problem.importance ? `${reasonId}-importance-error` : undefined}>
                  <Radio.Group value={answer.importance} onChange={(e) => change(item.key, { importance: e.target.value as ImportanceLevel })}>
                    <Space wrap size={[16, 4]}>
                      {IMPORTANCE_LEVELS.map((l) => (
                        <Radio key={l} value={l}>{level(l)}</Radio>
                      ))}
                    </Space>
                  </Radio.Group>
                </div>
                {problem.importance && <Typography.Text type="danger" id={`${reasonId}-importance-error`}>{problem.importance}</Typography.Text>}
                <div style={{ marginTop: 8 }}>
                  <label htmlFor={reasonId} style={{ display: 'block', marginBottom: 4 }}>{`${t.answer.reason}${answer.importance === 'hard_to_confirm' ? ' *' : ''}`}</label>
                  <Input.TextArea
                    id={reasonId}
                    value={answer.reason}
                    maxLength={SURVEY_REASON_MAX}
                    autoSize={{ minRows: 1, maxRows: 6 }}
                    placeholder={answer.importance === 'hard_to_confirm' ? t.answer.reasonPlaceholder : undefined}
                    status={problem.reason ? 'error' : undefined}
                    aria-invalid={problem.reason ? true : undefined}
                    aria-describedby={problem.reason ? `${reasonId}-error` : undefined}
                    onChange={(e) => change(item.key, { reason: e.target.value })}
                  />
                  {problem.reason && <Typography.Text type="danger" id={`${reasonId}-error`}>{problem.reason}</Typography.Text>}
                </div>
              </fieldset>
            );
          })}
        </section>
      ))}
      <Space wrap>
        {!submitted && <Button onClick={() => send(false)} loading={save.isPending && !save.variables?.body.submit}>{t.answer.saveDraft}</Button>}
        <Button type="primary" onClick={() => send(true)} loading={save.isPending && Boolean(save.variables?.body.submit)}>{submitted ? t.answer.resubmit : t.answer.submit}</Button>
      </Space>
    </Card>
  );
}

const hidden = { position: 'absolute', width: 1, height: 1, overflow: 'hidden', clip: 'rect(0 0 0 0)' } as const;

/** The participant's answers when they can no longer change (closed) or the user may not answer (viewer). */
function MyAnswersTable({ survey }: { survey: SurveyDetail }) {
  const { text: t, level, bi } = useSurveyText();
  const answers = new Map((survey.my_answers ?? []).map((a) => [a.item_key, a]));
  type Item = SurveyDetail['items'][number];
  return (
    <Card title={<h2 style={{ fontSize: 16, margin: 0 }}>{t.answer.title}</h2>}>
      <Alert type="info" showIcon style={{ marginBottom: 16 }} message={survey.status === 'closed' ? t.answer.closedNote : t.answer.readOnlyNote} />
      <Table
        size="small"
        rowKey="key"
        pagination={false}
        dataSource={survey.items}
        caption={<span style={hidden}>{t.answer.title}</span>}
        columns={[
          { title: t.results.item, key: 'item', width: '40%', render: (_: unknown, r: Item) => <><strong>{r.key}</strong> {bi(r.name)}</> },
          { title: t.answer.importance, key: 'importance', render: (_: unknown, r: Item) => { const a = answers.get(r.key); return a ? level(a.importance) : <Typography.Text type="secondary">{t.answer.notAnswered}</Typography.Text>; } },
          { title: t.answer.reason, key: 'reason', render: (_: unknown, r: Item) => answers.get(r.key)?.reason ?? '' },
        ]}
      />
    </Card>
  );
}
