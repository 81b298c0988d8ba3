/**
 * The five roles of a clinic node and what each may do: one matrix, enforced here and nowhere
 * else (ARCHITECTURE.md, "Security"). Callers ask `can` or `assertCan`; no module keeps its own
 * list of roles.
 *
 * | action                  | chw | nurse | doctor | admin | support |
 * | ----------------------- | --- | ----- | ------ | ----- | ------- |
 * | consult.run             |  x  |   x   |   x    |       |         |
 * | consult.save            |  x  |   x   |   x    |       |         |
 * | patient.read            |  x  |   x   |   x    |       |         |
 * | patient.create          |  x  |   x   |   x    |       |         |
 * | patient.update          |  x  |   x   |   x    |       |         |
 * | patient.merge           |     |   x   |   x    |       |         |
 * | patient.erase           |     |       |        |   x   |         |
 * | history.read            |  x  |   x   |   x    |       |         |
 * | classification.override |     |       |   x    |       |         |
 * | user.manage             |     |       |        |   x   |         |
 * | config.manage           |     |       |        |   x   |         |
 * | backup.create           |     |       |        |   x   |    x    |
 * | backup.restore          |     |       |        |   x   |         |
 * | backup.verify           |     |       |        |   x   |    x    |
 * | system.status           |  x  |   x   |   x    |   x   |    x    |
 * | audit.read              |     |       |        |   x   |    x    |
 * | kb.update               |     |       |        |   x   |         |
 * | sync.run                |  x  |   x   |   x    |   x   |    x    |
 * | sync.register           |     |       |        |   x   |         |
 *
 * Why: admin and support are not clinical roles, so they read no patient record. Admin carries
 * out erasure requests by record id (the request itself is checked off-system). Merging two
 * records needs someone who can confirm identity at the clinic, so not a CHW in the field.
 * Backups are encrypted, so support may make and check them but only admin restores one.
 * Audit rows hold ids and codes only, which is why support may read them.
 */
import { ForbiddenError } from './auth-error.js';

export const ROLES = ['chw', 'nurse', 'doctor', 'admin', 'support'] as const;
export type Role = (typeof ROLES)[number];

export const ACTIONS = [
  'consult.run',
  'consult.save',
  'patient.read',
  'patient.create',
  'patient.update',
  'patient.merge',
  'patient.erase',
  'history.read',
  'classification.override',
  'user.manage',
  'config.manage',
  'backup.create',
  'backup.restore',
  'backup.verify',
  'system.status',
  'audit.read',
  'kb.update',
  'sync.run',
  'sync.register',
] as const;
export type Action = (typeof ACTIONS)[number];

const CLINICAL: readonly Role[] = ['chw', 'nurse', 'doctor'];
const EVERYONE: readonly Role[] = ROLES;

/** Which roles may perform each action; the table above, as data. */
export const PERMISSIONS: Readonly<Record<Action, readonly Role[]>> = {
  'consult.run': CLINICAL,
  'consult.save': CLINICAL,
  'patient.read': CLINICAL,
  'patient.create': CLINICAL,
  'patient.update': CLINICAL,
  'patient.merge': ['nurse', 'doctor'],
  'patient.erase': ['admin'],
  'history.read': CLINICAL,
  'classification.override': ['doctor'],
  'user.manage': ['admin'],
  'config.manage': ['admin'],
  'backup.create': ['admin', 'support'],
  'backup.restore': ['admin'],
  'backup.verify': ['admin', 'support'],
  'system.status': EVERYONE,
  'audit.read': ['admin', 'support'],
  'kb.update': ['admin'],
  'sync.run': EVERYONE,
  // Registration gives the clinic its cloud identity: an act of configuration, like config.manage.
  'sync.register': ['admin'],
};

export function isRole(value: unknown): value is Role {
  return typeof value === 'string' && (ROLES as readonly string[]).includes(value);
}

export function isAction(value: unknown): value is Action {
  return typeof value === 'string' && (ACTIONS as readonly string[]).includes(value);
}

/**
 * True when the role may perform the action. Strings outside the closed unions (a role read
 * from an old database, a typo at a boundary) are refused rather than trusted.
 */
export function can(role: Role, action: Action): boolean {
  if (!isRole(role) || !isAction(action)) return false;

  return PERMISSIONS[action].includes(role);
}

/** Who is acting: a logged-in session, or anything else that carries a user id and a role. */
export interface Actor {
  readonly userId: string;
  readonly role: Role;
}

/** Throws `AUTH_FORBIDDEN` (naming role and action only) unless the actor's role may act. */
export function assertCan(actor: Actor, action: Action): void {
  if (!can(actor.role, action)) throw new ForbiddenError(String(actor.role), String(action));
}

/** The matrix as a Markdown table, for the docs (kept in step with PERMISSIONS by a test). */
export function permissionMatrixMarkdown(): string {
  const head = `| action | ${ROLES.join(' | ')} |`;
  const rule = `| --- |${ROLES.map(() => ' :-: |').join('')}`;
  const rows = ACTIONS.map(
    (action) => `| ${action} | ${ROLES.map((r) => (can(r, action) ? 'x' : ' ')).join(' | ')} |`,
  );

  return [head, rule, ...rows].join('\n');
}
