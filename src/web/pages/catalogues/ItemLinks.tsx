import { Typography } from 'antd';
import { Link } from 'react-router';
import type { ItemLink } from './catalogues-api.ts';
import { useCatalogueText } from './catalogues-text.ts';

/** The anchor of an item on its catalogue page. */
export const itemAnchor = (key: string) => `item-${key}`;

/** Mappings grouped by the catalogue they point to, each item a link to its anchor there. */
export function ItemLinkList({ links, label }: { links: ItemLink[]; label?: string }) {
  const { text: t, pick } = useCatalogueText();
  const groups = new Map<string, ItemLink[]>();
  for (const link of links) groups.set(link.catalogue_urn, [...(groups.get(link.catalogue_urn) ?? []), link]);
  return (
    <div>
      {label && <Typography.Text strong>{label}</Typography.Text>}
      {links.length === 0 ? (
        <Typography.Paragraph type="secondary" style={{ marginBottom: 0 }}>{t.detail.none}</Typography.Paragraph>
      ) : (
        <ul style={{ margin: '4px 0 0', paddingInlineStart: 20 }}>
          {[...groups.values()].map((group) => (
            <li key={group[0].catalogue_urn}>
              <Typography.Text type="secondary">{group[0].catalogue_name ? pick(group[0].catalogue_name) : `${group[0].catalogue_urn} ${t.detail.unavailable}`}</Typography.Text>
              <ul style={{ margin: 0, paddingInlineStart: 20 }}>
                {group.map((link) => (
                  <li key={link.urn}>
                    {link.catalogue_version_id ? (
                      <Link to={`/catalogues/${link.catalogue_version_id}#${itemAnchor(link.item_key)}`}>
                        {link.item_key} {pick(link.item_name)}
                      </Link>
                    ) : (
                      <span>{link.item_key}</span>
                    )}
                  </li>
                ))}
              </ul>
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}
