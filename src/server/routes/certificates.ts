import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import multipart from '@fastify/multipart';
import { idParams, okResponse } from '../../shared/schemas/common.ts';
import { itemParams } from '../../shared/schemas/assessments.ts';
import { certificateCreateBody, certificateItem, certificateList, certificatePatchBody, citationBody, citationParams, coverageResponse, itemCertificates } from '../../shared/schemas/certificates.ts';
import { attachCertificateFile, createCertificate, entryCertificates, getCertificate, listMyCertificates, readCertificateFile, removeCertificate, updateCertificateFields } from '../services/certificates/certificates.ts';
import { citeCertificate, itemCertificates as itemCertificatesOf, uncite } from '../services/certificates/citations.ts';
import { certificateCoverage } from '../services/certificates/coverage.ts';
import { IMPORT_MAX_BYTES } from '../services/register-io/read-file.ts';
import { UPLOAD_LIMITS, uploaded } from './register-io.ts';
import { sendStoredFile } from './downloads.ts';
import { actorOf } from '../plugins/auth.ts';
import type { Deps } from '../services/deps.ts';

// Certificates (第三者認証): kept by vendors on their services and by municipalities for vendors of their
// lists, seen on register entries, cited on assessment items, counted in the coverage view (full paths under /api).

const tags = ['certificates'];

export const certificateRoutes: FastifyPluginAsyncZod<{ deps: Deps }> = async (app, { deps }) => {
  await app.register(multipart, UPLOAD_LIMITS);

  app.get('/certificates', { schema: { tags, summary: "The caller's own certificates (a vendor's, or those a municipality keeps for vendors of its list), with validity by each scheme's rule", response: { 200: certificateList } } }, async (request) =>
    listMyCertificates(deps, actorOf(request)),
  );
  app.post('/certificates', { schema: { tags, summary: 'Add a certificate: a vendor names the services it covers; a municipality names a vendor of its list', body: certificateCreateBody, response: { 201: certificateItem } } }, async (request, reply) =>
    reply.status(201).send(await createCertificate(deps, actorOf(request), request.body)),
  );
  app.get('/certificates/coverage', { schema: { tags, summary: 'Entries in use by certification held (an organisation: its entries; a prefecture or association: counts across its municipalities)', response: { 200: coverageResponse } } }, async (request) =>
    certificateCoverage(deps, actorOf(request)),
  );
  app.get('/certificates/:id', { schema: { tags, summary: 'One certificate (its holder, or a body that links an entry to a service it covers)', params: idParams, response: { 200: certificateItem } } }, async (request) =>
    getCertificate(deps, actorOf(request), request.params.id),
  );
  app.patch('/certificates/:id', { schema: { tags, summary: 'Change the fields sent (the holder only)', params: idParams, body: certificatePatchBody, response: { 200: certificateItem } } }, async (request) =>
    updateCertificateFields(deps, actorOf(request), request.params.id, request.body),
  );
  app.delete('/certificates/:id', { schema: { tags, summary: 'Delete a certificate with its file and the citations of it (the holder only)', params: idParams, response: { 200: okResponse } } }, async (request) => {
    await removeCertificate(deps, actorOf(request), request.params.id);
    return { ok: true as const };
  });
  app.post(
    '/certificates/:id/file',
    { bodyLimit: IMPORT_MAX_BYTES + 1024 * 1024, schema: { tags, summary: "Attach or replace the certificate's file (pdf, images; 10 MB), encrypted under the holder's key", consumes: ['multipart/form-data'], params: idParams, response: { 200: certificateItem } } },
    async (request) => {
      const { filename, buffer } = await uploaded(request);
      return attachCertificateFile(deps, actorOf(request), request.params.id, filename, buffer);
    },
  );
  app.get('/certificates/:id/file', { schema: { tags, summary: "Download the certificate's file", params: idParams } }, async (request, reply) => {
    const { meta, content } = await readCertificateFile(deps, actorOf(request), request.params.id);
    return sendStoredFile(reply, meta, content);
  });
  app.get('/register/entries/:id/certificates', { schema: { tags, summary: "The certificates the organisation sees for the entry: its linked service's and those it keeps for the entry's vendor", params: idParams, response: { 200: certificateList } } }, async (request) =>
    entryCertificates(deps, actorOf(request), request.params.id),
  );
  app.get('/assessments/:id/items/:key/certificates', { schema: { tags, summary: 'Certificates cited on the item, and valid ones that may be cited', params: itemParams, response: { 200: itemCertificates } } }, async (request) =>
    itemCertificatesOf(deps, actorOf(request), request.params.id, request.params.key),
  );
  app.post('/assessments/:id/items/:key/certificates', { schema: { tags, summary: 'Cite a valid certificate as evidence on an item that accepts certificates (9-1)', params: itemParams, body: citationBody, response: { 201: itemCertificates } } }, async (request, reply) =>
    reply.status(201).send(await citeCertificate(deps, actorOf(request), request.params.id, request.params.key, request.body.certificate_id)),
  );
  app.delete('/assessments/:id/items/:key/certificates/:certificateId', { schema: { tags, summary: 'Withdraw a citation', params: citationParams, response: { 200: itemCertificates } } }, async (request) =>
    uncite(deps, actorOf(request), request.params.id, request.params.key, request.params.certificateId),
  );
};
