import assert from 'node:assert/strict';
import { test } from 'node:test';
import { loggableError } from './errors.js';

void test('a PostgreSQL error is logged by its SQLSTATE and routine, never its message, detail or context', () => {
  const pgError = Object.assign(new Error('invalid input syntax for type json'), {
    code: '22P02',
    routine: 'json_errsave_error',
    severity: 'ERROR',
    detail: 'Token "ageMonths" is invalid.',
    where: 'JSON data, line 1: [{"c":"clinic-7","items":[{"key":"e-1"',
  });
  const logged = loggableError(pgError);
  assert.deepEqual(logged, {
    type: 'DatabaseError',
    sqlstate: '22P02',
    routine: 'json_errsave_error',
  });
  assert.doesNotMatch(JSON.stringify(logged), /clinic-7|ageMonths|invalid input/);
});

void test('other errors are logged as they are', () => {
  const error = Object.assign(new Error('boom'), { code: 'ECONNRESET' });
  assert.equal(loggableError(error), error);
  assert.equal(loggableError('text'), 'text');
});
