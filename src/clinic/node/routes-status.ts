/**
 * Health check (no sign-in: it carries no patient data) and the status bar: sync mode, last
 * sync, queued items, knowledge version, alerts, and whether the clinic has a model.
 */
import type { FastifyInstance } from 'fastify';
import { MedAssistError } from '../../shared/errors.js';
import { lastBackupAge } from '../backup/index.js';
import type { NodeContext } from './node-context.js';
import { requireSession } from './session-auth.js';
import { fallbackStatus } from './status-view.js';

export function registerStatusRoutes(app: FastifyInstance, ctx: NodeContext): Promise<void> {
  const { clinic } = ctx;

  app.get('/api/health', async () => {
    const age = await lastBackupAge(clinic.home);
    return {
      status: 'ok',
      clinicId: clinic.config.clinicId,
      knowledge: clinic.config.knowledge?.version ?? null,
      model: clinic.model.status,
      lastBackupAt: age?.lastSuccessAt ?? null,
      pendingSync: clinic.store.pendingOutbox(),
    };
  });

  app.get('/api/status', { preHandler: requireSession(clinic.store, 'system.status') }, () => {
    const kbVersion = ctx.kb ? ctx.kb.meta().contentHash.slice(0, 12) : null;
    const sync = ctx.syncAgent
      ? { ...ctx.syncAgent.status(), knowledgeVersion: kbVersion }
      : fallbackStatus(clinic, kbVersion);
    return Promise.resolve({
      ...sync,
      edition: { id: ctx.edition.id, name: ctx.edition.name },
      clinicName: clinic.config.name ?? null,
      // Whether the app should ask for model notes at all; which model, and where, stays here.
      model: { available: ctx.model !== undefined },
    });
  });

  // Starts a sync and answers at once; the status bar shows its progress. The agent runs one
  // sync at a time, so a second press joins the running one.
  app.post(
    '/api/sync',
    { preHandler: requireSession(clinic.store, 'sync.run') },
    (_request, reply) => {
      const agent = ctx.syncAgent;
      if (!agent) {
        throw new MedAssistError(
          'SYNC_NOT_CONFIGURED',
          'this clinic has no sync agent: run medassist register',
        );
      }
      agent.syncNow().catch((error: unknown) => {
        const code = error instanceof MedAssistError ? error.code : 'UNKNOWN';
        ctx.log.warn({ code }, 'manual sync failed');
      });
      return reply.status(202).send({ started: true });
    },
  );

  return Promise.resolve();
}
