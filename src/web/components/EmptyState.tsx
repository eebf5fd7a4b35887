import { Empty, Typography } from 'antd';
import type { ReactNode } from 'react';

/** An empty list that says what to do next. */
export function EmptyState({ title, hint, action }: { title: string; hint?: string; action?: ReactNode }) {
  return (
    <Empty
      image={Empty.PRESENTED_IMAGE_SIMPLE}
      description={
        <>
          <Typography.Text strong>{title}</Typography.Text>
          {hint && <Typography.Paragraph style={{ marginBottom: 0 }}>{hint}</Typography.Paragraph>}
        </>
      }
    >
      {action}
    </Empty>
  );
}
