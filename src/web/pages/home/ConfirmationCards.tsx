import { Card, Flex, Statistic } from 'antd';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { useAssessmentList } from '../assessments/assessments-api.ts';

const ALERT = { color: '#a8071a' };

function CardTitle({ children }: { children: string }) {
  return <h2 style={{ fontSize: 16, margin: 0 }}>{children}</h2>;
}

/** The home page's answer to "what is still unconfirmed or overdue with our vendors?". */
export function AssessmentSummaryCard() {
  const { t } = useTranslation();
  const list = useAssessmentList({ sort: 'updated_at', order: 'desc', page: 1, page_size: 1 });
  if (list.isError) return null;
  const totals = list.data?.totals;
  const open = totals ? totals.by_status.unconfirmed + totals.by_status.in_progress : 0;
  return (
    <Card title={<CardTitle>{t('home.assessments')}</CardTitle>} loading={list.isPending} extra={<Link to="/assessments">{t('home.openAssessments')}</Link>}>
      <Flex wrap gap={24}>
        <Statistic title={t('home.assessmentsStarted')} value={totals?.assessments ?? 0} />
        <Statistic title={t('home.itemsOpen')} value={open} />
        <Statistic title={t('home.itemsActionRequired')} value={totals?.by_status.action_required ?? 0} valueStyle={totals?.by_status.action_required ? ALERT : undefined} />
        <Statistic title={t('home.itemsOverdue')} value={totals?.overdue ?? 0} valueStyle={totals?.overdue ? ALERT : undefined} />
      </Flex>
      {totals?.overdue ? (
        <p style={{ margin: '12px 0 0' }}>
          <Link to="/assessments?overdue=true">{t('home.showOverdue')}</Link>
        </p>
      ) : null}
    </Card>
  );
}
