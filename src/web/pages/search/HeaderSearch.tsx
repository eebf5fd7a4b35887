// The header's search box: top results per group while typing (after a pause), arrow keys and Enter
// to open one; Enter without a chosen result opens the results page (/search?q=…).
import { AutoComplete, Input } from 'antd';
import { useEffect, useRef, useState } from 'react';
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
  const selected = useRef(false);
  useEffect(() => {
    const timer = setTimeout(() => setDebounced(value), DEBOUNCE_MS);
    return () => clearTimeout(timer);
  }, [value]);
  const results = useSearch(debounced, PER_GROUP);
  const groups = debounced.trim() ? (results.data?.groups ?? []) : [];

  const options = groups.map((group) => ({
    label: <strong>{`${text.kinds[group.kind]}（${fill(text.count, { count: group.total })}）`}</strong>,
    options: group.items.map((item) => ({
      value: `${group.kind}\u0000${item.id}\u0000${item.path}`,
      label: (
        <div style={{ minWidth: 0 }} data-testid="search-option">
          <div style={{ overflow: 'hidden', textOverflow: 'ellipsis' }}>{item.title}</div>
          {item.subtitle && <div style={{ fontSize: 12, color: '#595959', overflow: 'hidden', textOverflow: 'ellipsis' }}>{item.subtitle}</div>}
        </div>
      ),
    })),
  }));
  if (value.trim()) options.push({ label: <strong>{fill(text.seeAll, { q: value.trim() })}</strong>, options: [{ value: `all\u0000\u0000/search?q=${encodeURIComponent(value.trim())}`, label: <span>{fill(text.seeAll, { q: value.trim() })}</span> }] });

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
      defaultActiveFirstOption={false}
      onChange={(next: string) => setValue(next.includes('\u0000') ? value : next)}
      onSelect={(chosen: string) => {
        selected.current = true;
        open(chosen.split('\u0000')[2]!);
      }}
      style={{ width: 280 }}
    >
      <Input.Search
        aria-label={text.label}
        placeholder={text.placeholder}
        allowClear
        data-testid="header-search"
        onSearch={(q) => {
          // Enter on a highlighted result selects it; otherwise it opens the results page.
          setTimeout(() => {
            if (selected.current) selected.current = false;
            else if (q.trim()) open(`/search?q=${encodeURIComponent(q.trim())}`);
          }, 0);
        }}
      />
    </AutoComplete>
  );
}
