import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { checkFhirBundle, classificationCodes } from './fhir-check.js';

const ENC = 'urn:uuid:00000000-0000-4000-8000-000000000001';

function bundle(...resources: Record<string, unknown>[]): Record<string, unknown> {
  return {
    resourceType: 'Bundle',
    type: 'collection',
    entry: resources.map((resource) => ({ resource })),
  };
}

const encounter = {
  resourceType: 'Encounter',
  status: 'finished',
  period: { start: '2026-11-30' },
};
const condition = {
  resourceType: 'Condition',
  encounter: { reference: ENC },
  code: { coding: [{ system: 'urn:medassist:classification', code: 'diarrhoea.dysentery' }] },
};

describe('FHIR upload profile', () => {
  test('accepts an Encounter, a Condition, an Observation and a MedicationRequest', () => {
    const ok = bundle(
      encounter,
      condition,
      { resourceType: 'Observation', status: 'final' },
      {
        resourceType: 'MedicationRequest',
        status: 'active',
        intent: 'order',
      },
    );
    assert.equal(checkFhirBundle(ok), null);
    assert.deepEqual(classificationCodes(ok), ['diarrhoea.dysentery']);
  });

  test('refuses a Patient resource', () => {
    assert.match(
      checkFhirBundle(bundle(encounter, { resourceType: 'Patient' })) ?? '',
      /not allowed \[Patient\]/,
    );
  });

  test('refuses a name anywhere, even inside an allowed resource', () => {
    const named = { ...condition, subject: { name: [{ family: 'X' }] } };
    assert.match(checkFhirBundle(bundle(named)) ?? '', /name/);
  });

  test('refuses a birth date', () => {
    assert.match(
      checkFhirBundle(bundle({ ...encounter, birthDate: '2024-01-01' })) ?? '',
      /birthDate/,
    );
  });

  test('refuses narrative text and free-text notes', () => {
    assert.match(checkFhirBundle(bundle({ ...encounter, text: { div: '<div/>' } })) ?? '', /text/);
    assert.match(checkFhirBundle(bundle({ ...condition, note: [{ text: 'x' }] })) ?? '', /note/);
  });

  test('refuses an identifier outside our systems and accepts one inside', () => {
    const foreign = { ...encounter, identifier: [{ system: 'urn:oid:1.2.3', value: '42' }] };
    assert.match(checkFhirBundle(bundle(foreign)) ?? '', /identifier outside/);
    const ours = {
      ...encounter,
      identifier: [{ system: 'urn:medassist:resource-key', value: 'ab' }],
    };
    assert.equal(checkFhirBundle(bundle(ours)), null);
  });

  test('refuses a reference to a patient record outside the bundle', () => {
    const ref = { ...condition, subject: { reference: 'Patient/123' } };
    assert.match(checkFhirBundle(bundle(ref)) ?? '', /references must stay within/);
  });

  test('refuses a date with a time, and a day that is not a Monday', () => {
    const timed = { ...encounter, period: { start: '2026-11-30T09:15:00Z' } };
    assert.match(checkFhirBundle(bundle(timed)) ?? '', /finer than the week/);
    const tuesday = { ...encounter, period: { start: '2026-12-01' } };
    assert.match(checkFhirBundle(bundle(tuesday)) ?? '', /Monday/);
  });

  test('refuses a bundle that is not a collection or has no entries', () => {
    assert.match(
      checkFhirBundle({ ...bundle(encounter), type: 'transaction' }) ?? '',
      /collection/,
    );
    assert.match(checkFhirBundle(bundle()) ?? '', /entries expected/);
  });
});

describe('nesting depth', () => {
  /** An Encounter with an extension value nested `levels` arrays deep below `entry`. */
  function nested(levels: number): Record<string, unknown> {
    let value: unknown = 1;
    for (let i = 0; i < levels; i++) value = [value];
    return bundle({ ...encounter, extension: value });
  }

  test('a bundle nested to the limit passes, one level more is refused with its path', () => {
    // entry, [0], resource, extension: 4 levels before the arrays.
    assert.equal(checkFhirBundle(nested(28)), null);
    assert.match(
      checkFhirBundle(nested(29)) ?? '',
      /^fhir\.entry\[0\]\.resource\.extension(\[0\])+: nested deeper than 32 levels$/,
    );
  });

  test('a bundle nested thousands of levels deep is refused instead of overflowing the stack', () => {
    assert.match(checkFhirBundle(nested(50_000)) ?? '', /nested deeper than 32 levels/);
  });
});
