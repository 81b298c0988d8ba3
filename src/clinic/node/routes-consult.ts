/**
 * The consult over HTTP: "what to ask next" on the partial case, the result without saving,
 * the idempotent save, and a doctor's override. The engine, dosing and passages are those of
 * `medassist consult` (consult/run-consult.ts); nothing here decides anything clinical.
 */
import type { FastifyInstance } from 'fastify';
import { authorizeOverride } from '../auth/index.js';
import { runConsult } from '../consult/run-consult.js';
import type { ConsultResult } from '../consult/consult-result.js';
import { InputError } from '../../shared/errors.js';
import type { Findings } from '../../clinical/case/index.js';
import { showValue } from '../../clinical/case/case-fields.js';
import { guidedSteps } from './guided-questions.js';
import type { NodeContext } from './node-context.js';
import { requireSession, sessionOf } from './session-auth.js';

interface ConsultBody {
  case?: unknown;
  lang?: unknown;
  hiv?: unknown;
  skipped?: unknown;
  idempotencyKey?: unknown;
}

const LANG = /^[a-z]{2,3}$/;

export function parseLang(value: unknown): string {
  if (value === undefined) return 'en';
  if (typeof value === 'string' && LANG.test(value)) return value;
  throw new InputError([
    { field: 'lang', message: `must be a language code [${showValue(value)}]` },
  ]);
}

function parseSkipped(value: unknown): string[] {
  if (value === undefined) return [];
  if (Array.isArray(value) && value.every((v) => typeof v === 'string')) return value;
  throw new InputError([{ field: 'skipped', message: 'must be a list of finding keys' }]);
}

/** A client-made key (a UUID): the same key from the same user is one save. */
function parseKey(value: unknown): string {
  if (typeof value === 'string' && /^[A-Za-z0-9-]{8,64}$/.test(value)) return value;
  const shown = typeof value === 'string' ? value.slice(0, 70) : showValue(value);
  throw new InputError([
    { field: 'idempotencyKey', message: `must be 8 to 64 letters, digits or - [${shown}]` },
  ]);
}

/** The store names the CLI flag; the API names its own body field. */
function renameField(error: unknown, from: string, to: string): unknown {
  if (!(error instanceof InputError)) return error;
  const issues = error.issues.map((i) => (i.field === from ? { ...i, field: to } : i));
  return new InputError(issues, { cause: error });
}

/** Saves made recently, by user and client key; bounded, oldest first out. */
function createReplayCache(limit = 500) {
  const saved = new Map<string, ConsultResult>();
  return {
    get: (key: string) => saved.get(key),
    put(key: string, result: ConsultResult) {
      saved.set(key, result);
      if (saved.size > limit) saved.delete(saved.keys().next().value as string);
    },
  };
}

export function registerConsultRoutes(app: FastifyInstance, ctx: NodeContext): Promise<void> {
  const { store } = ctx.clinic;
  const replay = createReplayCache();
  const consult = (body: ConsultBody, save: boolean, request: Parameters<typeof sessionOf>[0]) => {
    const started = performance.now();
    const result = runConsult(
      body.case,
      {
        edition: ctx.edition,
        visitDate: ctx.today(),
        settings: { hivPrioritized: body.hiv === true },
        lang: parseLang(body.lang),
      },
      { kb: ctx.kb, ...(save ? { store, actor: sessionOf(request) } : {}) },
    );
    ctx.consultStats?.record(performance.now() - started);
    return result;
  };

  app.post<{ Body: ConsultBody }>(
    '/api/consult/next',
    { preHandler: requireSession(store, 'consult.run') },
    (request) => {
      const body = request.body ?? {};
      const result = consult(body, false, request);
      const findings = (body.case as { findings?: Findings } | undefined)?.findings ?? {};
      const steps = guidedSteps(result.toAssess, findings, parseSkipped(body.skipped));
      return Promise.resolve({ steps, protocol: result.protocol, edition: result.edition });
    },
  );

  app.post<{ Body: ConsultBody }>(
    '/api/consult',
    { preHandler: requireSession(store, 'consult.run') },
    (request) => Promise.resolve(consult(request.body ?? {}, false, request)),
  );

  app.post<{ Body: ConsultBody }>(
    '/api/encounters',
    { preHandler: requireSession(store, 'consult.save') },
    (request) => {
      const body = request.body ?? {};
      const key = `${sessionOf(request).userId}:${parseKey(body.idempotencyKey)}`;
      const earlier = replay.get(key);
      if (earlier?.saved)
        return Promise.resolve({ ...earlier, saved: { ...earlier.saved, created: false } });
      const result = consult(body, true, request);
      replay.put(key, result);
      return Promise.resolve(result);
    },
  );

  app.post<{
    Params: { id: string };
    Body: { classificationId?: unknown; replacement?: unknown; reason?: unknown };
  }>(
    '/api/encounters/:id/overrides',
    { preHandler: requireSession(store, 'classification.override') },
    (request) => {
      const session = sessionOf(request);
      const body = request.body ?? {};
      const approval = authorizeOverride(session, {
        classificationId: body.classificationId as string,
        reason: body.reason as string,
      });
      const replacement =
        typeof body.replacement === 'string' && body.replacement.trim() !== ''
          ? body.replacement.trim()
          : null;
      const override = { ...approval, replacement };
      try {
        store.overrideClassification(request.params.id, override, session);
      } catch (error) {
        throw renameField(error, '--classification', 'classificationId');
      }
      return Promise.resolve({ overridden: true, classificationId: approval.classificationId });
    },
  );

  return Promise.resolve();
}
