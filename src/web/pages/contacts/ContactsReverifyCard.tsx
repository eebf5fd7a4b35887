import { Card, Flex, Statistic, Typography } from 'antd';
import { Link } from 'react-router';
import { PlainList } from '../../components/PlainList.tsx';
import { StatusTag } from '../../components/StatusTag.tsx';
import { useReverifyDue } from './contacts-api.ts';
import { useContactsText } from './contacts-text.ts';
import { REVERIFY_TONE } from './reverify-tone.ts';
import { formatDate } from '../../lib/format.ts';

const SHOWN = 6;

/** The home page's answer to "whom could we not reach?": contact structures to re-verify, and services in use without one. */
export function ContactsReverifyCard() {
  const { text: t, fill } = useContactsText();
  const due = useReverifyDue();
  // Organisations without a register of their own (a prefecture, say) see nothing here.
  if (due.isError) return null;
  const items = due.data ?? [];
  const count = (pred: (i: (typeof items)[number]) => boolean) => items.filter(pred).length;
  const figures = [
    { label: t.home.overdue, value: count((i) => i.state === 'overdue'), alarm: true },
    { label: t.home.dueSoon, value: count((i) => i.state === 'due_soon'), alarm: false },
    { label: t.home.never, value: count((i) => i.state === 'never' && i.has_structure), alarm: false },
    { label: t.home.missing, value: count((i) => !i.has_structure), alarm: false },
  ];
  // Structures that exist come first: those are the numbers someone may dial tonight.
  const shown = [...items.filter((i) => i.has_structure), ...items.filter((i) => !i.has_structure)].slice(0, SHOWN);
  return (
    <Card title={<h2 style={{ fontSize: 16, margin: 0 }}>{t.home.title}</h2>} loading={due.isPending} data-testid="home-contacts-reverify">
      <Typography.Paragraph type="secondary">{t.home.lead}</Typography.Paragraph>
      <Flex wrap gap={24} style={{ marginBottom: 8 }}>
        {figures.map((f) => (
          <Statistic key={f.label} title={f.label} value={f.value} valueStyle={f.alarm && f.value ? { color: '#a8071a' } : undefined} />
        ))}
      </Flex>
      {items.length === 0 ? (
        <Typography.Paragraph style={{ marginBottom: 0 }}>{t.home.none}</Typography.Paragraph>
      ) : (
        <PlainList
          items={shown}
          itemKey={(i) => i.entry_id}
          renderItem={(i) => (
            <Flex wrap gap={8} align="center" style={{ width: '100%' }}>
              <Link to={`/register/${i.entry_id}?tab=contacts`}>{i.external_key} {i.entry_name}</Link>
              <Typography.Text type="secondary">{i.department}</Typography.Text>
              <span style={{ marginLeft: 'auto' }}>
                {i.next_due && <Typography.Text style={{ marginRight: 8 }}>{fill(t.home.due, { date: formatDate(i.next_due) })}</Typography.Text>}
                <StatusTag tone={i.has_structure ? REVERIFY_TONE[i.state] : 'neutral'}>{i.has_structure ? t.states[i.state] : t.home.missing}</StatusTag>
              </span>
            </Flex>
          )}
          footer={items.length > SHOWN ? <Typography.Text type="secondary">{fill(t.home.more, { n: items.length - SHOWN })}</Typography.Text> : undefined}
        />
      )}
    </Card>
  );
}
