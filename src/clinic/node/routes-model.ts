/**
 * The model step of a consult in the clinic node (issue 5): the app shows the protocol result
 * at once, then asks here for the model's notes (summary, differential, red flags), which take
 * seconds on a CPU laptop. The engine is loaded once by the node and runs in its own process,
 * so the node keeps answering meanwhile. The protocol result is recomputed here, not taken
 * from the client: the safety gate checks the model against what the guidelines decided.
 *
 * The notes are kept with the encounter as `medassist consult` keeps them (`result.model`):
 * the answer carries a `notesId`, and the app attaches it to the encounter it saved.
 */
import type { FastifyInstance } from 'fastify';
import { showValue } from '../../clinical/case/case-fields.js';
import { InputError, MedAssistError } from '../../shared/errors.js';
import { consultKeyOf, runConsultWithModel } from '../consult/run-consult.js';
import { notFound } from './http-errors.js';
import { createModelNotesCache } from './model-notes-cache.js';
import type { NodeContext } from './node-context.js';
import { parseLang } from './routes-consult.js';
import { requireSession, sessionOf } from './session-auth.js';

interface ModelBody {
  case?: unknown;
  hiv?: unknown;
  lang?: unknown;
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

function parseNotesId(value: unknown): string {
  if (typeof value === 'string' && UUID.test(value)) return value;
  const shown = typeof value === 'string' ? value.slice(0, 40) : showValue(value);
  throw new InputError([{ field: 'notesId', message: `must be the id of model notes [${shown}]` }]);
}

export function registerModelRoutes(app: FastifyInstance, ctx: NodeContext): Promise<void> {
  const { store } = ctx.clinic;
  const pending = createModelNotesCache();

  app.post<{ Body: ModelBody }>(
    '/api/consult/model',
    { preHandler: requireSession(store, 'consult.run') },
    async (request) => {
      const model = ctx.model;
      if (!model) {
        throw new MedAssistError(
          'MODEL_NOT_CONFIGURED',
          'this clinic has no model: the protocol result stands alone',
        );
      }
      const body = request.body ?? {};
      const options = {
        edition: ctx.edition,
        visitDate: ctx.today(),
        settings: { hivPrioritized: body.hiv === true },
        lang: parseLang(body.lang),
      };
      const result = await runConsultWithModel(body.case, options, { kb: ctx.kb }, model);
      const notesId = result.model
        ? pending.put({
            userId: sessionOf(request).userId,
            caseKey: consultKeyOf(body.case, options),
            model: result.model,
          })
        : null;
      return {
        model: result.model ?? null,
        notesId,
        protocol: result.protocol,
        edition: result.edition,
      };
    },
  );

  app.post<{ Params: { id: string }; Body: { notesId?: unknown } }>(
    '/api/encounters/:id/model-notes',
    { preHandler: requireSession(store, 'consult.save') },
    (request) => {
      const session = sessionOf(request);
      const notesId = parseNotesId((request.body ?? {}).notesId);
      const notes = pending.take(notesId, session.userId);
      if (!notes) throw notFound('model notes', notesId);
      const { attached } = store.attachModelNotes(
        request.params.id,
        { caseKey: notes.caseKey, model: notes.model },
        session,
      );
      return Promise.resolve({ attached });
    },
  );

  return Promise.resolve();
}
