// The header's search box: top results per group while typing (after a pause), arrow keys and Enter
// to open one; Enter straight away opens the first option ("see all"), the results page (/search?q=…).
import { AutoComplete } from 'antd';
import { useEffect, useState } from 'react';
import { useNavigate } from 'react-router';
import { useSearch } from './search-api.ts';
import { useSearchText } from './search-text.ts';

const DEBOUNCE_MS = 250;
const PER_GROUP = 4;

export function HeaderSearch() {
  const { text, fill } = useSearchText();
  const navigate = useNavigate();
  const [value, setValue] = useState('');
  const [debounced, setDebounced] = useState('');
  useEffect(() => {
    const timer = setTimeout(() => setDebounced(value), DEBOUNCE_MS);
    return () => clearTimeout(timer);
  }, [value]);
  const results = useSearch(debounced, PER_GROUP);
  const groups = debounced.trim() ? (results.data?.groups ?? []) : [];

  // One flat list (antd's option groups break the listbox's ARIA): "see all" first, so Enter alone
  // opens the results page; arrow keys reach the results, each naming its group.
  const q = value.trim();
  const options = q
    ? [
        { value: `all\u0000\u0000/search?q=${encodeURIComponent(q)}`, label: <strong>{fill(text.seeAll, { q })}</strong> },
        ...groups.flatMap((group) =>
          group.items.map((item) => ({
            value: `${group.kind}\u0000${item.id}\u0000${item.path}`,
            label: (
              <div style={{ minWidth: 0 }} data-testid="search-option">
                <div style={{ fontSize: 12, color: '#595959' }}>{`${text.kinds[group.kind]}（${fill(text.count, { count: group.total })}）`}</div>
                <div style={{ overflow: 'hidden', textOverflow: 'ellipsis' }}>{item.title}</div>
                {item.subtitle && <div style={{ fontSize: 12, color: '#595959', overflow: 'hidden', textOverflow: 'ellipsis' }}>{item.subtitle}</div>}
              </div>
            ),
          })),
        ),
      ]
    : [];

  const open = (path: string) => {
    setValue('');
    setDebounced('');
    void navigate(path);
  };

  return (
    <AutoComplete
      value={value}
      options={options}
      popupMatchSelectWidth={420}
      // "See all" is active as soon as the list opens, so Enter alone opens the results page.
      defaultActiveFirstOption
      onChange={(next: string) => setValue(next.includes('\u0000') ? value : next)}
      onSelect={(chosen: string) => open(chosen.split('\u0000')[2]!)}
      aria-label={text.label}
      placeholder={text.placeholder}
      allowClear
      data-testid="header-search"
      style={{ width: 280 }}
    />
  );
}
