import { CopyOutlined, DownloadOutlined } from '@ant-design/icons';
import { Alert, App, Button, Checkbox, Flex, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';

/** Recovery codes, shown once: copy or download them, confirm they are kept, then continue. */
export function RecoveryCodesPanel({ codes, onDone }: { codes: string[]; onDone: () => void }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const [saved, setSaved] = useState(false);
  const asText = `${t('mfa.recoveryFileHeader')}\n\n${codes.join('\n')}\n`;

  const copy = async () => {
    try {
      await navigator.clipboard.writeText(asText);
      void message.success(t('common.copied'));
    } catch {
      void message.warning(codes.join(' '));
    }
  };
  const download = () => {
    const url = URL.createObjectURL(new Blob([asText], { type: 'text/plain;charset=utf-8' }));
    const link = document.createElement('a');
    link.href = url;
    link.download = t('mfa.recoveryFileName');
    link.click();
    URL.revokeObjectURL(url);
  };

  return (
    <Flex vertical gap={16}>
      <Typography.Title level={2} style={{ fontSize: 18, margin: 0 }}>
        {t('mfa.recoveryTitle')}
      </Typography.Title>
      <Alert type="warning" showIcon message={t('mfa.recoveryLead')} />
      <ol aria-label={t('mfa.recoveryCodesList')} data-testid="recovery-codes" style={{ columns: 2, fontFamily: 'monospace', fontSize: 16, margin: 0 }}>
        {codes.map((code) => (
          <li key={code}>{code}</li>
        ))}
      </ol>
      <Flex gap={8} wrap>
        <Button icon={<CopyOutlined aria-hidden />} onClick={copy}>
          {t('common.copy')}
        </Button>
        <Button icon={<DownloadOutlined aria-hidden />} onClick={download}>
          {t('common.download')}
        </Button>
      </Flex>
      <Checkbox checked={saved} onChange={(event) => setSaved(event.target.checked)}>
        {t('mfa.recoverySaved')}
      </Checkbox>
      <Button type="primary" disabled={!saved} onClick={onDone}>
        {t('mfa.finish')}
      </Button>
    </Flex>
  );
}
