import { PlusOutlined } from '@ant-design/icons';
import { Button, Flex, Spin } from 'antd';
import { useState } from 'react';
import { EmptyState } from '../../components/EmptyState.tsx';
import { LoadFailed } from '../../components/Problems.tsx';
import { MonitorPanel } from './MonitorPanel.tsx';
import { OutagesPanel } from './OutagesPanel.tsx';
import { ResultsPanel } from './ResultsPanel.tsx';
import { ReviewsPanel } from './ReviewsPanel.tsx';
import { japanMonth, useSlaCatalogue, useSlaEntry, type SlaEntryView, type SlaTerms } from './sla-api.ts';
import { SlaTermsDrawer } from './SlaTermsDrawer.tsx';
import { RulesPanel, TermsPanel } from './TermsPanel.tsx';
import { useSlaText } from './sla-text.ts';

/** The SLA tab of a register entry: terms against the recommended grades, counting rules, monthly results, outages, monitor and reviews. */
export function SlaTab({ entryId }: { entryId: string }) {
  const { text: t } = useSlaText();
  const view = useSlaEntry(entryId);
  const catalogue = useSlaCatalogue();
  const [editing, setEditing] = useState(false);
  if (view.isError) return <LoadFailed error={view.error} onRetry={() => void view.refetch()} />;
  if (!view.data) return <Spin />;
  const data = view.data;
  const from = japanMonth(-11);
  const to = japanMonth(0);
  // The drawer keeps one place in the tree, so saving the first terms (which swaps the empty state
  // for the panels) does not mount a second drawer while the first one closes.
  const drawer = editing && <SlaTermsDrawer entryId={entryId} terms={data.terms} catalogue={catalogue.data} onClose={() => setEditing(false)} />;
  const withTerms = data.terms ? (data as SlaEntryView & { terms: SlaTerms }) : null;
  return (
    <>
      {withTerms ? (
        <Flex vertical gap={16}>
          <TermsPanel view={withTerms} catalogue={catalogue.data} onEdit={() => setEditing(true)} />
          <RulesPanel view={withTerms} />
          <ResultsPanel entryId={entryId} from={from} to={to} />
          <OutagesPanel entryId={entryId} canEdit={data.can_edit} from={from} to={to} />
          <MonitorPanel entryId={entryId} canEdit={data.can_edit} />
          <ReviewsPanel entryId={entryId} canEdit={data.can_edit} hasTerms />
        </Flex>
      ) : (
        <EmptyState
          title={t.tab.emptyTitle}
          hint={data.can_edit ? t.tab.emptyHint : t.tab.emptyHintReadOnly}
          action={data.can_edit && <Button type="primary" icon={<PlusOutlined aria-hidden />} onClick={() => setEditing(true)}>{t.tab.register}</Button>}
        />
      )}
      {drawer}
    </>
  );
}
