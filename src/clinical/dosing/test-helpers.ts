/**
 * Small helpers for the dosing tests: narrow a result to `ok` or fail with the result shown.
 */
import assert from 'node:assert/strict';
import { prescribe } from './prescribe.js';
import type { DosingPatient, PrescribeOptions, Prescription } from './result.js';

/** Prescribe and assert the result is a prescription. */
export function ok(id: string, patient: DosingPatient, options?: PrescribeOptions): Prescription {
  const result = prescribe(id, patient, options);
  assert.equal(result.kind, 'ok', `expected ok, got ${JSON.stringify(result)}`);

  return result;
}
