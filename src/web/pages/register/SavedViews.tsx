import { DeleteOutlined, SaveOutlined } from '@ant-design/icons';
import { App, Button, Flex, Input, Modal, Select } from 'antd';
import { useState } from 'react';
import { api } from '../../api/client.ts';
import { useFormFeedback } from '../../lib/form-errors.ts';
import { useRegisterMutation, useSavedViews, type SavedView } from './register-api.ts';
import { useRegisterText } from './register-text.ts';

/** A person's named combinations of filters, sort and columns. */
export function SavedViews({ current, columns, onApply }: { current: URLSearchParams; columns: string[]; onApply: (view: SavedView) => void }) {
  const { text: t } = useRegisterText();
  const { message } = App.useApp();
  const { reportError } = useFormFeedback();
  const views = useSavedViews();
  const [selected, setSelected] = useState<string | undefined>();
  const [naming, setNaming] = useState(false);
  const [name, setName] = useState('');
  const save = useRegisterMutation((view: { name: string }) =>
    api.post<SavedView>('/api/register/views', { name: view.name, query: Object.fromEntries([...current.keys()].map((k) => [k, current.getAll(k)])), columns }),
  );
  const remove = useRegisterMutation((id: string) => api.delete(`/api/register/views/${id}`));

  return (
    <Flex gap={8} align="center" wrap>
      <Select
        aria-label={t.list.views}
        placeholder={t.list.views}
        style={{ minWidth: 200 }}
        value={selected}
        allowClear
        options={views.data?.map((v) => ({ value: v.id, label: v.name }))}
        onChange={(id) => {
          setSelected(id);
          const view = views.data?.find((v) => v.id === id);
          if (view) onApply(view);
        }}
      />
      {selected && (
        <Button
          icon={<DeleteOutlined aria-hidden />}
          aria-label={t.list.deleteView}
          onClick={() => remove.mutate(selected, { onSuccess: () => setSelected(undefined), onError: (e) => reportError(e) })}
        />
      )}
      <Button icon={<SaveOutlined aria-hidden />} onClick={() => setNaming(true)}>
        {t.list.saveView}
      </Button>
      <Modal
        open={naming}
        title={t.list.saveView}
        okText={t.form.submit}
        cancelText={t.form.cancel}
        confirmLoading={save.isPending}
        onCancel={() => setNaming(false)}
        onOk={() =>
          save.mutate(
            { name },
            {
              onSuccess: (view) => {
                setNaming(false);
                setName('');
                setSelected(view.id);
                void message.success(view.name);
              },
              onError: (e) => reportError(e),
            },
          )
        }
      >
        <label htmlFor="saved-view-name">{t.list.viewName}</label>
        <Input id="saved-view-name" value={name} maxLength={100} onChange={(e) => setName(e.target.value)} />
      </Modal>
    </Flex>
  );
}
