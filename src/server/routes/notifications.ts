import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { idParams } from '../../shared/schemas/common.ts';
import {
  deliveryBody,
  deliveryResponse,
  notificationListQuery,
  notificationListResponse,
  notificationResponse,
  outboxItem,
  outboxQuery,
  outboxResponse,
  preferencesBody,
  preferencesResponse,
  readAllResponse,
} from '../../shared/schemas/notifications.ts';
import { listMyNotifications, markAllMyNotificationsRead, markMyNotificationRead, personalActor } from '../services/notifications/inbox.ts';
import { getDelivery, getPreferences, updateDelivery, updatePreferences } from '../services/notifications/preferences.ts';
import { listOutboxMails, retryOutboxMail } from '../services/notifications/outbox.ts';
import type { Deps } from '../services/deps.ts';
import { actorOf } from '../plugins/auth.ts';

const tags = ['notifications'];

/** The signed-in user's own notifications and mail settings; the outbox for administrators. */
export const notificationRoutes: FastifyPluginAsyncZod<{ deps: Deps }> = async (app, { deps }) => {
  app.get(
    '/',
    { schema: { tags, summary: 'My notifications, newest first (unread=true: unread only), with my unread count', querystring: notificationListQuery, response: { 200: notificationListResponse } } },
    async (request) => listMyNotifications(deps, personalActor(actorOf(request)), request.query),
  );
  app.post(
    '/read-all',
    { schema: { tags, summary: 'Mark all my notifications read', response: { 200: readAllResponse } } },
    async (request) => markAllMyNotificationsRead(deps, personalActor(actorOf(request))),
  );
  app.post(
    '/:id/read',
    { schema: { tags, summary: 'Mark one of my notifications read', params: idParams, response: { 200: notificationResponse } } },
    async (request) => markMyNotificationRead(deps, personalActor(actorOf(request)), request.params.id),
  );
  app.get(
    '/preferences',
    { schema: { tags, summary: 'Which kinds of notification I also get by mail (every kind; defaults by role filled in)', response: { 200: preferencesResponse } } },
    async (request) => getPreferences(deps, personalActor(actorOf(request))),
  );
  app.put(
    '/preferences',
    { schema: { tags, summary: 'Change which kinds I get by mail (kinds not given keep their setting); in-app notifications are always on', body: preferencesBody, response: { 200: preferencesResponse } } },
    async (request) => updatePreferences(deps, personalActor(actorOf(request)), request.body.items),
  );
  app.get(
    '/delivery',
    { schema: { tags, summary: 'How I get notification mail: each at once (instant) or one digest a day (digest, at digest_hour Japan time)', response: { 200: deliveryResponse } } },
    async (request) => getDelivery(deps, personalActor(actorOf(request))),
  );
  app.put(
    '/delivery',
    { schema: { tags, summary: 'Choose instant mail or one digest mail a day', body: deliveryBody, response: { 200: deliveryResponse } } },
    async (request) => updateDelivery(deps, personalActor(actorOf(request)), request.body.mail_delivery),
  );
  app.get(
    '/outbox',
    { schema: { tags, summary: 'The mail outbox (organisation administrators: their organisation; operators: all), e.g. status=failed', querystring: outboxQuery, response: { 200: outboxResponse } } },
    async (request) => listOutboxMails(deps, actorOf(request), request.query),
  );
  app.post(
    '/outbox/:id/retry',
    { schema: { tags, summary: 'Send a mail that failed for good once more (organisation administrators: their organisation; operators: all)', params: idParams, response: { 200: outboxItem } } },
    async (request) => retryOutboxMail(deps, actorOf(request), request.params.id),
  );
};
