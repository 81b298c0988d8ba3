/**
 * Reference screens over HTTP: guideline search (knowledge base, per language), the
 * calculators, the drug list and the interaction check. No patient record is read or written,
 * so any signed-in user may use them.
 */
import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { CALCULATORS, findCalculator } from '../../clinical/calculators/index.js';
import { checkSafety, listDrugs } from '../../clinical/interactions/index.js';
import { InputError } from '../../shared/errors.js';
import { notFound } from './http-errors.js';
import type { NodeContext } from './node-context.js';
import { requireSession } from './session-auth.js';

function issuesOf(error: z.ZodError) {
  return error.issues.map((i) => ({
    field: i.path.join('.') || 'params',
    message: i.message,
  }));
}

const textList = z.array(z.string().max(200)).max(50).default([]);
const safetyBody = z.strictObject({
  drugs: z.array(z.string().max(64)).min(1).max(20),
  currentMedicines: textList,
  allergies: textList,
  pregnant: z.boolean().optional(),
  ageMonths: z.number().int().min(0).max(1500).optional(),
});

export function registerReferenceRoutes(app: FastifyInstance, ctx: NodeContext): Promise<void> {
  const signedIn = { preHandler: requireSession(ctx.clinic.store, null) };

  app.get<{ Querystring: { q?: string; lang?: string } }>('/api/search', signedIn, (request) => {
    const q = (request.query.q ?? '').trim();
    if (q === '') throw new InputError([{ field: 'q', message: 'is required' }]);
    const lang = request.query.lang ?? 'en';
    return Promise.resolve({ hits: ctx.kb ? ctx.kb.search(q, { lang, limit: 10 }) : [] });
  });

  app.get<{ Params: { id: string }; Querystring: { lang?: string } }>(
    '/api/passages/:id',
    signedIn,
    (request) => {
      const passage = ctx.kb?.getPassage(request.params.id, request.query.lang ?? 'en');
      if (!passage) throw notFound('passage', request.params.id);
      return Promise.resolve(passage);
    },
  );

  app.get('/api/calculators', signedIn, () =>
    Promise.resolve({
      calculators: CALCULATORS.map((c) => ({
        name: c.name,
        summary: c.summary,
        citation: c.citation,
        params: z.toJSONSchema(c.params, { io: 'input' }),
      })),
    }),
  );

  app.post<{ Params: { name: string }; Body: { params?: unknown } }>(
    '/api/calculators/:name',
    signedIn,
    (request) => {
      const calculator = findCalculator(request.params.name);
      if (!calculator) throw notFound('calculator', request.params.name);
      const parsed = calculator.params.safeParse(request.body?.params ?? {});
      if (!parsed.success) throw new InputError(issuesOf(parsed.error));
      return Promise.resolve(calculator.run(parsed.data));
    },
  );

  app.get('/api/drugs', signedIn, () => Promise.resolve({ drugs: listDrugs('formulary') }));

  app.post('/api/drugs/check', signedIn, (request) => {
    const parsed = safetyBody.safeParse(request.body ?? {});
    if (!parsed.success) throw new InputError(issuesOf(parsed.error));
    const { pregnant, ageMonths, ...rest } = parsed.data;
    return Promise.resolve(
      checkSafety({
        ...rest,
        ...(pregnant === undefined ? {} : { pregnant }),
        ...(ageMonths === undefined ? {} : { ageMonths }),
      }),
    );
  });

  return Promise.resolve();
}
