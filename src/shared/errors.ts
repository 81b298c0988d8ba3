/**
 * One base error for broken contracts and failed infrastructure (STYLE.md, "Errors").
 * Expected clinical outcomes are values, not exceptions. Messages name the field and show the
 * offending value in [brackets]; they never carry patient data beyond that value.
 */
export class MedAssistError extends Error {
  readonly code: string;
  readonly details: Readonly<Record<string, unknown>>;

  constructor(
    code: string,
    message: string,
    options: { details?: Record<string, unknown>; cause?: unknown } = {},
  ) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.name = 'MedAssistError';
    this.code = code;
    this.details = options.details ?? {};
  }
}

/** One problem found in untrusted input: the field path and what is wrong with it. */
export interface InputIssue {
  field: string;
  message: string;
}

/** Bad input (a case, a CLI argument): exit code 2, nothing saved. */
export class InputError extends MedAssistError {
  readonly issues: readonly InputIssue[];

  constructor(issues: readonly InputIssue[], options: { cause?: unknown } = {}) {
    const first = issues[0];
    const head = first ? `${first.field}: ${first.message}` : 'invalid input';
    const more = issues.length > 1 ? ` (and ${issues.length - 1} more)` : '';
    super('INPUT_INVALID', `${head}${more}`, { details: { issues }, ...options });
    this.name = 'InputError';
    this.issues = issues;
  }
}
