/**
 * Patients over HTTP: search, register (with likely duplicates), one patient with every past
 * encounter, one past encounter with its model notes. The store checks each permission again
 * and audits every read.
 */
import type { FastifyInstance } from 'fastify';
import { showValue } from '../../clinical/case/case-fields.js';
import { InputError } from '../../shared/errors.js';
import type { EncounterSummary } from '../store/clinic-store.js';
import type { PatientIdentityInput } from '../store/patients.js';
import { notFound } from './http-errors.js';
import type { NodeContext } from './node-context.js';
import { requireSession, sessionOf } from './session-auth.js';

const TEXT_FIELDS = ['name', 'village', 'phone'] as const;
const DATE = /^\d{4}-\d{2}-\d{2}$/;

/** The registration form, checked field by field; the value is shown only for the date. */
export function parseIdentity(body: Record<string, unknown>): PatientIdentityInput {
  const identity: PatientIdentityInput = {};
  for (const field of TEXT_FIELDS) {
    const value = body[field];
    if (value === undefined || value === '') continue;
    if (typeof value !== 'string' || value.length > 200) {
      throw new InputError([{ field, message: 'must be text of at most 200 characters' }]);
    }
    identity[field] = value.trim();
  }
  if (!identity.name) throw new InputError([{ field: 'name', message: 'is required' }]);
  const { sex, dateOfBirth } = body;
  if (sex !== undefined && sex !== '') {
    if (sex !== 'male' && sex !== 'female') {
      throw new InputError([
        { field: 'sex', message: `must be male or female [${showValue(sex)}]` },
      ]);
    }
    identity.sex = sex;
  }
  if (dateOfBirth !== undefined && dateOfBirth !== '') {
    if (typeof dateOfBirth !== 'string' || !DATE.test(dateOfBirth)) {
      const message = `must be a date written YYYY-MM-DD [${showValue(dateOfBirth).slice(0, 20)}]`;
      throw new InputError([{ field: 'dateOfBirth', message }]);
    }
    identity.dateOfBirth = dateOfBirth;
  }

  return identity;
}

/** A stored encounter as the history opens it: its summary and model notes, not the case. */
function visitView(found: EncounterSummary & { input: unknown; result: unknown }) {
  const { input, result, ...summary } = found;
  void input; // the entered case stays on the server: the history shows what was decided
  const model = (result as { model?: unknown } | null)?.model ?? null;

  return { ...summary, model };
}

export function registerPatientRoutes(app: FastifyInstance, ctx: NodeContext): Promise<void> {
  const { store } = ctx.clinic;

  app.get<{ Querystring: { q?: string } }>(
    '/api/patients',
    { preHandler: requireSession(store, 'patient.read') },
    (request) => {
      const q = (request.query.q ?? '').trim();
      if (q === '') throw new InputError([{ field: 'q', message: 'is required' }]);
      return Promise.resolve({ patients: store.searchPatients(q, sessionOf(request)) });
    },
  );

  app.post<{ Body: Record<string, unknown> }>(
    '/api/patients',
    { preHandler: requireSession(store, 'patient.create') },
    (request) => {
      const identity = parseIdentity(request.body ?? {});
      const created = store.registerPatient(identity, sessionOf(request));
      return Promise.resolve({ id: created.id, duplicates: created.duplicates });
    },
  );

  app.get<{ Params: { id: string } }>(
    '/api/patients/:id',
    { preHandler: requireSession(store, 'history.read') },
    (request) => {
      const session = sessionOf(request);
      const patient = store.getPatient(request.params.id, session);
      if (!patient) throw notFound('patient', request.params.id);
      const history = store.history(patient.mergedInto ?? patient.id, session);
      return Promise.resolve({ patient, history });
    },
  );

  // One past encounter as the history opens it: the summary and the model's notes (what the
  // gate passed and what it overruled), not the whole stored result.
  app.get<{ Params: { id: string } }>(
    '/api/encounters/:id',
    { preHandler: requireSession(store, 'history.read') },
    (request) => {
      const found = store.getEncounter(request.params.id, sessionOf(request));
      if (!found) throw notFound('encounter', request.params.id);
      return Promise.resolve({ encounter: visitView(found) });
    },
  );

  return Promise.resolve();
}
