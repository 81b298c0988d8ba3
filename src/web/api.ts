/**
 * The web app's only way out: JSON over HTTP to the clinic node that served it (same origin).
 * Every state-changing request carries the custom header the node requires against CSRF; the
 * session cookie is HttpOnly, so no script here ever sees the token.
 */

export interface FieldIssue {
  field: string;
  message: string;
}

/** An answer of the node that is not 2xx, with its stable code and the input issues. */
export class ApiError extends Error {
  readonly status: number;
  readonly code: string;
  readonly issues: readonly FieldIssue[];

  constructor(status: number, code: string, message: string, issues: readonly FieldIssue[] = []) {
    super(message);
    this.name = 'ApiError';
    this.status = status;
    this.code = code;
    this.issues = issues;
  }
}

interface ErrorBody {
  error?: { code?: string; message?: string; issues?: FieldIssue[] };
}

/** Called when the session has ended, so the app can show the sign-in screen again. */
let onSignedOut: () => void = () => undefined;
export function setSignedOutHandler(handler: () => void): void {
  onSignedOut = handler;
}

export async function api<T>(method: string, path: string, body?: unknown): Promise<T> {
  let response: Response;
  try {
    response = await fetch(path, {
      method,
      credentials: 'same-origin',
      headers: {
        accept: 'application/json',
        ...(method === 'GET' ? {} : { 'x-medassist-request': '1' }),
        ...(body === undefined ? {} : { 'content-type': 'application/json' }),
      },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    });
  } catch {
    throw new ApiError(0, 'NETWORK', 'network');
  }
  const data = (await response.json().catch(() => ({}))) as T & ErrorBody;
  if (response.ok) return data;

  const error = data.error ?? {};
  const code = error.code ?? 'HTTP_' + String(response.status);
  if (response.status === 401 && path !== '/api/session') onSignedOut();
  throw new ApiError(response.status, code, error.message ?? code, error.issues ?? []);
}

/** A random key for an idempotent save; getRandomValues works on plain-http LAN addresses too. */
export function newIdempotencyKey(): string {
  const bytes = crypto.getRandomValues(new Uint8Array(16));
  return Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('');
}
