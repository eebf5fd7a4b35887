import type { CSSProperties, ReactNode } from 'react';

const DIVIDER = '1px solid rgba(5, 5, 5, 0.06)';
const ROW: CSSProperties = { display: 'flex', alignItems: 'center', gap: 8, padding: '8px 0', borderBottom: DIVIDER };

/**
 * A short list in a card (home's summaries): a plain <ul> drawn like antd's small List. antd's List
 * brings its pagination, and with it Select, which home would otherwise load for nothing.
 */
export function PlainList<T>({
  items,
  itemKey,
  renderItem,
  extra,
  header,
  footer,
  empty,
}: {
  items: readonly T[];
  itemKey: (item: T) => string;
  renderItem: (item: T) => ReactNode;
  extra?: (item: T) => ReactNode;
  header?: ReactNode;
  footer?: ReactNode;
  empty?: ReactNode;
}) {
  return (
    <div>
      {header && <div style={{ padding: '8px 0', borderBottom: DIVIDER }}>{header}</div>}
      {items.length === 0 ? (
        empty && <p style={{ margin: 0, padding: '12px 0', color: 'rgba(0, 0, 0, 0.68)' }}>{empty}</p>
      ) : (
        <ul style={{ listStyle: 'none', margin: 0, padding: 0 }}>
          {items.map((item) => (
            <li key={itemKey(item)} className="daicho-list-item" style={ROW}>
              <div style={{ flex: 1, minWidth: 0 }}>{renderItem(item)}</div>
              {extra && <div style={{ flex: 'none' }}>{extra(item)}</div>}
            </li>
          ))}
        </ul>
      )}
      {footer && <div style={{ padding: '8px 0' }}>{footer}</div>}
    </div>
  );
}
