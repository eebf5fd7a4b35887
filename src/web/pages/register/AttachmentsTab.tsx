import { DeleteOutlined, PaperClipOutlined, UploadOutlined } from '@ant-design/icons';
import { App, Button, Popconfirm, Table, Typography, Upload } from 'antd';
import { useState } from 'react';
import { api } from '../../api/client.ts';
import { useMe } from '../../api/session.ts';
import { EmptyState } from '../../components/EmptyState.tsx';
import { LoadFailed } from '../../components/Problems.tsx';
import { formatDateTime } from '../../lib/format.ts';
import { useFormFeedback } from '../../lib/form-errors.ts';
import { postFile, useAttachments, useRegisterMutation, type Attachment, type Entry } from './register-api.ts';
import { useRegisterText } from './register-text.ts';

function size(bytes: number): string {
  return bytes >= 1048576 ? `${(bytes / 1048576).toFixed(1)} MB` : `${Math.max(1, Math.round(bytes / 1024))} KB`;
}

/** Contracts, specifications and other files of an entry; stored encrypted on the server. */
export function AttachmentsTab({ entry }: { entry: Entry }) {
  const { text: t } = useRegisterText();
  const me = useMe();
  const { message } = App.useApp();
  const { reportError } = useFormFeedback();
  const attachments = useAttachments(entry.id);
  const [busy, setBusy] = useState(false);
  const upload = useRegisterMutation((file: File) => postFile<Attachment>(`/api/register/entries/${entry.id}/attachments`, file, me.csrf_token));
  const remove = useRegisterMutation((id: string) => api.delete(`/api/register/attachments/${id}`));
  if (attachments.isError) return <LoadFailed error={attachments.error} onRetry={() => void attachments.refetch()} />;
  return (
    <>
      <Typography.Paragraph>{t.attachments.lead}</Typography.Paragraph>
      {entry.can_edit && (
        <Upload
          showUploadList={false}
          disabled={busy}
          accept=".pdf,.png,.jpg,.jpeg,.xlsx,.docx,.pptx,.csv,.txt"
          beforeUpload={(file) => {
            setBusy(true);
            upload.mutate(file, {
              onSuccess: (saved) => void message.success(`${saved.filename}: ${t.entry.saved}`),
              onError: (error) => reportError(error),
              onSettled: () => setBusy(false),
            });
            return false;
          }}
        >
          <Button icon={<UploadOutlined aria-hidden />} loading={busy} style={{ marginBottom: 12 }}>{t.attachments.upload}</Button>
        </Upload>
      )}
      <Table
        rowKey="id"
        size="small"
        loading={attachments.isPending}
        dataSource={attachments.data ?? []}
        pagination={false}
        locale={{ emptyText: <EmptyState title={t.attachments.empty} hint={entry.can_edit ? t.attachments.emptyHint : undefined} /> }}
        columns={[
          { title: t.attachments.file, dataIndex: 'filename', render: (name: string, a: Attachment) => <a href={`/api/register/attachments/${a.id}`} download={name}><PaperClipOutlined aria-hidden /> {name}</a> },
          { title: t.attachments.size, dataIndex: 'size_bytes', align: 'right', render: size },
          { title: t.attachments.by, dataIndex: 'uploaded_label' },
          { title: t.field.updated_at, dataIndex: 'created_at', render: (v: string) => formatDateTime(v) },
          ...(entry.can_edit ? [{ title: '', key: 'delete', render: (_: unknown, a: Attachment) => (
            <Popconfirm title={t.attachments.deleteConfirm} okText={t.entry.delete} cancelText={t.form.cancel} onConfirm={() => remove.mutate(a.id, { onError: (e) => reportError(e) })}>
              <Button size="small" danger icon={<DeleteOutlined aria-hidden />}>{t.entry.delete}</Button>
            </Popconfirm>
          ) }] : []),
        ]}
      />
    </>
  );
}
