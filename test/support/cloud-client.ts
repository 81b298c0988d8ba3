/**
 * A small clinic-side client for coordinator tests and the bench: registers with a fresh
 * Ed25519 key, proves it for an access token, pushes batches (gzip) and polls alerts. The
 * real sync agent lives on the clinic side (branch sync); this speaks the same protocol v1.
 */
import { createHash, generateKeyPairSync, randomBytes, sign, type KeyObject } from 'node:crypto';
import { request as httpRequest } from 'node:http';
import { gzipSync } from 'node:zlib';

export interface TestClinic {
  clinicId: string;
  region: string;
  privateKey: KeyObject;
  token: string;
}

export interface Reply {
  status: number;
  body: unknown;
  headers: Headers;
}

async function json(url: string, init: RequestInit = {}): Promise<Reply> {
  const response = await fetch(url, init);
  const text = await response.text();
  return {
    status: response.status,
    body: text ? (JSON.parse(text) as unknown) : null,
    headers: response.headers,
  };
}

export function post(
  base: string,
  path: string,
  body: unknown,
  headers: Record<string, string> = {},
) {
  return json(`${base}${path}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body: JSON.stringify(body),
  });
}

export function tokenRequest(clinicId: string, privateKey: KeyObject, issuedAt = Date.now()) {
  const nonce = randomBytes(16).toString('base64url');
  const signature = sign(
    null,
    Buffer.from(`${clinicId}.${issuedAt}.${nonce}`),
    privateKey,
  ).toString('base64url');
  return { clinicId, issuedAt, nonce, signature };
}

export async function registerTestClinic(
  base: string,
  enrolmentToken: string,
  region: string,
): Promise<TestClinic> {
  const pair = generateKeyPairSync('ed25519');
  const publicKey = pair.publicKey.export({ format: 'der', type: 'spki' }).toString('base64url');
  const registered = await post(base, '/v1/register', { enrolmentToken, region, publicKey });
  if (registered.status !== 200)
    throw new Error(`register ${registered.status} ${JSON.stringify(registered.body)}`);
  const { clinicId } = registered.body as { clinicId: string };
  const token = await fetchToken(base, clinicId, pair.privateKey);
  return { clinicId, region, privateKey: pair.privateKey, token };
}

export async function fetchToken(
  base: string,
  clinicId: string,
  privateKey: KeyObject,
): Promise<string> {
  const reply = await post(base, '/v1/token', tokenRequest(clinicId, privateKey));
  if (reply.status !== 200) throw new Error(`token ${reply.status} ${JSON.stringify(reply.body)}`);
  return (reply.body as { accessToken: string }).accessToken;
}

/** The gzip body of a push, as a clinic on a slow link sends it. */
export function pushBody(batchId: string, items: unknown[]): Buffer {
  return gzipSync(JSON.stringify({ batchId, items }));
}

export function push(
  base: string,
  clinic: TestClinic,
  batchId: string,
  items: unknown[],
): Promise<Reply> {
  return pushGzipped(base, clinic.token, pushBody(batchId, items));
}

/** A push of a body already gzipped (the bench builds them before the clock starts). */
export function pushGzipped(base: string, token: string, body: Buffer): Promise<Reply> {
  return json(`${base}/v1/sync/push`, {
    method: 'POST',
    headers: {
      'content-type': 'application/json',
      'content-encoding': 'gzip',
      authorization: `Bearer ${token}`,
    },
    body,
  });
}

export function resourceKey(text: string): string {
  return createHash('sha256').update(text).digest('hex');
}

/**
 * One push on a fresh connection (no keep-alive), for fault tests where a proxy counts bytes
 * per connection. Rejects when the connection breaks before a full answer.
 */
export function pushOnce(
  base: string,
  clinic: TestClinic,
  batchId: string,
  items: unknown[],
): Promise<Reply> {
  const body = pushBody(batchId, items);
  const url = new URL(`${base}/v1/sync/push`);
  return new Promise((resolve, reject) => {
    const req = httpRequest(
      {
        host: url.hostname,
        port: url.port,
        path: url.pathname,
        method: 'POST',
        agent: false,
        headers: {
          'content-type': 'application/json',
          'content-encoding': 'gzip',
          'content-length': body.length,
          authorization: `Bearer ${clinic.token}`,
        },
      },
      (res) => {
        let text = '';
        res.setEncoding('utf8');
        res.on('data', (chunk: string) => (text += chunk));
        res.on('error', reject);
        res.on('aborted', () => reject(new Error('response cut')));
        res.on('end', () => {
          try {
            resolve({
              status: res.statusCode ?? 0,
              body: text ? (JSON.parse(text) as unknown) : null,
              headers: new Headers(),
            });
          } catch (error) {
            reject(error instanceof Error ? error : new Error(String(error)));
          }
        });
      },
    );
    req.setTimeout(10_000, () => req.destroy(new Error('push timed out')));
    req.on('error', reject);
    req.end(body);
  });
}
