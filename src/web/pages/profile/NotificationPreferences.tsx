import { App, Card, Radio, Switch, Table, Typography, type TableColumnsType } from 'antd';
import { useEffect, useRef } from 'react';
import { useLocation } from 'react-router';
import type { NotificationKind } from '../../../shared/incidents.ts';
import { LoadFailed } from '../../components/Problems.tsx';
import { useFormFeedback } from '../../lib/form-errors.ts';
import { useDelivery, usePreferences, useSaveDelivery, useSavePreference, type Delivery } from '../notifications/notifications-api.ts';
import { useNotificationText } from '../notifications/notifications-text.ts';

type Row = { kind: NotificationKind; email: boolean };

const ANCHOR = 'notification-settings';

/** The profile's notification card: which kinds also come by mail; each switch saves at once. */
export function NotificationPreferences() {
  const { text, kindLabel } = useNotificationText();
  const { message } = App.useApp();
  const { reportError } = useFormFeedback();
  const location = useLocation();
  const card = useRef<HTMLDivElement>(null);
  const preferences = usePreferences();
  const save = useSavePreference();
  const loaded = Boolean(preferences.data);

  // Reached from the notifications page by /profile#notification-settings: bring the card into view.
  useEffect(() => {
    if (loaded && location.hash === `#${ANCHOR}`) card.current?.scrollIntoView({ block: 'start' });
  }, [loaded, location.hash]);

  const columns: TableColumnsType<Row> = [
    { title: text.kind, dataIndex: 'kind', render: (kind: NotificationKind) => kindLabel(kind) },
    { title: text.inApp, key: 'in_app', render: () => text.always },
    {
      title: text.email,
      dataIndex: 'email',
      render: (email: boolean, row) => (
        <Switch
          checked={email}
          aria-label={`${kindLabel(row.kind)}: ${text.emailOn}`}
          loading={save.isPending && save.variables?.kind === row.kind}
          onChange={(checked) =>
            save.mutate(
              { kind: row.kind, email: checked },
              { onSuccess: () => void message.success(text.saved), onError: (error) => reportError(error) },
            )
          }
        />
      ),
    },
  ];
  return (
    <Card id={ANCHOR} ref={card} title={<h2 style={{ fontSize: 16, margin: 0 }}>{text.preferencesTitle}</h2>}>
      {preferences.isError ? (
        <LoadFailed error={preferences.error} onRetry={() => void preferences.refetch()} />
      ) : (
        <>
          <Typography.Paragraph>{text.preferencesLead}</Typography.Paragraph>
          <DeliveryChoice />
          <Table rowKey="kind" size="small" columns={columns} dataSource={preferences.data?.items ?? []} loading={preferences.isPending} pagination={false} />
        </>
      )}
    </Card>
  );
}

/** Each notice by mail at once, or one summary mail a day; saved at once. */
function DeliveryChoice() {
  const { text, fill } = useNotificationText();
  const { message } = App.useApp();
  const { reportError } = useFormFeedback();
  const delivery = useDelivery();
  const save = useSaveDelivery();
  if (delivery.isError) return <LoadFailed error={delivery.error} onRetry={() => void delivery.refetch()} />;
  return (
    <fieldset style={{ border: 'none', padding: 0, margin: '0 0 16px' }}>
      <legend style={{ fontSize: 14, fontWeight: 600, marginBottom: 4 }}>{text.deliveryTitle}</legend>
      <Radio.Group
        value={delivery.data?.mail_delivery}
        disabled={!delivery.data || save.isPending}
        onChange={(event) =>
          save.mutate(event.target.value as Delivery['mail_delivery'], { onSuccess: () => void message.success(text.deliverySaved), onError: (error) => reportError(error) })
        }
        options={[
          { value: 'instant', label: text.deliveryInstant },
          { value: 'digest', label: fill(text.deliveryDigest, { hour: delivery.data?.digest_hour ?? 8 }) },
        ]}
        data-testid="mail-delivery"
      />
      <Typography.Paragraph type="secondary" style={{ margin: '4px 0 0' }}>
        {text.deliveryHint}
      </Typography.Paragraph>
    </fieldset>
  );
}
