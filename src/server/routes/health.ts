import { z } from 'zod';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { Deps } from '../services/deps.ts';
import { checkDatabase } from '../services/health.ts';

export const healthRoutes: FastifyPluginAsyncZod<{ deps: Deps }> = async (app, { deps }) => {
  app.get(
    '/health',
    {
      config: { auth: 'none' },
      schema: {
        tags: ['system'],
        summary: 'Liveness and database check',
        response: { 200: z.object({ status: z.literal('ok'), database: z.string(), dialect: z.string(), time: z.string() }) },
      },
    },
    async () => {
      await checkDatabase(deps);
      return { status: 'ok' as const, database: 'ok', dialect: deps.dialect, time: deps.now().toISOString() };
    },
  );
};
