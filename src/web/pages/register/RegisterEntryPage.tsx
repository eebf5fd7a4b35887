import { ArrowLeftOutlined, DeleteOutlined, EditOutlined, ExperimentOutlined } from '@ant-design/icons';
import { Alert, App, Button, Popconfirm, Space, Spin, Tabs } from 'antd';
import { useState } from 'react';
import { Link, useNavigate, useParams, useSearchParams } from 'react-router';
import { api, ApiError } from '../../api/client.ts';
import { useMe } from '../../api/session.ts';
import { PageHeading } from '../../components/PageHeading.tsx';
import { LoadFailed, NotFound } from '../../components/Problems.tsx';
import { useFormFeedback } from '../../lib/form-errors.ts';
import { EntryCertificatesTab } from '../certificates/EntryCertificatesTab.tsx';
import { CertificatesTabLabel } from '../certificates/certificates-text.ts';
import { ClassificationTab, HistoryTab, OverviewTab } from './EntryTabs.tsx';
import { AttachmentsTab } from './AttachmentsTab.tsx';
import { EntryFormDrawer } from './EntryFormDrawer.tsx';
import { ReclassifyModal } from './ReclassifyModal.tsx';
import { SlaTab } from '../sla/SlaTab.tsx';
import { EntryIncidentsTab } from '../incidents/EntryIncidentsTab.tsx';
import { EntryAssessmentsTab } from '../assessments/EntryAssessmentsTab.tsx';
import { ContactsTab } from '../contacts/ContactsTab.tsx';
import { ContactsTabLabel } from '../contacts/contacts-text.ts';
import { ResponsibilityTab } from '../parties/ResponsibilityTab.tsx';
import { useEntry, useRegisterMutation, useRegisterOptions } from './register-api.ts';
import { useRegisterText } from './register-text.ts';

/** The hub of one external service: basics, classification, and the tabs later features fill. */
export default function RegisterEntryPage() {
  const { id } = useParams();
  const { text: t } = useRegisterText();
  const me = useMe();
  const navigate = useNavigate();
  const { message } = App.useApp();
  const { reportError } = useFormFeedback();
  const entry = useEntry(id);
  const options = useRegisterOptions();
  const [editing, setEditing] = useState(false);
  const [reclassifying, setReclassifying] = useState(false);
  // ?tab=sla opens a tab directly (links from the SLA screens).
  const [search, setSearch] = useSearchParams();
  const remove = useRegisterMutation(() => api.delete(`/api/register/entries/${id}`));

  if (entry.isError) return entry.error instanceof ApiError && entry.error.status === 404 ? <NotFound /> : <LoadFailed error={entry.error} onRetry={() => void entry.refetch()} />;
  if (!entry.data) return <Spin />;
  const e = entry.data;
  const actions = (
    <Space wrap>
      <Link to="/register"><Button icon={<ArrowLeftOutlined aria-hidden />}>{t.entry.back}</Button></Link>
      {e.can_edit && <Button icon={<EditOutlined aria-hidden />} onClick={() => setEditing(true)}>{t.entry.edit}</Button>}
      {e.can_edit && <Button icon={<ExperimentOutlined aria-hidden />} onClick={() => setReclassifying(true)}>{t.entry.reclassify}</Button>}
      {me.user.role === 'org_admin' && (
        <Popconfirm title={t.entry.deleteConfirm} okText={t.entry.delete} cancelText={t.form.cancel}
          onConfirm={() => remove.mutate(undefined, { onSuccess: () => { void message.success(t.entry.deleted); void navigate('/register'); }, onError: (err) => reportError(err) })}>
          <Button danger icon={<DeleteOutlined aria-hidden />}>{t.entry.delete}</Button>
        </Popconfirm>
      )}
    </Space>
  );
  return (
    <>
      <PageHeading title={e.name} extra={actions} lead={`${e.external_key} ・ ${e.category.name} ・ ${e.department}`} />
      {!e.can_edit && <Alert type="info" showIcon message={t.entry.readOnly} style={{ marginBottom: 16 }} />}
      <Tabs
        activeKey={search.get('tab') ?? 'overview'}
        onChange={(key) => setSearch(key === 'overview' ? {} : { tab: key }, { replace: true })}
        items={[
          { key: 'overview', label: t.entry.tabs.overview, children: <OverviewTab entry={e} options={options.data} /> },
          { key: 'classification', label: t.entry.tabs.classification, children: <ClassificationTab entry={e} options={options.data} /> },
          { key: 'confirmation', label: t.entry.tabs.confirmation, children: <EntryAssessmentsTab entryId={e.id} /> },
          { key: 'sla', label: t.entry.tabs.sla, children: <SlaTab entryId={e.id} /> },
          { key: 'incidents', label: t.entry.tabs.incidents, children: <EntryIncidentsTab entry={e} /> },
          { key: 'parties', label: t.entry.tabs.parties, children: <ResponsibilityTab entry={e} /> },
          { key: 'contacts', label: <ContactsTabLabel />, children: <ContactsTab entryId={e.id} /> },
          { key: 'certificates', label: <CertificatesTabLabel />, children: <EntryCertificatesTab entry={e} /> },
          { key: 'attachments', label: t.entry.tabs.attachments, children: <AttachmentsTab entry={e} /> },
          { key: 'history', label: t.entry.tabs.history, children: <HistoryTab entry={e} /> },
        ]}
      />
      {editing && options.data && <EntryFormDrawer options={options.data} entry={e} onClose={() => setEditing(false)} />}
      {reclassifying && options.data && <ReclassifyModal entry={e} options={options.data} onClose={() => setReclassifying(false)} />}
    </>
  );
}
