import { DeleteOutlined, EditOutlined, PaperClipOutlined, UploadOutlined } from '@ant-design/icons';
import { App, Button, Popconfirm, Space, Table, Typography, Upload } from 'antd';
import { useState } from 'react';
import { useMe } from '../../api/session.ts';
import { EmptyState } from '../../components/EmptyState.tsx';
import { StatusTag, type Tone } from '../../components/StatusTag.tsx';
import { formatDate } from '../../lib/format.ts';
import { useFormFeedback } from '../../lib/form-errors.ts';
import { postFile } from '../register/register-api.ts';
import type { CertificateState } from '../../../shared/certificates.ts';
import { CertificateForm, type FormTarget } from './CertificateForm.tsx';
import { certificateApi, useCertificateMutation, type Certificate } from './certificates-api.ts';
import { useCertificateText } from './certificates-text.ts';

export const STATE_TONE: Record<CertificateState, Tone> = { valid: 'success', expiring: 'warning', renewal_pending: 'info', expired: 'error', stale: 'error' };

/** A certificate's state with its rule in words (and the days left or the report's age). */
export function ValidityCell({ certificate }: { certificate: Certificate }) {
  const { text: t, fill, state, lang } = useCertificateText();
  const v = certificate.validity;
  return (
    <div>
      <StatusTag tone={STATE_TONE[v.state]}>{state(v.state)}</StatusTag>
      {v.days_left !== null && v.days_left >= 0 && <Typography.Text type="secondary" style={{ fontSize: 12 }}>{fill(t.table.daysLeft, { n: v.days_left })}</Typography.Text>}
      {v.age_days !== null && <Typography.Text type="secondary" style={{ fontSize: 12, marginInlineStart: 6 }}>{fill(t.table.ageDays, { n: v.age_days })}</Typography.Text>}
      <div style={{ fontSize: 12 }}>{v.rule[lang]}</div>
      {v.exceeds_rule && <Typography.Text type="warning" style={{ fontSize: 12 }}>{t.table.exceeds}</Typography.Text>}
    </div>
  );
}

export function schemeName(certificate: Certificate, scheme: (s: Certificate['scheme']) => string, socType: (s: string | null) => string): string {
  const edition = certificate.edition && certificate.scheme === 'iso27001' ? `:${certificate.edition}` : '';
  const type = certificate.scheme === 'soc1' || certificate.scheme === 'soc2' ? ` ${socType(certificate.soc_type)}` : '';
  return `${scheme(certificate.scheme)}${edition}${type}`;
}

/**
 * Certificates in a table: scheme, number, holder, validity with its rule, services, file. With
 * `editable`, the holder's own rows get edit, upload and delete (a vendor's with its `services` to choose from).
 */
export function CertificateTable({ items, loading, editable, emptyTitle, emptyHint, showHolder = true, testId, services }: { items: Certificate[]; loading?: boolean; editable: boolean; emptyTitle: string; emptyHint?: string; showHolder?: boolean; testId?: string; services?: { id: string; name: string }[] }) {
  const { text: t, scheme, socType } = useCertificateText();
  const me = useMe();
  const { message } = App.useApp();
  const { reportError } = useFormFeedback();
  const [editing, setEditing] = useState<FormTarget | null>(null);
  const remove = useCertificateMutation((id: string) => certificateApi.remove(id));
  const upload = useCertificateMutation(({ id, file }: { id: string; file: File }) => postFile<Certificate>(certificateApi.fileUploadUrl(id), file, me.csrf_token));
  return (
    <>
      <Table
        size="small"
        rowKey="id"
        loading={loading}
        dataSource={items}
        pagination={false}
        data-testid={testId}
        locale={{ emptyText: <EmptyState title={emptyTitle} hint={emptyHint} /> }}
        columns={[
          {
            title: t.table.scheme,
            key: 'scheme',
            width: 190,
            render: (_: unknown, c: Certificate) => (
              <>
                <Typography.Text strong>{schemeName(c, scheme, socType)}</Typography.Text>
                {c.number && <div style={{ fontSize: 12 }}>{c.number}</div>}
                {c.issuer && <div style={{ fontSize: 12, color: 'rgba(0,0,0,0.65)' }}>{c.issuer}</div>}
              </>
            ),
          },
          ...(showHolder ? [{ title: t.table.holder, key: 'holder', width: 150, render: (_: unknown, c: Certificate) => (c.vendor_id ? <>{c.vendor_name}<div style={{ fontSize: 12 }}>{t.table.ownKept}</div></> : c.holder.name) }] : []),
          { title: t.table.validity, key: 'validity', render: (_: unknown, c: Certificate) => <ValidityCell certificate={c} /> },
          { title: t.table.validThrough, key: 'through', width: 110, render: (_: unknown, c: Certificate) => (c.validity.valid_through ? formatDate(c.validity.valid_through) : t.table.noEnd) },
          {
            title: t.table.scope,
            key: 'scope',
            width: 200,
            render: (_: unknown, c: Certificate) => (
              <div style={{ fontSize: 12 }}>
                {c.services.length > 0 && <div>{c.services.map((s) => s.name).join('、')}</div>}
                {[c.scope, c.sites, c.regions].filter(Boolean).join(' / ')}
              </div>
            ),
          },
          {
            title: t.table.file,
            key: 'file',
            width: 120,
            render: (_: unknown, c: Certificate) =>
              c.file ? (
                <a href={certificateApi.fileUrl(c.id)} download={c.file.filename} title={`sha256 ${c.file.sha256}`}>
                  <PaperClipOutlined aria-hidden /> {t.table.download}
                </a>
              ) : (
                t.table.noFile
              ),
          },
          ...(editable && items.some((c) => c.mine)
            ? [
                {
                  title: t.table.actions,
                  key: 'actions',
                  width: 120,
                  render: (_: unknown, c: Certificate) =>
                    c.mine ? (
                      <Space direction="vertical" size={4}>
                        <Button size="small" icon={<EditOutlined aria-hidden />} onClick={() => setEditing({ certificate: c, services: c.vendor_id ? undefined : services })} aria-label={`${t.table.edit}: ${schemeName(c, scheme, socType)}`}>{t.table.edit}</Button>
                        <Upload
                          showUploadList={false}
                          accept=".pdf,.png,.jpg,.jpeg"
                          beforeUpload={(file) => {
                            upload.mutate({ id: c.id, file }, { onSuccess: () => void message.success(t.table.uploaded), onError: (error) => reportError(error) });
                            return false;
                          }}
                        >
                          <Button size="small" icon={<UploadOutlined aria-hidden />} aria-label={`${t.table.upload}: ${schemeName(c, scheme, socType)}`}>{t.table.upload}</Button>
                        </Upload>
                        <Popconfirm title={t.table.deleteConfirm} okText={t.table.delete} cancelText={t.form.cancel} onConfirm={() => remove.mutate(c.id, { onSuccess: () => void message.success(t.table.deleted), onError: (error) => reportError(error) })}>
                          <Button size="small" danger icon={<DeleteOutlined aria-hidden />} aria-label={`${t.table.delete}: ${schemeName(c, scheme, socType)}`}>{t.table.delete}</Button>
                        </Popconfirm>
                      </Space>
                    ) : null,
                },
              ]
            : []),
        ]}
      />
      {editing && <CertificateForm target={editing} onClose={() => setEditing(null)} />}
    </>
  );
}
