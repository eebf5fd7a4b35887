import { Card, Flex, Statistic } from 'antd';
import { Link } from 'react-router';
import { PlainList } from '../../components/PlainList.tsx';
import { StatusTag } from '../../components/StatusTag.tsx';
import { useOverview } from './register-api.ts';
import { yenShort } from './register-labels.ts';
import { useRegisterText } from './register-text.ts';
import { useLabels } from '../../lib/labels.ts';

/** The home page's answer to "which services could hurt residents most?". */
export function RegisterSummaryCard() {
  const { text: t, lang } = useRegisterText();
  const { localName } = useLabels();
  const overview = useOverview('');
  const data = overview.data;
  const high = data?.by_impact_band.find((b) => b.band === 'high')?.count ?? 0;
  return (
    <Card title={<h2 style={{ fontSize: 16, margin: 0 }}>{t.list.title}</h2>} loading={overview.isPending} extra={<Link to="/register">{t.nav.register}</Link>}>
      <Flex wrap gap={24} style={{ marginBottom: 16 }}>
        <Statistic title={t.overview.count} value={data?.total ?? 0} />
        <Statistic title={`${t.field.administrative_impact}: ${t.band.high}`} value={high} />
        <Statistic title={t.field.leak_estimate} value={yenShort(data?.totals.leak_estimate_yen ?? 0, lang)} />
      </Flex>
      <PlainList
        header={t.overview.top}
        items={(data?.top_entries ?? []).slice(0, 5)}
        itemKey={(entry) => entry.id}
        empty={t.overview.empty}
        extra={(entry) => <StatusTag tone={entry.administrative_impact >= 27 ? 'error' : entry.administrative_impact >= 9 ? 'warning' : 'neutral'}>{entry.administrative_impact}</StatusTag>}
        renderItem={(entry) => (
          <>
            {/* Underlined: a link beside plain text must not rely on colour alone (WCAG 1.4.1). */}
            <Link to={`/register/${entry.id}`} style={{ textDecoration: 'underline' }}>{entry.name}</Link>
            {lang === 'en' ? ` (${localName(entry.category_name, entry.category_name_en)})` : `（${entry.category_name}）`}
          </>
        )}
      />
    </Card>
  );
}
