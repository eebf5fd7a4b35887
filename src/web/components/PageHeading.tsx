import { Flex, Typography } from 'antd';
import { useEffect, type ReactNode } from 'react';

/** The page's one <h1>, also used as the document title. */
export function PageHeading({ title, extra, lead }: { title: string; extra?: ReactNode; lead?: ReactNode }) {
  useEffect(() => {
    document.title = `${title} | Daicho`;
  }, [title]);
  return (
    <div style={{ marginBottom: 16 }}>
      <Flex justify="space-between" align="center" wrap gap={8}>
        <Typography.Title level={1} style={{ fontSize: 24, margin: 0 }}>
          {title}
        </Typography.Title>
        {extra}
      </Flex>
      {lead && <Typography.Paragraph style={{ marginTop: 8, marginBottom: 0 }}>{lead}</Typography.Paragraph>}
    </div>
  );
}
