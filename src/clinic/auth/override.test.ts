import assert from 'node:assert/strict';
import { test } from 'node:test';
import { OVERRIDE_REASON_MIN, authorizeOverride } from './override.js';
import { ROLES } from './roles.js';
import { at } from './test-helpers.js';

const reason = 'child drinking well on review'; // 29 characters
const request = { classificationId: 'severe-dehydration', reason };

test('a doctor with a reason gets an approval carrying who, when and the reason', () => {
  const approval = authorizeOverride({ userId: 'u-doc', role: 'doctor' }, request, at(5));
  assert.deepEqual(approval, {
    userId: 'u-doc',
    role: 'doctor',
    classificationId: 'severe-dehydration',
    reason,
    at: at(5),
  });
});

test('every role but doctor is refused an override, even with a reason', () => {
  for (const role of ROLES.filter((r) => r !== 'doctor')) {
    assert.throws(() => authorizeOverride({ userId: 'u', role }, request), {
      code: 'AUTH_FORBIDDEN',
      message: `role [${role}] may not perform [classification.override]`,
    });
  }
});

test('a reason of 10 characters is enough; 9, only spaces or none is refused', () => {
  const doctor = { userId: 'u-doc', role: 'doctor' } as const;
  assert.equal(OVERRIDE_REASON_MIN, 10);
  const ten = 'seen: well';
  assert.equal(authorizeOverride(doctor, { ...request, reason: `  ${ten}  ` }).reason, ten);
  for (const bad of ['seen well', ' '.repeat(20), undefined as unknown as string]) {
    assert.throws(
      () => authorizeOverride(doctor, { ...request, reason: bad }),
      (error: Error) => {
        assert.match(error.message, /^reason: an override needs a reason of 10 to 2000 characters/);
        return true;
      },
    );
  }
});

test('a refused reason is described by its length, never quoted', () => {
  const doctor = { userId: 'u-doc', role: 'doctor' } as const;
  assert.throws(
    () => authorizeOverride(doctor, { ...request, reason: 'no fever' }),
    (error: Error) => {
      assert.ok(error.message.endsWith('(got 8)'));
      assert.ok(!JSON.stringify({ m: error.message, e: error }).includes('no fever'));
      return true;
    },
  );
});
