/**
 * The model step of a consult in the clinic node (issue 5): the app shows the protocol result
 * at once, then asks here for the model's notes (summary, differential, red flags), which take
 * seconds on a CPU laptop. The engine is loaded once by the node and runs in its own process,
 * so the node keeps answering meanwhile. The protocol result is recomputed here, not taken
 * from the client: the safety gate checks the model against what the guidelines decided.
 */
import type { FastifyInstance } from 'fastify';
import { MedAssistError } from '../../shared/errors.js';
import { runConsultWithModel } from '../consult/run-consult.js';
import type { NodeContext } from './node-context.js';
import { parseLang } from './routes-consult.js';
import { requireSession } from './session-auth.js';

interface ModelBody {
  case?: unknown;
  hiv?: unknown;
  lang?: unknown;
}

export function registerModelRoutes(app: FastifyInstance, ctx: NodeContext): Promise<void> {
  const { store } = ctx.clinic;
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
      const result = await runConsultWithModel(
        body.case,
        {
          edition: ctx.edition,
          visitDate: ctx.today(),
          settings: { hivPrioritized: body.hiv === true },
          lang: parseLang(body.lang),
        },
        { kb: ctx.kb },
        model,
      );
      return { model: result.model ?? null, protocol: result.protocol, edition: result.edition };
    },
  );
  return Promise.resolve();
}
