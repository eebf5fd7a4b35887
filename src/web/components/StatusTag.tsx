import { CheckCircleOutlined, CloseCircleOutlined, ExclamationCircleOutlined, InfoCircleOutlined, MinusCircleOutlined } from '@ant-design/icons';
import { Tag } from 'antd';
import type { ReactNode } from 'react';

export type Tone = 'success' | 'error' | 'warning' | 'info' | 'neutral';

// Dark text on a pale background: every pair passes WCAG AA contrast, and the icon and the text
// carry the meaning, never the colour alone.
const TONES: Record<Tone, { color: string; background: string; border: string; icon: ReactNode }> = {
  success: { color: '#135200', background: '#f6ffed', border: '#95de64', icon: <CheckCircleOutlined aria-hidden /> },
  error: { color: '#a8071a', background: '#fff1f0', border: '#ffa39e', icon: <CloseCircleOutlined aria-hidden /> },
  warning: { color: '#7a4500', background: '#fffbe6', border: '#ffd666', icon: <ExclamationCircleOutlined aria-hidden /> },
  info: { color: '#003eb3', background: '#e6f4ff', border: '#91caff', icon: <InfoCircleOutlined aria-hidden /> },
  neutral: { color: '#3a3a3a', background: '#f5f5f5', border: '#d9d9d9', icon: <MinusCircleOutlined aria-hidden /> },
};

export function StatusTag({ tone, children }: { tone: Tone; children: ReactNode }) {
  const style = TONES[tone];
  return (
    <Tag icon={style.icon} style={{ color: style.color, background: style.background, borderColor: style.border }}>
      {children}
    </Tag>
  );
}
