import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { Deps } from '../services/deps.ts';

// Placeholder: being built for issue #4. Paths are full paths under /api.
export const catalogueRoutes: FastifyPluginAsyncZod<{ deps: Deps }> = async (_app, { deps: _deps }) => {};
