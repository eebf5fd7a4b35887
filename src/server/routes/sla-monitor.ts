import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { Deps } from '../services/deps.ts';

export const slaMonitorRoutes: FastifyPluginAsyncZod<{ deps: Deps }> = async (_app, _options) => {};
