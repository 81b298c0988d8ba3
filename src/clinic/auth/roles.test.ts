import assert from 'node:assert/strict';
import { test } from 'node:test';
import {
  ACTIONS,
  ROLES,
  assertCan,
  can,
  permissionMatrixMarkdown,
  type Action,
  type Role,
} from './roles.js';

// The expected matrix, written out by hand (not derived from PERMISSIONS).
// prettier-ignore
const EXPECTED: Record<Action, [boolean, boolean, boolean, boolean, boolean]> = {
  //                          chw    nurse  doctor admin  support
  'consult.run':             [true,  true,  true,  false, false],
  'consult.save':            [true,  true,  true,  false, false],
  'patient.read':            [true,  true,  true,  false, false],
  'patient.create':          [true,  true,  true,  false, false],
  'patient.update':          [true,  true,  true,  false, false],
  'patient.merge':           [false, true,  true,  false, false],
  'patient.erase':           [false, false, false, true,  false],
  'history.read':            [true,  true,  true,  false, false],
  'classification.override': [false, false, true,  false, false],
  'user.manage':             [false, false, false, true,  false],
  'config.manage':           [false, false, false, true,  false],
  'backup.create':           [false, false, false, true,  true],
  'backup.restore':          [false, false, false, true,  false],
  'backup.verify':           [false, false, false, true,  true],
  'system.status':           [true,  true,  true,  true,  true],
  'audit.read':              [false, false, false, true,  true],
  'kb.update':               [false, false, false, true,  false],
  'sync.run':                [true,  true,  true,  true,  true],
  'sync.register':           [false, false, false, true,  false],
};
const COLUMNS: readonly Role[] = ['chw', 'nurse', 'doctor', 'admin', 'support'];

test('the expected table covers every role and every action', () => {
  assert.deepEqual([...COLUMNS].sort(), [...ROLES].sort());
  assert.deepEqual(Object.keys(EXPECTED).sort(), [...ACTIONS].sort());
});

for (const action of ACTIONS) {
  COLUMNS.forEach((role, column) => {
    const allowed = EXPECTED[action][column];
    test(`${role} ${allowed ? 'may' : 'may not'} perform ${action}`, () => {
      assert.equal(can(role, action), allowed);
      const actor = { userId: 'u-1', role };
      if (allowed) assert.doesNotThrow(() => assertCan(actor, action));
      else assert.throws(() => assertCan(actor, action), { code: 'AUTH_FORBIDDEN' });
    });
  });
}

test('a refusal names the role and the action and nothing else', () => {
  assert.throws(
    () => assertCan({ userId: 'u-7', role: 'support' }, 'patient.read'),
    (error: Error) => {
      assert.equal(error.message, 'role [support] may not perform [patient.read]');
      assert.ok(!error.message.includes('u-7'));
      return true;
    },
  );
});

test('a role or action outside the closed unions is refused', () => {
  assert.equal(can('superuser' as Role, 'patient.read'), false);
  assert.equal(can('admin', 'patient.delete_everything' as Action), false);
  assert.equal(can('__proto__' as Role, 'system.status'), false);
});

test('the docs table shows one row per action with a mark for each allowed role', () => {
  const lines = permissionMatrixMarkdown().split('\n');
  assert.equal(lines.length, ACTIONS.length + 2);
  const override = lines.find((l) => l.startsWith('| classification.override |'));
  assert.equal(override, '| classification.override |   |   | x |   |   |');
});
