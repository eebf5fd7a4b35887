import { Button, Card, Flex, Switch } from 'antd';
import { useState } from 'react';
import { Link } from 'react-router';
import type { OrganisationKind } from '../../../shared/roles.ts';
import type { Urgency } from '../../../shared/schemas/attention.ts';
import { PlainList } from '../../components/PlainList.tsx';
import { StatusTag, type Tone } from '../../components/StatusTag.tsx';
import { formatDateTime } from '../../lib/format.ts';
import { useAttention, type AttentionItem } from './attention-api.ts';
import { useHomeText } from './attention-text.ts';

const SHOWN = 10;
/** Dark grey on white: 7:1, readable where antd's secondary grey is not (WCAG AA). */
export const QUIET = { color: '#595959' };

const TONE: Record<Urgency, Tone> = { overdue: 'error', critical: 'error', high: 'warning', due_soon: 'warning', open: 'info' };

const slash = (date: string) => date.replaceAll('-', '/');

/** The words under an item's name: what it is about and how much, in the display language. */
function useDetails() {
  const { text: t, fill, severity, lang } = useHomeText();
  const number = (n: number) => n.toLocaleString(lang === 'en' ? 'en-GB' : 'ja-JP');
  return (item: AttentionItem): string[] => {
    const c = item.counts;
    const d = t.detail;
    switch (item.kind) {
      case 'incident':
      case 'area_incident':
      case 'vendor_incident': {
        const own = item.kind === 'vendor_incident';
        // The tag already says 重大 or 高; a lower severity, or one behind an overdue tag, is said here.
        const said = item.urgency === 'critical' || item.urgency === 'high';
        const parts = [item.subject.party ?? '', item.severity && !said ? fill(d.severity, { severity: severity(item.severity) }) : '', fill(d.bodies, { bodies: c.bodies ?? 0 })];
        if (c.affected) parts.push(fill(d.affected, { affected: c.affected }));
        if (item.next_update_due_at) {
          const at = formatDateTime(item.next_update_due_at);
          parts.push(fill(item.update_overdue ? (own ? d.ownUpdateOverdue : d.updateOverdue) : own ? d.ownNextUpdate : d.nextUpdate, { at }));
        }
        return parts.filter(Boolean);
      }
      case 'assessment_items':
        return [item.catalogue?.[lang] ?? '', c.overdue ? fill(d.itemsOverdue, { n: c.overdue }) : '', c.due_soon ? fill(d.itemsDueSoon, { n: c.due_soon }) : ''].filter(Boolean);
      case 'vendor_answers_review':
        return [item.subject.party ?? '', item.catalogue?.[lang] ?? '', c.waiting ? fill(d.waiting, { n: c.waiting }) : '', c.changed ? fill(d.changed, { n: c.changed }) : ''].filter(Boolean);
      case 'answer_request_overdue':
        return [fill(d.requestOverdue, { party: item.subject.party ?? '' }), item.catalogue?.[lang] ?? ''].filter(Boolean);
      case 'sla_breach':
        return [
          fill(d.breach, { month: slash(item.month ?? ''), availability: c.availability?.toFixed(2) ?? '—', target: c.target ?? '—' }),
          c.credit_yen ? fill(d.credit, { yen: number(c.credit_yen) }) : '',
        ].filter(Boolean);
      case 'sla_review':
        return [d.slaReview];
      case 'contacts_reverify':
        return item.since ? [fill(d.reverify, { date: slash(item.since) })] : [];
      case 'survey_answer':
        return [fill(d.surveyFrom, { party: item.subject.party ?? '', n: c.items ?? 0 })];
      case 'survey_progress':
        return [fill(d.surveyProgress, { submitted: c.submitted ?? 0, participants: c.participants ?? 0 })];
      case 'vendor_request':
        return [fill(d.requestProgress, { party: item.subject.party ?? '', answered: (c.total_items ?? 0) - (c.pending_items ?? 0), total: c.total_items ?? 0 }), item.catalogue?.[lang] ?? ''].filter(Boolean);
    }
  };
}

function AttentionRow({ item }: { item: AttentionItem }) {
  const { text: t } = useHomeText();
  const details = useDetails()(item);
  return (
    <Flex vertical gap={2}>
      <Flex wrap gap={8} align="center">
        <StatusTag tone={TONE[item.urgency]}>{t.urgency[item.urgency]}</StatusTag>
        <span style={QUIET}>{t.kind[item.kind]}</span>
        <Link to={item.path} style={{ textDecoration: 'underline', fontWeight: 500 }}>
          {item.subject.external_key ? `${item.subject.external_key} ` : ''}
          {item.subject.name}
        </Link>
      </Flex>
      {details.length > 0 && <span>{details.join(t.separator)}</span>}
    </Flex>
  );
}

function When({ item }: { item: AttentionItem }) {
  const { text: t, fill } = useHomeText();
  if (item.due_date) return <span style={item.urgency === 'overdue' ? { color: '#a8071a' } : QUIET}>{fill(t.due, { date: slash(item.due_date) })}</span>;
  if (item.subject.type === 'incident' && item.since) return <span style={QUIET}>{fill(t.occurred, { at: formatDateTime(item.since) })}</span>;
  return null;
}

/** 要対応: what needs the organisation (or, one switch away, me), most urgent first, each row linking to the work. */
export function AttentionList({ organisationKind }: { organisationKind: OrganisationKind }) {
  const { text: t, fill } = useHomeText();
  const [mine, setMine] = useState(false);
  const [all, setAll] = useState(false);
  const attention = useAttention(mine);
  const data = attention.data;
  const items = data?.items ?? [];
  const shown = all ? items : items.slice(0, SHOWN);
  const empty = mine ? t.emptyMine : organisationKind === 'operator' ? t.emptyOperator : t.empty;
  return (
    <Card
      data-testid="home-attention"
      loading={!data && attention.isPending}
      title={<h2 style={{ fontSize: 18, margin: 0 }}>{t.title}</h2>}
      extra={
        data?.mine_available && (
          <Flex gap={8} align="center">
            <Switch id="attention-mine" size="small" checked={mine} onChange={setMine} aria-describedby="attention-mine-hint" />
            <label htmlFor="attention-mine">{t.mine}</label>
            <span id="attention-mine-hint" hidden>
              {t.mineHint}
            </span>
          </Flex>
        )
      }
    >
      {attention.isError ? (
        <p style={{ margin: 0 }}>{t.loadFailed}</p>
      ) : (
        <>
          <p style={{ ...QUIET, marginTop: 0 }}>
            {t.lead} {data && items.length > 0 && fill(t.total, { n: items.length, overdue: items.filter((i) => i.urgency === 'overdue').length })}
          </p>
          <PlainList
            items={shown}
            itemKey={(i) => i.id}
            renderItem={(i) => <AttentionRow item={i} />}
            extra={(i) => <When item={i} />}
            empty={empty}
            footer={
              items.length > SHOWN ? (
                <Button type="link" style={{ padding: 0 }} onClick={() => setAll(!all)}>
                  {all ? fill(t.showFewer, { n: SHOWN }) : fill(t.showAll, { n: items.length - SHOWN })}
                </Button>
              ) : undefined
            }
          />
        </>
      )}
    </Card>
  );
}
