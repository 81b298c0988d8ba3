/**
 * JSON over HTTP for the sync agent: every request has a timeout, bodies may go up gzip'd,
 * and failures become `MedAssistError`s with stable codes (the URL, never a body, in the
 * message). Uses the clinic's transport; it sends nothing anywhere but the URLs it is given.
 */
import { gzipSync } from 'node:zlib';
import type { z } from 'zod';
import { MedAssistError } from '../../shared/errors.js';
import { transportFor, type FetchLike } from '../../shared/tls/transport.js';

export interface HttpOptions {
  timeoutMs: number;
  signal?: AbortSignal | undefined;
  /** The clinic's transport (transport.ts); Node's fetch when absent. */
  fetch?: FetchLike | undefined;
}

export interface JsonRequest extends HttpOptions {
  method: 'GET' | 'POST';
  url: string;
  body?: unknown;
  gzip?: boolean;
  headers?: Record<string, string>;
}

export interface JsonReply {
  status: number;
  headers: Headers;
  body: unknown;
}

function signalFor(o: HttpOptions): AbortSignal {
  const timeout = AbortSignal.timeout(o.timeoutMs);
  return o.signal ? AbortSignal.any([o.signal, timeout]) : timeout;
}

/** Encodes a JSON body, gzip'd when asked: the wire bytes and their headers. */
export function encodeBody(
  body: unknown,
  gzip: boolean,
): { bytes: Buffer; headers: Record<string, string> } {
  const json = Buffer.from(JSON.stringify(body));
  if (!gzip) return { bytes: json, headers: { 'content-type': 'application/json' } };
  return {
    bytes: gzipSync(json),
    headers: { 'content-type': 'application/json', 'content-encoding': 'gzip' },
  };
}

/** Sends one request; throws `SYNC_UNREACHABLE` when no answer came in time. */
export async function requestJson(r: JsonRequest): Promise<JsonReply> {
  const encoded = r.body === undefined ? null : encodeBody(r.body, r.gzip === true);
  let res: Response;
  try {
    res = await (r.fetch ?? transportFor(undefined).fetch)(r.url, {
      method: r.method,
      headers: { accept: 'application/json', ...encoded?.headers, ...r.headers },
      // A plain Uint8Array is a body under both Node's and the DOM's fetch types.
      ...(encoded ? { body: new Uint8Array(encoded.bytes) } : {}),
      signal: signalFor(r),
    });
  } catch (cause) {
    // The transport's own errors say what failed in TLS (transport.ts).
    if (cause instanceof MedAssistError) throw cause;
    throw new MedAssistError('SYNC_UNREACHABLE', `no answer from [${r.url}]`, { cause });
  }
  let body: unknown = null;
  try {
    const text = await res.text();
    body = text.length > 0 ? (JSON.parse(text) as unknown) : null;
  } catch (cause) {
    if (res.ok)
      throw new MedAssistError(
        'SYNC_UNREACHABLE',
        `the answer from [${r.url}] was cut or is not JSON`,
        { cause },
      );
  }
  return { status: res.status, headers: res.headers, body };
}

/** Throws `SYNC_HTTP_STATUS` unless the status is one of `ok`; the coordinator's reason kept. */
export function assertStatus(reply: JsonReply, url: string, ok: readonly number[] = [200]): void {
  if (ok.includes(reply.status)) return;
  const message = (reply.body as { message?: unknown } | null)?.message;
  const reason = typeof message === 'string' ? message : '';
  throw new MedAssistError(
    'SYNC_HTTP_STATUS',
    `[${url}] answered ${reply.status} ${reason.slice(0, 200)}`,
    {
      details: { status: reply.status },
    },
  );
}

/** Parses a reply body with a v1 schema; throws `SYNC_RESPONSE_INVALID` naming the field. */
export function parseReply<S extends z.ZodType>(
  schema: S,
  reply: JsonReply,
  url: string,
): z.infer<S> {
  const parsed = schema.safeParse(reply.body);
  if (parsed.success) return parsed.data;
  const issue = parsed.error.issues[0];
  throw new MedAssistError(
    'SYNC_RESPONSE_INVALID',
    `the answer from [${url}] does not follow protocol v1: ${issue?.path.join('.') ?? ''} ${issue?.message ?? ''}`,
  );
}
