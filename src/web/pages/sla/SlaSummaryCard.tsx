import { Card, Flex, Statistic } from 'antd';
import { Link } from 'react-router';
import { japanMonth, useDueReviews, useOrgResults } from './sla-api.ts';
import { monthLabel, yenAmount } from './sla-format.ts';
import { useSlaText } from './sla-text.ts';

/** The home page's answer to "what is breached or due?": last month's breaches and the reviews due. */
export function SlaSummaryCard() {
  const { text: t, lang, fill } = useSlaText();
  const month = japanMonth(-1);
  const results = useOrgResults(month);
  const due = useDueReviews();
  const summary = results.data?.summary;
  // Organisations without an SLA register of their own (a prefecture, say) see nothing here.
  if (results.isError || due.isError) return null;
  return (
    <Card
      title={<h2 style={{ fontSize: 16, margin: 0 }}>{t.home.title}</h2>}
      loading={results.isPending || due.isPending}
      extra={<Link to={`/sla?month=${month}`}>{t.home.open}</Link>}
    >
      <Flex wrap gap={24}>
        <Statistic title={fill(t.home.breached, { month: monthLabel(month, lang) })} value={summary?.breached ?? 0} valueStyle={summary?.breached ? { color: '#a8071a' } : undefined} />
        <Statistic title={t.home.differs} value={summary?.differs ?? 0} />
        <Statistic title={t.month.creditTotal} value={yenAmount(summary?.credit_yen_total ?? 0, lang)} />
        <Statistic title={t.home.due} value={due.data?.length ?? 0} valueStyle={due.data?.some((d) => d.state === 'overdue') ? { color: '#a8071a' } : undefined} />
      </Flex>
    </Card>
  );
}
