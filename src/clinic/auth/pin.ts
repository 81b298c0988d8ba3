/**
 * PIN rules and PIN hashing. A PIN is short, so its strength comes from the lockout in
 * login.ts and from argon2id making every offline guess against a stolen file expensive.
 */
import { randomBytes } from 'node:crypto';
import { hash, verify, type Options } from '@node-rs/argon2';
import { InputError } from '../../shared/errors.js';

/**
 * argon2id, 64 MiB, 2 passes, 1 lane: measured 41-46 ms per verify on this 2-core machine
 * (19 MiB x 2 took 16-20 ms, 64 MiB x 3 took 66-70 ms). That is above the OWASP Password
 * Storage Cheat Sheet minimum (19 MiB, t=2), unnoticeable at a login, and 64 MiB at once is
 * affordable on a small clinic laptop where logins come one at a time.
 */
export const ARGON2_OPTIONS: Readonly<Options> = {
  algorithm: 2, // Algorithm.Argon2id (a const enum, so not importable as a value)
  memoryCost: 65536,
  timeCost: 2,
  parallelism: 1,
};

export const PIN_MIN_LENGTH = 4;
export const PIN_MAX_LENGTH = 8;

/** True when every step between digits is +1 or every step is -1, wrapping 9 and 0 (7890). */
function isSequence(pin: string): boolean {
  const digits = [...pin].map(Number);
  const steps = digits.slice(1).map((d, i) => (d - (digits[i] as number) + 10) % 10);

  return steps.every((s) => s === 1) || steps.every((s) => s === 9);
}

/**
 * The reason a PIN is refused, or undefined when it is acceptable. The reason never repeats
 * the PIN, since it ends up in an error message.
 */
export function pinProblem(pin: unknown): string | undefined {
  if (typeof pin !== 'string') return 'must be a string of digits';
  if (!/^[0-9]+$/.test(pin)) return 'must contain digits only';
  if (pin.length < PIN_MIN_LENGTH || pin.length > PIN_MAX_LENGTH) {
    return `must be ${PIN_MIN_LENGTH} to ${PIN_MAX_LENGTH} digits long (got ${pin.length})`;
  }
  if (/^(.)\1*$/.test(pin)) return 'must not be one digit repeated';
  if (isSequence(pin)) return 'must not be a run of consecutive digits such as 1234 or 4321';

  return undefined;
}

/** Throws an InputError naming `field` when the PIN breaks a rule; the PIN is not echoed. */
export function assertValidPin(pin: unknown, field = 'pin'): asserts pin is string {
  const problem = pinProblem(pin);
  if (problem !== undefined) throw new InputError([{ field, message: `PIN ${problem}` }]);
}

export function hashPin(pin: string): Promise<string> {
  return hash(pin, ARGON2_OPTIONS);
}

export function verifyPin(pinHash: string, pin: string): Promise<boolean> {
  return verify(pinHash, pin);
}

let dummyHash: Promise<string> | undefined;

/**
 * A hash of a random secret, with the same parameters, that no PIN matches. Login verifies
 * against it for unknown names so that they take as long as a wrong PIN.
 */
export function dummyPinHash(): Promise<string> {
  dummyHash ??= hash(randomBytes(16).toString('hex'), ARGON2_OPTIONS);

  return dummyHash;
}
