import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { idParams } from '../../shared/schemas/common.ts';
import { adoptBody, adoptResponse, matrixBody, matrixView, splitBody, splitView } from '../../shared/schemas/responsibilities.ts';
import { adoptSplit, getMatrix, getSplit, saveMatrix, saveSplit } from '../services/responsibilities.ts';
import { actorOf } from '../plugins/auth.ts';
import type { Deps } from '../services/deps.ts';

const tags = ['responsibilities'];

/** 責任分界: the responsibility matrix of a register entry (mounted under /api/register). */
export const responsibilityRoutes: FastifyPluginAsyncZod<{ deps: Deps }> = async (app, { deps }) => {
  app.get('/entries/:id/responsibilities', { schema: { tags, summary: 'Responsibility matrix of a register entry: layers × parties, fault roles, gaps, the declared split and its adoption', params: idParams, response: { 200: matrixView } } }, async (request) =>
    getMatrix(deps, actorOf(request), request.params.id),
  );
  app.put('/entries/:id/responsibilities', { schema: { tags, summary: 'Replace the responsibility matrix (every cell and fault role)', params: idParams, body: matrixBody, response: { 200: matrixView } } }, async (request) =>
    saveMatrix(deps, actorOf(request), request.params.id, request.body),
  );
  app.post('/entries/:id/responsibilities/adopt', { schema: { tags, summary: "Adopt a vendor's declared split into the entry's matrix (replacing it), mapping party roles to parties", params: idParams, body: adoptBody, response: { 200: adoptResponse } } }, async (request) =>
    adoptSplit(deps, actorOf(request), request.params.id, request.body),
  );
};

/** A vendor's declared standard split on its service profile (mounted under /api/vendor-services). */
export const splitRoutes: FastifyPluginAsyncZod<{ deps: Deps }> = async (app, { deps }) => {
  app.get('/:id/split', { schema: { tags, summary: "The vendor's standard split of a service (the vendor; bodies that use the service)", params: idParams, response: { 200: splitView } } }, async (request) =>
    getSplit(deps, actorOf(request), request.params.id),
  );
  app.put('/:id/split', { schema: { tags, summary: 'Declare the standard split of an own service (vendor users)', params: idParams, body: splitBody, response: { 200: splitView } } }, async (request) =>
    saveSplit(deps, actorOf(request), request.params.id, request.body),
  );
};
