import { EditOutlined } from '@ant-design/icons';
import type { ReactNode } from 'react';
import { Alert, Button, Card, Descriptions, List, Table, Typography } from 'antd';
import { StatusTag } from '../../components/StatusTag.tsx';
import { formatDateTime } from '../../lib/format.ts';
import { SLA_TEXT_ITEMS, type SlaTextItem } from '../../../shared/sla.ts';
import type { SlaCatalogue, SlaEntryView, SlaFlag, SlaTerms } from './sla-api.ts';
import { calendarText, clock, duration, JUDGEMENT_TONE, judgementOf, percent, vocab, weekdayName, yenAmount } from './sla-format.ts';
import { useSlaText } from './sla-text.ts';

const cardTitle = (title: string) => <h2 style={{ fontSize: 16, margin: 0 }}>{title}</h2>;

/** The catalogue's SLA items side by side with the contracted value, the recommended grade and the flags. */
export function TermsPanel({ view, catalogue, onEdit }: { view: SlaEntryView & { terms: SlaTerms }; catalogue: SlaCatalogue | undefined; onEdit: () => void }) {
  const { text: t, lang, fill } = useSlaText();
  const terms = view.terms;
  const reasonOf = (flag: SlaFlag) => (lang === 'en' ? flag.reason_en : flag.reason);
  const valueOf = (code: string): ReactNode => {
    if (code === 'service_hours') {
      return (
        <>
          <div>{vocab.audience(terms.audience, lang)}: {calendarText(terms, lang, t, fill)}</div>
          {terms.service_hours_note && <Typography.Text type="secondary" style={{ whiteSpace: 'pre-wrap' }}>{terms.service_hours_note}</Typography.Text>}
        </>
      );
    }
    if (code === 'availability') return terms.availability_target === null || terms.availability_target === undefined ? t.terms.notDefined : percent(terms.availability_target, lang);
    if (code === 'mttr') return terms.mttr_target_minutes ? duration(terms.mttr_target_minutes, t, fill) : t.terms.notDefined;
    if ((SLA_TEXT_ITEMS as readonly string[]).includes(code)) {
      const value = terms[code as SlaTextItem];
      return value ? <span style={{ whiteSpace: 'pre-wrap' }}>{value}</span> : t.terms.notDefined;
    }
    return '—';
  };
  const itemCodes = new Set((catalogue?.items ?? []).map((i) => i.code));
  const rows = (catalogue?.items ?? []).map((item) => {
    const flags = view.flags.filter((f) => f.item === item.code);
    return { code: item.code, name: item.name[lang], recommended: item.recommended[lang], flags, judgement: judgementOf(flags) };
  });
  const otherFlags = view.flags.filter((f) => !itemCodes.has(f.item));

  return (
    <Card
      title={cardTitle(t.tab.termsTitle)}
      extra={view.can_edit && <Button icon={<EditOutlined aria-hidden />} onClick={onEdit}>{t.tab.edit}</Button>}
    >
      <Typography.Paragraph>{t.tab.termsLead}</Typography.Paragraph>
      <Table
        size="small"
        rowKey="code"
        pagination={false}
        loading={!catalogue}
        dataSource={rows}
        data-testid="sla-terms-table"
        columns={[
          { title: t.terms.item, dataIndex: 'name', width: 170, render: (v: string) => <strong>{v}</strong> },
          { title: t.terms.value, key: 'value', render: (_: unknown, r) => valueOf(r.code) },
          { title: t.terms.recommended, dataIndex: 'recommended', width: 260 },
          {
            title: t.terms.judgement,
            key: 'judgement',
            width: 300,
            render: (_: unknown, r) => (
              <>
                <StatusTag tone={JUDGEMENT_TONE[r.judgement]}>{t.terms.judgements[r.judgement]}</StatusTag>
                {r.flags.map((f) => <div key={f.reason}>{reasonOf(f)}</div>)}
              </>
            ),
          },
        ]}
      />
      {otherFlags.length > 0 && (
        <Alert
          style={{ marginTop: 16 }}
          type="warning"
          showIcon
          message={t.tab.notesTitle}
          description={<ul style={{ margin: 0, paddingInlineStart: 20 }}>{otherFlags.map((f) => <li key={f.reason}>{reasonOf(f)}</li>)}</ul>}
        />
      )}
      <Typography.Paragraph type="secondary" style={{ marginTop: 12, marginBottom: 0 }}>
        {fill(t.tab.updated, { at: formatDateTime(terms.updated_at), by: terms.updated_by_label })}
      </Typography.Paragraph>
    </Card>
  );
}

/** The counting rules as the contract states them. */
export function RulesPanel({ view }: { view: SlaEntryView & { terms: SlaTerms } }) {
  const { text: t, lang, fill } = useSlaText();
  const terms = view.terms;
  const windows = terms.maintenance_windows ?? [];
  const credits = [...(terms.credit_table ?? [])].sort((a, b) => b.from - a.from);
  const excluded = terms.excluded_causes ?? [];
  return (
    <Card title={cardTitle(t.tab.rulesTitle)}>
      <Descriptions bordered size="small" column={{ xs: 1, sm: 1, md: 2, lg: 2, xl: 2, xxl: 2 }} styles={{ label: { width: 180 } }}>
        <Descriptions.Item label={t.rules.audience}>{vocab.audience(terms.audience, lang)}</Descriptions.Item>
        <Descriptions.Item label={t.rules.calendar}>{calendarText(terms, lang, t, fill)}</Descriptions.Item>
        <Descriptions.Item label={t.rules.holidays}>
          {terms.calendar_kind === 'always' ? t.rules.holidaysAlways : terms.exclude_holidays ? fill(t.rules.holidaysExcluded, { year: view.holidays_known_until }) : t.rules.holidaysIncluded}
        </Descriptions.Item>
        <Descriptions.Item label={t.rules.maintenance}>
          {windows.length ? windows.map((w, i) => <div key={i}>{`${weekdayName(w.weekday, lang)} ${clock(w.start_minute)}〜${clock(w.end_minute)}`}</div>) : t.rules.noMaintenance}
        </Descriptions.Item>
        {terms.service_hours_note && <Descriptions.Item label={t.rules.serviceHoursNote} span={2}><span style={{ whiteSpace: 'pre-wrap' }}>{terms.service_hours_note}</span></Descriptions.Item>}
        <Descriptions.Item label={t.rules.minimumOutage}>{terms.minimum_outage_minutes ? fill(t.rules.minimumFrom, { minutes: terms.minimum_outage_minutes }) : t.rules.minimumAll}</Descriptions.Item>
        <Descriptions.Item label={t.rules.truncate}>{terms.truncate_unit_minutes ? fill(t.rules.truncateUnit, { minutes: terms.truncate_unit_minutes }) : t.rules.truncateNone}</Descriptions.Item>
        <Descriptions.Item label={t.rules.startBasis}>{vocab.startBasis(terms.start_basis ?? 'occurred', lang)}</Descriptions.Item>
        <Descriptions.Item label={t.rules.excluded}>{excluded.length ? excluded.map((c) => vocab.cause(c, lang)).join(lang === 'en' ? ', ' : '、') : t.rules.excludedNone}</Descriptions.Item>
        <Descriptions.Item label={t.rules.creditTable} span={2}>
          {credits.length ? (
            <List
              size="small"
              dataSource={credits}
              renderItem={(b) => (
                <List.Item style={{ paddingInline: 0 }}>
                  {`${t.rules.band} ${fill(b.to >= 100 ? t.rules.bandRangeTop : t.rules.bandRange, { from: percent(b.from, lang), to: percent(b.to, lang) })} → ${t.rules.credit} ${percent(b.credit_percent, lang)}`}
                </List.Item>
              )}
            />
          ) : (
            t.rules.creditNone
          )}
        </Descriptions.Item>
        <Descriptions.Item label={t.rules.monthlyFee}>{yenAmount(terms.monthly_fee_yen, lang)}</Descriptions.Item>
        <Descriptions.Item label={t.rules.reviewInterval}>{fill(t.rules.everyMonths, { months: terms.review_interval_months ?? 12 })}</Descriptions.Item>
        <Descriptions.Item label={t.rules.sourceDocument} span={2}>{terms.source_document || '—'}</Descriptions.Item>
      </Descriptions>
    </Card>
  );
}
