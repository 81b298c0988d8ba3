import assert from 'node:assert/strict';
import { test } from 'node:test';
import { Command } from 'commander';
import { InputError } from '../../shared/errors.js';
import { intFlag, registerModelCommand } from './model.js';

function program(created: string[]) {
  const p = new Command('medassist').exitOverride();
  registerModelCommand(p, {
    createEngine: (o) => {
      created.push(o.modelPath);
      return Promise.reject(new Error('not in this test'));
    },
  });
  return p;
}

test('a flag outside its range is bad input naming the flag and the value', () => {
  assert.throws(
    () => intFlag('--parallel', '0', 1, 64),
    (e) =>
      e instanceof InputError &&
      e.message === '--parallel: must be a whole number from 1 to 64 [0]',
  );
  assert.throws(() => intFlag('--port', '80a', 0, 65535), InputError);
  assert.equal(intFlag('--port', '0', 0, 65535), 0);
});

test('model serve refuses a model file that is not there before loading anything', async () => {
  const created: string[] = [];
  await assert.rejects(
    program(created).parseAsync([
      'node',
      'medassist',
      'model',
      'serve',
      '--model',
      '/no/such.gguf',
    ]),
    (e) => e instanceof InputError && /--model: no such file \[\/no\/such\.gguf\]/.test(e.message),
  );
  assert.deepEqual(created, []);
});
