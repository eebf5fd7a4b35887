import fs from 'node:fs';
import path from 'node:path';
import Fastify, { type FastifyInstance } from 'fastify';
import cookie from '@fastify/cookie';
import helmet from '@fastify/helmet';
import rateLimit from '@fastify/rate-limit';
import fastifyStatic from '@fastify/static';
import swagger from '@fastify/swagger';
import swaggerUi from '@fastify/swagger-ui';
import { jsonSchemaTransform, serializerCompiler, validatorCompiler, type ZodTypeProvider } from 'fastify-type-provider-zod';
import type { Config } from './config.ts';
import type { DatabaseHandle } from './db/connect.ts';
import { SecretBox, loadMasterKey } from './security/secret-box.ts';
import { deriveAuditKey } from './security/audit-key.ts';
import { checkpointIfDue } from './services/audit-checkpoints.ts';
import { loadCatalogues, type Catalogues } from './catalogs/load.ts';
import type { Deps } from './services/deps.ts';
import { registerErrorHandler, sendError } from './plugins/errors.ts';
import { registerAuth } from './plugins/auth.ts';
import { registerTextGuard } from './plugins/text-guard.ts';
import { registerCompression } from './plugins/compress.ts';
import { healthRoutes } from './routes/health.ts';
import { authRoutes } from './routes/auth.ts';
import { meRoutes } from './routes/me.ts';
import { organisationRoutes } from './routes/organisations.ts';
import { userRoutes } from './routes/users.ts';
import { tokenRoutes } from './routes/tokens.ts';
import { auditRoutes } from './routes/audit.ts';
import { registerRoutes } from './routes/register.ts';
import { searchRoutes } from './routes/search.ts';
import { registerIoRoutes } from './routes/register-io.ts';
import { slaRoutes } from './routes/sla.ts';
import { slaIoRoutes } from './routes/sla-io.ts';
import { slaMonitorRoutes } from './routes/sla-monitor.ts';
import { incidentRoutes } from './routes/incidents.ts';
import { catalogueRoutes } from './routes/catalogues.ts';
import { assessmentRoutes } from './routes/assessments.ts';
import { vendorPortalRoutes } from './routes/vendor-portal.ts';
import { invitationRoutes } from './routes/invitations.ts';
import { surveyRoutes } from './routes/surveys.ts';
import { vendorServiceRoutes } from './routes/vendor-services.ts';
import { registerLinkRoutes } from './routes/register-link.ts';
import { dependencyRoutes } from './routes/dependencies.ts';
import { pdfRoutes } from './routes/pdf.ts';
import { notificationRoutes } from './routes/notifications.ts';
import { contactRoutes } from './routes/contacts.ts';
import { partyRoutes } from './routes/parties.ts';
import { attentionRoutes } from './routes/attention.ts';

/** One year, subdomains included (municipal sites share their parent domain). */
export const HSTS = 'max-age=31536000; includeSubDomains';

export interface BuildOptions {
  config: Config;
  database: DatabaseHandle;
  now?: () => Date;
  logger?: boolean;
  catalogues?: Catalogues;
}

/** Builds the whole HTTP application (API, OpenAPI docs and the web app) without listening. */
export async function buildApp(options: BuildOptions): Promise<{ app: FastifyInstance; deps: Deps }> {
  const { config, database } = options;
  const app = Fastify({
    logger: options.logger === false ? false : { level: config.logLevel },
    trustProxy: config.trustProxy,
    bodyLimit: 2 * 1024 * 1024,
    genReqId: () => crypto.randomUUID(),
  }).withTypeProvider<ZodTypeProvider>();
  app.setValidatorCompiler(validatorCompiler);
  app.setSerializerCompiler(serializerCompiler);

  const masterKey = loadMasterKey(config.masterKey, config.dataDir);
  const deps: Deps = {
    db: database.db,
    dialect: database.dialect,
    config,
    secretBox: new SecretBox(masterKey),
    auditKey: deriveAuditKey(masterKey),
    log: app.log,
    now: options.now ?? (() => new Date()),
    catalogues: options.catalogues ?? loadCatalogues(),
  };

  registerErrorHandler(app);
  registerCompression(app);
  await app.register(cookie);
  await app.register(helmet, {
    contentSecurityPolicy: {
      directives: {
        defaultSrc: ["'self'"],
        scriptSrc: ["'self'"],
        // antd writes its component styles at run time.
        styleSrc: ["'self'", "'unsafe-inline'"],
        imgSrc: ["'self'", 'data:'],
        connectSrc: ["'self'"],
        frameAncestors: ["'none'"],
        upgradeInsecureRequests: null,
      },
    },
    // HSTS is decided per request below: only for a request that arrived over HTTPS.
    strictTransportSecurity: false,
  });
  // No answer of the API and no download (attachments, exports, reports: all under /api) is kept
  // by a browser or a proxy cache. HSTS goes with every answer to a request that came over HTTPS —
  // directly, or through a proxy trusted with DAICHO_TRUST_PROXY (x-forwarded-proto) — or always
  // with DAICHO_SECURE_COOKIES=always (HTTPS declared in front); never over plain HTTP otherwise.
  app.addHook('onSend', async (request, reply, payload) => {
    if (request.url.startsWith('/api/') || request.url === '/api') reply.header('cache-control', 'no-store');
    if (config.secureCookies === 'always' || request.protocol === 'https') reply.header('strict-transport-security', HSTS);
    return payload;
  });
  // After a write, sign the chain head once auditCheckpointEvery entries have gone by since the last
  // checkpoint (the answer has already left; a failure is logged, never the client's problem).
  app.addHook('onResponse', async (request) => {
    if (request.method === 'GET' || request.method === 'HEAD' || !request.url.startsWith('/api/')) return;
    await checkpointIfDue(deps).catch((error: unknown) => request.log.error({ err: error }, 'audit checkpoint failed'));
  });
  await app.register(rateLimit, { global: false });
  await app.register(swagger, {
    openapi: {
      openapi: '3.0.3',
      info: { title: 'Daicho API', description: '外部サービス台帳（Daicho）のAPI。Cookieセッション（CSRFヘッダー必須）またはBearer APIトークンで認証します。', version: '0.1.0' },
      components: { securitySchemes: { bearer: { type: 'http', scheme: 'bearer' }, session: { type: 'apiKey', in: 'cookie', name: 'daicho_session' } } },
      security: [{ session: [] }, { bearer: [] }],
    },
    transform: jsonSchemaTransform,
  });
  await app.register(swaggerUi, { routePrefix: '/api/docs', uiConfig: { docExpansion: 'list' } });

  registerAuth(app, deps);
  registerTextGuard(app);
  await app.register(
    async (api) => {
      await api.register(healthRoutes, { deps });
      await api.register(authRoutes, { deps, prefix: '/auth' });
      await api.register(meRoutes, { deps, prefix: '/me' });
      await api.register(organisationRoutes, { deps, prefix: '/organisations' });
      await api.register(userRoutes, { deps, prefix: '/users' });
      await api.register(tokenRoutes, { deps, prefix: '/tokens' });
      await api.register(auditRoutes, { deps, prefix: '/audit' });
      await api.register(registerRoutes, { deps, prefix: '/register' });
      await api.register(registerIoRoutes, { deps, prefix: '/register' });
      await api.register(contactRoutes, { deps, prefix: '/register' });
      await api.register(partyRoutes, { deps });
      await api.register(slaRoutes, { deps, prefix: '/sla' });
      await api.register(slaIoRoutes, { deps, prefix: '/sla' });
      await api.register(slaMonitorRoutes, { deps, prefix: '/sla' });
      await api.register(registerLinkRoutes, { deps, prefix: '/register' });
      await api.register(vendorServiceRoutes, { deps, prefix: '/vendor-services' });
      await api.register(dependencyRoutes, { deps });
      await api.register(incidentRoutes, { deps, prefix: '/incidents' });
      await api.register(notificationRoutes, { deps, prefix: '/notifications' });
      // Confirmation (#4): each plugin declares full paths under /api.
      await api.register(catalogueRoutes, { deps });
      await api.register(assessmentRoutes, { deps });
      await api.register(vendorPortalRoutes, { deps });
      await api.register(invitationRoutes, { deps });
      await api.register(surveyRoutes, { deps });
      // Print and PDF (#12): the formal documents as PDFs, full paths under /api.
      await api.register(pdfRoutes, { deps });
      // 要対応 (#12): one list merged from every feature.
      await api.register(attentionRoutes, { deps });
      // Header search (issue 12).
      await api.register(searchRoutes, { deps, prefix: '/search' });
    },
    { prefix: '/api' },
  );

  const indexHtml = path.join(config.webDir, 'index.html');
  const hasWeb = fs.existsSync(indexHtml);
  // wildcard: files built after start-up are served too; a missing file falls through to the SPA below.
  if (hasWeb)
    await app.register(fastifyStatic, {
      root: config.webDir,
      wildcard: true,
      index: 'index.html',
      cacheControl: false,
      // The build writes .br and .gz beside each text asset (vite.config.ts): sent as the client accepts,
      // with Content-Encoding and Vary: Accept-Encoding; the plain file otherwise.
      preCompressed: true,
      // Built assets carry a content hash in their name: cache them for good; never cache the page.
      setHeaders: (reply, filePath) => reply.header('cache-control', filePath.includes(`${path.sep}assets${path.sep}`) ? 'public, max-age=31536000, immutable' : 'no-cache'),
    });
  app.setNotFoundHandler((request, reply) => {
    if (request.url.startsWith('/api/') || request.url.startsWith('/assets/') || request.method !== 'GET') return sendError(reply, 'not_found');
    if (!hasWeb) return reply.status(404).type('text/plain; charset=utf-8').send('Web app not built: run `npm run build:web`.');
    // Client-side routes all load the single-page app.
    return reply.type('text/html; charset=utf-8').sendFile('index.html');
  });

  return { app, deps };
}
