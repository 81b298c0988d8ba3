import assert from 'node:assert/strict';
import { test } from 'node:test';
import { parseOptions } from '@node-rs/argon2';
import { assertValidPin, hashPin, pinProblem, verifyPin } from './pin.js';

test('accepts PINs of 4 to 8 digits that are neither repeated nor sequences', () => {
  for (const pin of ['2580', '48213', '739164', '5830291', '19283746', '1243', '1357']) {
    assert.equal(pinProblem(pin), undefined, pin);
  }
});

test('refuses a PIN of 3 digits and of 9 digits, and accepts 4 and 8', () => {
  assert.match(pinProblem('258') ?? '', /4 to 8 digits/);
  assert.equal(pinProblem('2581'), undefined);
  assert.equal(pinProblem('25814703'), undefined);
  assert.match(pinProblem('258147036') ?? '', /4 to 8 digits/);
});

test('refuses a PIN with anything but digits', () => {
  for (const pin of ['25a8', '2580 ', '٢٥٨٠', '-258', '']) {
    assert.ok(pinProblem(pin) !== undefined, pin);
  }
  assert.ok(pinProblem(2580) !== undefined);
});

test('refuses one digit repeated', () => {
  for (const pin of ['0000', '1111', '99999999']) assert.match(pinProblem(pin) ?? '', /repeated/);
  assert.equal(pinProblem('1112'), undefined);
});

test('refuses ascending and descending runs, including runs through 9 and 0', () => {
  for (const pin of ['1234', '0123', '4321', '9876', '23456789', '7890', '8901', '1098']) {
    assert.match(pinProblem(pin) ?? '', /consecutive/, pin);
  }
  assert.equal(pinProblem('1235'), undefined);
  assert.equal(pinProblem('1232'), undefined);
});

test('a refused PIN raises an InputError naming the field without the PIN', () => {
  assert.throws(
    () => assertValidPin('4444', 'newPin'),
    (error: Error & { code?: string; issues?: { field: string }[] }) => {
      assert.equal(error.code, 'INPUT_INVALID');
      assert.equal(error.issues?.[0]?.field, 'newPin');
      assert.ok(!error.message.includes('4444'));
      assert.ok(!JSON.stringify(error).includes('4444'));
      return true;
    },
  );
});

test('PINs are hashed with argon2id at 64 MiB and 2 passes, and verify', async () => {
  const pinHash = await hashPin('582047');
  const options = parseOptions(pinHash);
  assert.equal(options.algorithm, 2); // Argon2id
  assert.equal(options.memoryCost, 65536);
  assert.equal(options.timeCost, 2);
  assert.ok(!pinHash.includes('582047'));
  assert.equal(await verifyPin(pinHash, '582047'), true);
  assert.equal(await verifyPin(pinHash, '582048'), false);
});
