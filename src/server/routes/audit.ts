import { japanToday } from '../../domain/japan-time.ts';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { auditListResponse, auditQuery, auditVerifyResponse } from '../../shared/schemas/audit.ts';
import { exportAuditCsv, listAudit } from '../services/audit-log.ts';
import { verifyAuditLog } from '../services/audit-checkpoints.ts';
import { authorize } from '../policies/index.ts';
import type { Deps } from '../services/deps.ts';
import { actorOf } from '../plugins/auth.ts';

export const auditRoutes: FastifyPluginAsyncZod<{ deps: Deps }> = async (app, { deps }) => {
  app.get(
    '/',
    { schema: { tags: ['audit'], summary: 'Audit log of my organisation, newest first', querystring: auditQuery, response: { 200: auditListResponse } } },
    async (request) => listAudit(deps, actorOf(request), request.query),
  );
  app.get(
    '/export.csv',
    { schema: { tags: ['audit'], summary: 'The filtered audit log as CSV (UTF-8 with BOM)', querystring: auditQuery } },
    async (request, reply) => {
      const csv = await exportAuditCsv(deps, actorOf(request), request.query);
      const stamp = japanToday(deps.now());
      return reply
        .header('content-type', 'text/csv; charset=utf-8')
        .header('content-disposition', `attachment; filename="audit-log-${stamp}.csv"`)
        .send(csv);
    },
  );
  app.get(
    '/verify',
    { schema: { tags: ['audit'], summary: 'Verify the whole hash chain and its signed checkpoints (operator)', response: { 200: auditVerifyResponse } } },
    async (request) => {
      await authorize(deps, actorOf(request), 'audit:verify', { type: 'audit_log' });
      return verifyAuditLog(deps);
    },
  );
};
