import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { idParams, okResponse } from '../../shared/schemas/common.ts';
import { monitorBody, monitorResponse } from '../../shared/schemas/sla.ts';
import { configureMonitor, getMonitor, removeMonitor } from '../services/sla/monitors.ts';
import type { Deps } from '../services/deps.ts';
import { actorOf } from '../plugins/auth.ts';

const tags = ['sla'];

const monitorWithHourly = z.object({
  monitor: monitorResponse.nullable(),
  hourly: z.array(
    z.object({
      hour_start: z.string(),
      checks: z.number(),
      failures: z.number(),
      avg_latency_ms: z.number().nullable(),
      max_latency_ms: z.number().nullable(),
    }),
  ),
});

export const slaMonitorRoutes: FastifyPluginAsyncZod<{ deps: Deps }> = async (app, { deps }) => {
  app.get(
    '/entries/:id/monitor',
    { schema: { tags, summary: "The entry's own monitor (probe) and its hourly figures of the last 48 hours, oldest first", params: idParams, response: { 200: monitorWithHourly } } },
    async (request) => getMonitor(deps, actorOf(request), request.params.id),
  );
  app.put(
    '/entries/:id/monitor',
    { schema: { tags, summary: 'Create or change the monitor of an entry (one per entry); a new or re-aimed monitor is checked at once', params: idParams, body: monitorBody, response: { 200: monitorResponse } } },
    async (request) => configureMonitor(deps, actorOf(request), request.params.id, request.body),
  );
  app.delete(
    '/entries/:id/monitor',
    { schema: { tags, summary: 'Remove the monitor and its hourly figures; an outage it still sees ends now', params: idParams, response: { 200: okResponse } } },
    async (request) => {
      await removeMonitor(deps, actorOf(request), request.params.id);
      return { ok: true as const };
    },
  );
};
