import { CopyOutlined } from '@ant-design/icons';
import { Alert, App, Button, Flex, Typography } from 'antd';
import { useTranslation } from 'react-i18next';

/** A secret shown once (temporary password, API token) with a copy button and a warning. */
export function CopyableSecret({ value, label, testId }: { value: string; label: string; testId?: string }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const copy = async () => {
    try {
      await navigator.clipboard.writeText(value);
      void message.success(t('common.copied'));
    } catch {
      void message.warning(value);
    }
  };
  return (
    <Flex vertical gap={12}>
      <div>
        <Typography.Text strong>{label}</Typography.Text>
        <Flex align="center" gap={8} wrap style={{ marginTop: 4 }}>
          <code data-testid={testId} style={{ fontSize: 18, padding: '6px 10px', background: '#f5f5f5', border: '1px solid #d9d9d9', borderRadius: 6, wordBreak: 'break-all' }}>
            {value}
          </code>
          <Button icon={<CopyOutlined aria-hidden />} onClick={copy}>
            {t('common.copy')}
          </Button>
        </Flex>
      </div>
      <Alert type="warning" showIcon message={t('common.shownOnce')} />
    </Flex>
  );
}
