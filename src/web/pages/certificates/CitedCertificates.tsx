import { App, Button, Divider, Empty, List, Select, Space, Typography } from 'antd';
import { useState } from 'react';
import { formatDateTime } from '../../lib/format.ts';
import { useFormFeedback } from '../../lib/form-errors.ts';
import { schemeName, ValidityCell } from './CertificateTable.tsx';
import { certificateApi, useCertificateMutation, useItemCertificates } from './certificates-api.ts';
import { useCertificateText } from './certificates-text.ts';

/** On an item that takes certificates as evidence (9-1): the cited certificates, and citing a valid one. Nothing on other items. */
export function CitedCertificates({ assessmentId, itemKey, editable }: { assessmentId: string; itemKey: string; editable: boolean }) {
  const { text: t, fill, scheme, socType } = useCertificateText();
  const { message } = App.useApp();
  const { reportError } = useFormFeedback();
  const data = useItemCertificates(assessmentId, itemKey);
  const [chosen, setChosen] = useState<string | undefined>();
  const cite = useCertificateMutation((id: string) => certificateApi.cite(assessmentId, itemKey, id));
  const uncite = useCertificateMutation((id: string) => certificateApi.uncite(assessmentId, itemKey, id));
  if (!data.data?.accepts) return null;
  const { cited, available } = data.data;
  return (
    <section data-testid="cited-certificates">
      <Divider orientation="left" plain>{t.cite.title}</Divider>
      <Typography.Paragraph type="secondary">{t.cite.lead}</Typography.Paragraph>
      {cited.length === 0 ? (
        <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t.cite.none} />
      ) : (
        <List
          size="small"
          bordered
          dataSource={cited}
          renderItem={(c) => (
            <List.Item
              actions={editable ? [<Button key="remove" size="small" onClick={() => uncite.mutate(c.certificate.id, { onSuccess: () => void message.success(t.cite.removed), onError: (e) => reportError(e) })} aria-label={`${t.cite.remove}: ${schemeName(c.certificate, scheme, socType)}`}>{t.cite.remove}</Button>] : []}
            >
              <div style={{ width: '100%' }}>
                <Typography.Text strong>{schemeName(c.certificate, scheme, socType)}</Typography.Text> {c.certificate.number} — {c.certificate.holder.name}
                <ValidityCell certificate={c.certificate} />
                <Typography.Text type="secondary" style={{ fontSize: 12 }}>{fill(t.cite.citedBy, { at: formatDateTime(c.cited_at), by: c.cited_by_label })}</Typography.Text>
              </div>
            </List.Item>
          )}
        />
      )}
      {editable && (
        available.length === 0 ? (
          <Typography.Paragraph type="secondary" style={{ marginTop: 8 }}>{t.cite.noneAvailable}</Typography.Paragraph>
        ) : (
          <Space style={{ marginTop: 12 }}>
            <label htmlFor="cite-certificate">{t.cite.choose}</label>
            <Select
              id="cite-certificate"
              style={{ width: 380 }}
              value={chosen}
              onChange={setChosen}
              placeholder={t.cite.choosePlaceholder}
              options={available.map((c) => ({ value: c.id, label: `${schemeName(c, scheme, socType)} ${c.number ?? ''} — ${c.holder.name}` }))}
            />
            <Button type="primary" disabled={!chosen} loading={cite.isPending} onClick={() => chosen && cite.mutate(chosen, { onSuccess: () => { setChosen(undefined); void message.success(t.cite.cited); }, onError: (e) => reportError(e) })}>{t.cite.add}</Button>
          </Space>
        )
      )}
    </section>
  );
}
