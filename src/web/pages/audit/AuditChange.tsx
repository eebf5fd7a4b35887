import { Col, Row, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import type { AuditEntry } from '../../api/types.ts';

function JsonBlock({ label, value }: { label: string; value: unknown }) {
  const { t } = useTranslation();
  return (
    <div>
      <Typography.Text strong>{label}</Typography.Text>
      {value == null ? (
        <Typography.Paragraph>{t('common.none')}</Typography.Paragraph>
      ) : (
        // Focusable so that keyboard users can scroll a long record.
        <pre tabIndex={0} style={{ whiteSpace: 'pre-wrap', wordBreak: 'break-all', maxHeight: 320, overflow: 'auto', background: '#f5f5f5', padding: 8, borderRadius: 4, margin: '4px 0 0' }}>
          {JSON.stringify(value, null, 2)}
        </pre>
      )}
    </div>
  );
}

/** The recorded before/after of one audit entry. */
export function AuditChange({ entry }: { entry: AuditEntry }) {
  const { t } = useTranslation();
  return (
    <Row gutter={16}>
      <Col xs={24} md={12}>
        <JsonBlock label={t('audit.before')} value={entry.before} />
      </Col>
      <Col xs={24} md={12}>
        <JsonBlock label={t('audit.after')} value={entry.after} />
      </Col>
    </Row>
  );
}
