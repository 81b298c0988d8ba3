/* eslint-disable @typescript-eslint/no-unsafe-member-access, @typescript-eslint/no-unsafe-call,
   @typescript-eslint/no-unsafe-argument --
   the API's JSON answers are read by path; a wrong path fails its assertion. */
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { apiClient, startNodeFixture, type NodeFixture } from './test-helpers/node-fixture.js';

let fixture: NodeFixture;
before(async () => {
  fixture = await startNodeFixture();
});
after(() => fixture.close());

const NO_DANGER = {
  unable_to_drink_or_breastfeed: false,
  vomits_everything: false,
  convulsions_history: false,
  convulsing_now: false,
  lethargic_or_unconscious: false,
};
const coughCase = {
  patient: { age_months: 18, weight_kg: 10.5, name: 'Test Child Api', sex: 'female' },
  findings: { ...NO_DANGER, cough_or_difficult_breathing: true, respiratory_rate: 52 },
};

test('sign-in sets an HttpOnly SameSite=Strict cookie and lists what the role may do', async () => {
  const response = await fetch(`${fixture.url}/api/session`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'x-medassist-request': '1' },
    body: JSON.stringify({ name: 'nurse', pin: '381945' }),
  });
  assert.equal(response.status, 200);
  const cookie = response.headers.get('set-cookie') ?? '';
  assert.match(cookie, /HttpOnly/);
  assert.match(cookie, /SameSite=Strict/);
  const body = (await response.json()) as { permissions: string[] };
  assert.ok(body.permissions.includes('consult.save'));
  assert.ok(!body.permissions.includes('classification.override'));
});

test('a wrong PIN is refused with one message for every cause', async () => {
  const api = apiClient(fixture.url);
  const { status, body } = await api.call('POST', '/api/session', { name: 'chw', pin: '000000' });
  assert.equal(status, 401);
  assert.equal(body.error.code, 'AUTH_FAILED');
});

test('a state-changing request without the custom header is refused even when signed in', async () => {
  const signIn = await fetch(`${fixture.url}/api/session`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'x-medassist-request': '1' },
    body: JSON.stringify({ name: 'chw', pin: '240617' }),
  });
  const cookie = (signIn.headers.get('set-cookie') ?? '').split(';')[0] ?? '';
  const me = await fetch(`${fixture.url}/api/session`, { headers: { cookie } });
  assert.equal(me.status, 200, 'the cookie alone is a valid session for reading');
  const forged = await fetch(`${fixture.url}/api/consult`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', cookie },
    body: JSON.stringify({ case: coughCase }),
  });
  assert.equal(forged.status, 403);
  assert.equal(
    ((await forged.json()) as { error: { code: string } }).error.code,
    'CSRF_HEADER_MISSING',
  );
});

test('without a session the API answers 401 and shows no data', async () => {
  const response = await fetch(`${fixture.url}/api/patients?q=test`);
  assert.equal(response.status, 401);
});

test('the guided consult asks the danger signs first, then a main symptom only after a yes', async () => {
  const api = apiClient(fixture.url);
  await api.signIn('chw');
  const first = await api.call('POST', '/api/consult/next', {
    case: { patient: { age_months: 18 }, findings: {} },
  });
  assert.equal(first.status, 200);
  assert.equal(first.body.steps[0].box, 'general_danger_signs');
  const noCough = await api.call('POST', '/api/consult/next', {
    case: {
      patient: { age_months: 18 },
      findings: { ...NO_DANGER, cough_or_difficult_breathing: false },
    },
  });
  const boxes = (noCough.body.steps as { box: string }[]).map((s) => s.box);
  assert.ok(!boxes.includes('cough_or_difficult_breathing'), boxes.join());
  assert.equal(boxes[0], 'diarrhoea');
  const cough = await api.call('POST', '/api/consult/next', {
    case: {
      patient: { age_months: 18 },
      findings: { ...NO_DANGER, cough_or_difficult_breathing: true },
    },
  });
  const step = cough.body.steps[0] as { box: string; questions: { key: string }[] };
  assert.equal(step.box, 'cough_or_difficult_breathing');
  assert.ok(step.questions.some((q) => q.key === 'respiratory_rate'));
});

test('bad input is refused naming the field and showing the value, and nothing is saved', async () => {
  const api = apiClient(fixture.url);
  await api.signIn('nurse');
  const { status, body } = await api.call('POST', '/api/encounters', {
    case: { patient: { age_months: 18, weight_kg: 0 }, findings: {} },
    idempotencyKey: 'bad-input-key-1',
  });
  assert.equal(status, 400);
  assert.equal(body.error.issues[0].field, 'patient.weight_kg');
  assert.match(body.error.message, /\[0\]/);
});

test('the same save sent twice is one encounter, and it shows in the patient history', async () => {
  const api = apiClient(fixture.url);
  await api.signIn('nurse');
  const save = { case: coughCase, idempotencyKey: 'double-click-key-1' };
  const [a, b] = await Promise.all([
    api.call('POST', '/api/encounters', save),
    api.call('POST', '/api/encounters', save),
  ]);
  assert.equal(a.status, 200);
  assert.equal(a.body.saved.encounterId, b.body.saved.encounterId);
  assert.deepEqual([a.body.saved.created, b.body.saved.created].sort(), [false, true]);
  const found = await api.call('GET', `/api/patients?q=${encodeURIComponent('Test Child Api')}`);
  const patientId = found.body.patients[0].id as string;
  const detail = await api.call('GET', `/api/patients/${patientId}`);
  assert.equal(detail.body.history.length, 1);
  assert.equal(detail.body.history[0].id, a.body.saved.encounterId);
});

test('only a doctor may override, and an override needs a reason', async () => {
  const nurse = apiClient(fixture.url);
  await nurse.signIn('nurse');
  const saved = await nurse.call('POST', '/api/encounters', {
    case: { ...coughCase, patient: { age_months: 20 } },
    idempotencyKey: 'override-key-1',
  });
  const id = saved.body.saved.encounterId as string;
  const classificationId = saved.body.classifications[0].id as string;
  const refused = await nurse.call('POST', `/api/encounters/${id}/overrides`, {
    classificationId,
    reason: 'clinical picture differs',
  });
  assert.equal(refused.status, 403);
  const doctor = apiClient(fixture.url);
  await doctor.signIn('doctor');
  const short = await doctor.call('POST', `/api/encounters/${id}/overrides`, {
    classificationId,
    reason: 'no',
  });
  assert.equal(short.status, 400);
  assert.equal(short.body.error.issues[0].field, 'reason');
  const ok = await doctor.call('POST', `/api/encounters/${id}/overrides`, {
    classificationId,
    reason: 'clinical picture differs from the chart',
  });
  assert.equal(ok.status, 200);
});

test('an administrator reads no patient record', async () => {
  const api = apiClient(fixture.url);
  await api.signIn('admin');
  const { status, body } = await api.call('GET', '/api/patients?q=test');
  assert.equal(status, 403);
  assert.equal(body.error.code, 'AUTH_FORBIDDEN');
});

test('guideline search, calculators and the interaction check answer a signed-in user', async () => {
  const api = apiClient(fixture.url);
  await api.signIn('chw');
  const search = await api.call('GET', '/api/search?q=pneumonia&lang=en');
  assert.ok(search.body.hits.length > 0);
  const calc = await api.call('POST', '/api/calculators/bmi', {
    params: { weightKg: 70, heightCm: 175 },
  });
  assert.equal(calc.status, 200);
  assert.match(String(calc.body.lines[0]), /BMI: 22.9/);
  const badCalc = await api.call('POST', '/api/calculators/bmi', { params: { weightKg: 'x' } });
  assert.equal(badCalc.status, 400);
  assert.equal(badCalc.body.error.issues[0].field, 'weightKg');
  const drugs = await api.call('GET', '/api/drugs');
  assert.ok(drugs.body.drugs.length > 5);
  const check = await api.call('POST', '/api/drugs/check', {
    drugs: ['amoxicillin'],
    allergies: ['penicillin'],
  });
  assert.equal(check.status, 200);
  assert.ok(check.body.alerts.some((a: { kind: string }) => a.kind === 'allergy'));
});

test('the status bar shows offline mode and the outbox count without a sync agent', async () => {
  const api = apiClient(fixture.url);
  await api.signIn('support');
  const { status, body } = await api.call('GET', '/api/status');
  assert.equal(status, 200);
  assert.equal(body.mode, 'OFFLINE');
  assert.equal(typeof body.queued, 'number');
  assert.ok(body.queued >= 1, 'the saved consults wait in the outbox');
  assert.equal(body.edition.id, 'imci-2014');
  const nurse = apiClient(fixture.url);
  await nurse.signIn('nurse');
  const consult = await nurse.call('POST', '/api/consult', { case: coughCase });
  assert.equal(body.knowledgeVersion, consult.body.knowledge.version, 'bar and result agree');
});

test('no log line carries a PIN or a patient name', () => {
  const text = fixture.logLines.join('');
  assert.ok(!text.includes('381945'));
  assert.ok(!text.includes('Test Child Api'));
});
