/* eslint-disable @typescript-eslint/no-unsafe-member-access, @typescript-eslint/no-unsafe-assignment --
   the API's JSON answers are read by path; a wrong path fails its assertion. */
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { answer, fakeEngine } from '../../inference/orchestrator/test-helpers.js';
import { apiClient, startNodeFixture, type NodeFixture } from './test-helpers/node-fixture.js';

// A child who convulsed: a general danger sign, urgent referral (IMCI chart booklet 2014).
const convulsed = (patientId: string) => ({
  patient: { id: patientId, age_months: 18, weight_kg: 11 },
  findings: { convulsions_history: true },
});
// The first red flag denies the danger sign: the gate drops it and records it as overruled.
const local = fakeEngine(
  'local',
  JSON.stringify(answer({ redFlags: ['no danger signs present', 'recheck temperature'] })),
);

let withModel: NodeFixture;
let without: NodeFixture;
before(async () => {
  [withModel, without] = await Promise.all([
    startNodeFixture({ model: { local: local.engine, mode: () => 'OFFLINE' } }),
    startNodeFixture(),
  ]);
});
after(() => Promise.all([withModel.close(), without.close()]));

/** A nurse with a registered patient, ready to consult. */
async function nurseWithPatient(url: string) {
  const api = apiClient(url);
  await api.signIn('nurse');
  const patient = await api.call('POST', '/api/patients', { name: 'Notes Child' });
  return { api, patientId: patient.body.id as string };
}

async function saveConsult(api: ReturnType<typeof apiClient>, body: object, key: string) {
  const saved = await api.call('POST', '/api/encounters', { ...body, idempotencyKey: key });
  assert.equal(saved.status, 200);
  return saved.body.saved.encounterId as string;
}

void test('the status says whether the clinic has a model, and nothing more about it', async () => {
  for (const [fixture, available] of [
    [withModel, true],
    [without, false],
  ] as const) {
    const api = apiClient(fixture.url);
    await api.signIn('chw');
    const { body } = await api.call('GET', '/api/status');
    assert.deepEqual(body.model, { available });
  }
});

void test('notes asked before the save are kept once with the encounter the save made', async () => {
  const { api, patientId } = await nurseWithPatient(withModel.url);
  const body = { case: convulsed(patientId) };
  const notes = await api.call('POST', '/api/consult/model', body);
  assert.equal(notes.status, 200);
  const encounterId = await saveConsult(api, body, 'save-key-before-1');
  // A double click: the same key is the same encounter.
  assert.equal(await saveConsult(api, body, 'save-key-before-1'), encounterId);

  const path = `/api/encounters/${encounterId}/model-notes`;
  const first = await api.call('POST', path, { notesId: notes.body.notesId });
  assert.deepEqual([first.status, first.body], [200, { attached: true }]);
  const again = await api.call('POST', path, { notesId: notes.body.notesId });
  assert.deepEqual([again.status, again.body], [200, { attached: false }]);

  const history = await api.call('GET', `/api/patients/${patientId}`);
  assert.deepEqual(
    (history.body.history as { id: string }[]).map((e) => e.id),
    [encounterId],
  );
  const opened = await api.call('GET', `/api/encounters/${encounterId}`);
  assert.equal(opened.status, 200);
  assert.deepEqual(opened.body.encounter.model, notes.body.model);
  assert.match(JSON.stringify(opened.body.encounter.model.overruled), /no danger signs present/);
  assert.match(JSON.stringify(opened.body.encounter.model.contribution), /recheck temperature/);
});

void test('notes that arrive after the save are attached to the saved encounter', async () => {
  const { api, patientId } = await nurseWithPatient(withModel.url);
  const body = { case: convulsed(patientId) };
  const encounterId = await saveConsult(api, body, 'save-key-after-1');
  const notes = await api.call('POST', '/api/consult/model', body);
  const path = `/api/encounters/${encounterId}/model-notes`;
  assert.equal((await api.call('POST', path, { notesId: notes.body.notesId })).body.attached, true);
  const opened = await api.call('GET', `/api/encounters/${encounterId}`);
  assert.equal(opened.body.encounter.model.servedBy, 'local');
});

void test('notes of one case are refused on the encounter of another', async () => {
  const { api, patientId } = await nurseWithPatient(withModel.url);
  const notes = await api.call('POST', '/api/consult/model', { case: convulsed(patientId) });
  const other = { case: { ...convulsed(patientId), findings: { convulsions_history: false } } };
  const encounterId = await saveConsult(api, other, 'save-key-other-1');
  const refused = await api.call('POST', `/api/encounters/${encounterId}/model-notes`, {
    notesId: notes.body.notesId,
  });
  assert.equal(refused.status, 400);
  assert.equal(refused.body.error.issues[0].field, 'notesId');
  assert.equal(
    (await api.call('GET', `/api/encounters/${encounterId}`)).body.encounter.model,
    null,
  );
});

void test('a role without consult.save, or another user, cannot attach the notes', async () => {
  const { api, patientId } = await nurseWithPatient(withModel.url);
  const body = { case: convulsed(patientId) };
  const notes = await api.call('POST', '/api/consult/model', body);
  const encounterId = await saveConsult(api, body, 'save-key-perm-1');
  const path = `/api/encounters/${encounterId}/model-notes`;

  const admin = apiClient(withModel.url);
  await admin.signIn('admin');
  const forbidden = await admin.call('POST', path, { notesId: notes.body.notesId });
  assert.deepEqual([forbidden.status, forbidden.body.error.code], [403, 'AUTH_FORBIDDEN']);
  assert.equal((await admin.call('GET', `/api/encounters/${encounterId}`)).status, 403);

  // The notes id is the nurse's: to a doctor it is unknown.
  const doctor = apiClient(withModel.url);
  await doctor.signIn('doctor');
  const unknown = await doctor.call('POST', path, { notesId: notes.body.notesId });
  assert.deepEqual([unknown.status, unknown.body.error.code], [404, 'NOT_FOUND']);
  // The doctor's own notes of the same case: still the nurse's consult, refused.
  const own = await doctor.call('POST', '/api/consult/model', body);
  const notTheirs = await doctor.call('POST', path, { notesId: own.body.notesId });
  assert.deepEqual([notTheirs.status, notTheirs.body.error.code], [403, 'AUTH_FORBIDDEN']);
  const malformed = await api.call('POST', path, { notesId: 'x' });
  assert.equal(malformed.status, 400);
  assert.equal(
    (await api.call('GET', `/api/encounters/${encounterId}`)).body.encounter.model,
    null,
  );
});
