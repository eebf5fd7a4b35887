import { Card, Flex, Typography } from 'antd';
import { Link, useSearchParams } from 'react-router';
import { EmptyState } from '../../components/EmptyState.tsx';
import { PageHeading } from '../../components/PageHeading.tsx';
import { LoadFailed } from '../../components/Problems.tsx';
import { useSearch } from './search-api.ts';
import { useSearchText } from './search-text.ts';

const LIMIT = 100;

/** Every group of results for the words in the address (/search?q=…), each with all it found (up to 100). */
export default function SearchPage() {
  const { text, fill } = useSearchText();
  const [params] = useSearchParams();
  const q = params.get('q')?.trim() ?? '';
  const results = useSearch(q, LIMIT);
  const groups = results.data?.groups ?? [];
  return (
    <>
      <PageHeading title={q ? fill(text.resultsFor, { q }) : text.title} lead={text.lead} />
      {!q ? (
        <EmptyState title={text.empty} />
      ) : results.isError ? (
        <LoadFailed error={results.error} onRetry={() => void results.refetch()} />
      ) : results.isPending ? null : groups.length === 0 ? (
        <EmptyState title={text.none} hint={text.noneHint} />
      ) : (
        <Flex vertical gap={16}>
          {groups.map((group) => (
            <Card
              key={group.kind}
              data-testid="search-group"
              title={
                <h2 style={{ fontSize: 16, margin: 0 }}>
                  {text.kinds[group.kind]}（{fill(text.count, { count: group.total })}）
                </h2>
              }
              extra={group.total > group.items.length ? <Typography.Text type="secondary">{fill(text.shownOf, { shown: group.items.length, total: group.total })}</Typography.Text> : null}
            >
              <ul style={{ listStyle: 'none', margin: 0, padding: 0 }}>
                {group.items.map((item) => (
                  <li key={item.id} style={{ padding: '6px 0', borderBottom: '1px solid #f0f0f0' }}>
                    <Link to={item.path}>{item.title}</Link>
                    {item.subtitle && (
                      <Typography.Text type="secondary" style={{ display: 'block', fontSize: 13 }}>
                        {item.subtitle}
                      </Typography.Text>
                    )}
                  </li>
                ))}
              </ul>
            </Card>
          ))}
        </Flex>
      )}
    </>
  );
}
