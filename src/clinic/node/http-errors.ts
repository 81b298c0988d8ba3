/**
 * Errors to HTTP answers, in one place: a stable code, a message that names the field and
 * shows the value in [brackets], and the input issues for forms. Unknown errors become a 500
 * with no detail (the log keeps the code, never patient data).
 */
import type { FastifyError, FastifyReply, FastifyRequest } from 'fastify';
import { InputError, MedAssistError } from '../../shared/errors.js';
import type { Logger } from './log.js';

export interface ApiError {
  error: { code: string; message: string; issues?: readonly { field: string; message: string }[] };
}

const STATUS_BY_CODE: Readonly<Record<string, number>> = {
  INPUT_INVALID: 400,
  AUTH_FAILED: 401,
  AUTH_REQUIRED: 401,
  AUTH_SESSION_EXPIRED: 401,
  AUTH_SESSION_INVALID: 401,
  AUTH_FORBIDDEN: 403,
  CSRF_HEADER_MISSING: 403,
  HOST_REFUSED: 421,
  AUTH_LOCKED: 429,
  NOT_FOUND: 404,
  SYNC_NOT_CONFIGURED: 409,
  MODEL_NOT_CONFIGURED: 409,
};

/** The HTTP status and JSON body of an error thrown by a route. */
export function toApiError(error: unknown): { status: number; body: ApiError } {
  if (error instanceof InputError) {
    return {
      status: 400,
      body: { error: { code: error.code, message: error.message, issues: error.issues } },
    };
  }
  if (error instanceof MedAssistError) {
    const status = STATUS_BY_CODE[error.code] ?? 500;
    return { status, body: { error: { code: error.code, message: error.message } } };
  }
  const fastifyError = error as Partial<FastifyError>;
  // Fastify's own refusals (malformed JSON, body too large, wrong content type) are 4xx.
  if (typeof fastifyError.statusCode === 'number' && fastifyError.statusCode < 500) {
    const code = fastifyError.code ?? 'REQUEST_INVALID';
    const message = fastifyError.message ?? 'request refused';
    return { status: fastifyError.statusCode, body: { error: { code, message } } };
  }
  return { status: 500, body: { error: { code: 'INTERNAL', message: 'internal error' } } };
}

export function errorHandler(log: Logger) {
  return (error: unknown, request: FastifyRequest, reply: FastifyReply) => {
    const { status, body } = toApiError(error);
    const fields = { code: body.error.code, status, route: request.routeOptions.url ?? null };
    if (status >= 500) log.error(fields, 'request failed');
    else log.info(fields, 'request refused');
    void reply.status(status).send(body);
  };
}

/** 404 as data: names what was not found and shows the id in [brackets]. */
export function notFound(what: string, id: string): MedAssistError {
  return new MedAssistError('NOT_FOUND', `no ${what} with this id [${id}]`);
}
