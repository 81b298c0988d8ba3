/**
 * The one transport of every clinic request to the cloud and the edge (sync, probe,
 * registration, knowledge download, model escalation), and of the edge's requests to its
 * upstream: a `fetch`-compatible function built from TLS files (the clinic's config
 * `sync.tls`, the edge's flags). Without TLS files it is Node's global fetch, unchanged.
 *
 * With them, requests go through an undici `Agent` whose connections carry the private CA
 * and the client certificate. Node 20's global fetch is undici 6.24.1, and on this machine it
 * accepts an `Agent` of the npm undici 6.24.1 as its `dispatcher`; we still call the npm
 * package's own `fetch`, because the dispatcher contract between a fetch and an Agent is
 * internal to undici and changed in its major 7 (bundled by later Node releases): a fetch and
 * an Agent from the same package agree whatever Node the clinic runs. undici is loaded on the
 * first request, so clinics without TLS files never load it.
 */
import { statSync } from 'node:fs';
import { MedAssistError } from '../errors.js';
import { loadTlsMaterial, type TlsMaterial, type TlsPaths } from './tls-files.js';

/** The part of `fetch` the clinic uses: a URL string and an init. */
export type FetchLike = (url: string, init?: RequestInit) => Promise<Response>;

/** The command that sets the TLS files, for the hint in an error message. */
export interface TransportOptions {
  setWith?: string;
}

const CLINIC_SETTING = 'medassist sync tls';

export interface TlsTransport {
  fetch: FetchLike;
  /** Whether a client certificate is presented (for messages). */
  readonly clientCertificate: boolean;
  /** Closes pooled connections (a no-op for the global fetch). */
  close(): Promise<void>;
}

/**
 * undici's fetch as the global one with a dispatcher: the same fields under Node's types
 * (undici-types), though not under the DOM's, which the test type-check also loads.
 */
type DispatchingFetch = (
  url: string,
  init: Omit<RequestInit, 'dispatcher'> & { dispatcher: unknown },
) => Promise<Response>;

/** Node's global fetch, looked up at call time. */
export const globalFetch: FetchLike = (url, init) => fetch(url, init);

/** A failure that is about TLS becomes a `MedAssistError` saying so; others pass unchanged. */
function explained(inner: FetchLike, clientCertificate: boolean, setWith: string): FetchLike {
  return async (url, init) => {
    try {
      return await inner(url, init);
    } catch (error) {
      const tls = explainTlsFailure(url, error, { clientCertificate }, setWith);
      if (!tls) throw error;
      throw new MedAssistError(tls.code, tls.message, { cause: error });
    }
  };
}

const PLAIN: TlsTransport = {
  fetch: explained(globalFetch, false, CLINIC_SETTING),
  clientCertificate: false,
  close: () => Promise.resolve(),
};

function hasFiles(paths: TlsPaths | undefined): paths is TlsPaths {
  return paths !== undefined && (paths.ca ?? paths.cert ?? paths.key) !== undefined;
}

/** Reads the files now: a broken setting fails before any request, naming the field. */
function materialOf(paths: TlsPaths): TlsMaterial {
  try {
    return loadTlsMaterial(paths);
  } catch (cause) {
    throw new MedAssistError('SYNC_TLS_CONFIG_INVALID', (cause as Error).message, { cause });
  }
}

/** The transport for these TLS files; the global fetch when there are none. */
export function createTlsTransport(paths?: TlsPaths, o: TransportOptions = {}): TlsTransport {
  if (!hasFiles(paths)) return PLAIN;
  const material = materialOf(paths);
  let loaded: Promise<{ fetch: FetchLike; close(): Promise<void> }> | null = null;

  const load = () =>
    (loaded ??= import('undici').then(({ Agent, fetch: undiciFetch }) => {
      const agent = new Agent({ connect: { ...material } });
      return {
        fetch: (url, init) =>
          (undiciFetch as unknown as DispatchingFetch)(url, { ...init, dispatcher: agent }),
        close: () => agent.close(),
      };
    }));

  const clientCertificate = material.cert !== undefined;
  return {
    fetch: explained(
      async (url, init) => (await load()).fetch(url, init),
      clientCertificate,
      o.setWith ?? CLINIC_SETTING,
    ),
    clientCertificate,
    close: async () => {
      if (loaded) await (await loaded).close();
    },
  };
}

/** Server certificate checks that failed (OpenSSL's and Node's codes). */
const UNTRUSTED = new Set([
  'SELF_SIGNED_CERT_IN_CHAIN',
  'DEPTH_ZERO_SELF_SIGNED_CERT',
  'UNABLE_TO_VERIFY_LEAF_SIGNATURE',
  'UNABLE_TO_GET_ISSUER_CERT',
  'UNABLE_TO_GET_ISSUER_CERT_LOCALLY',
  'CERT_UNTRUSTED',
  'CERT_HAS_EXPIRED',
  'CERT_NOT_YET_VALID',
  'CERT_SIGNATURE_FAILURE',
]);

const CLOSED = new Set(['UND_ERR_SOCKET', 'ECONNRESET', 'EPIPE']);

function causeCodes(error: unknown): string[] {
  const codes: string[] = [];
  for (let e = error; e instanceof Error && codes.length < 5; e = e.cause) {
    const code = (e as { code?: unknown }).code;
    if (typeof code === 'string') codes.push(code);
  }
  return codes;
}

/**
 * What a failed request says about TLS, for the message of its error: the server certificate
 * was not trusted, or an https server closed the connection before answering (over TLS 1.3 a
 * server that refuses the client certificate does so after the handshake, and the client
 * sees only the closed socket). Null when neither.
 */
export function explainTlsFailure(
  url: string,
  error: unknown,
  transport: Pick<TlsTransport, 'clientCertificate'>,
  setWith = CLINIC_SETTING,
): { code: string; message: string } | null {
  const codes = causeCodes(error);
  if (codes.includes('ERR_TLS_CERT_ALTNAME_INVALID'))
    return {
      code: 'SYNC_TLS_UNTRUSTED',
      message:
        `the server certificate of [${url}] does not name this host (ERR_TLS_CERT_ALTNAME_INVALID): ` +
        'it needs a subjectAltName for the host of the URL (IP:127.0.0.1 for an address, DNS:name for a name)',
    };
  const untrusted = codes.find((c) => UNTRUSTED.has(c));
  if (untrusted)
    return {
      code: 'SYNC_TLS_UNTRUSTED',
      message:
        `the server certificate of [${url}] is not trusted (${untrusted}): ` +
        `give the CA that signed it with ${setWith} --ca FILE`,
    };
  if (!url.startsWith('https:')) return null;
  const alert = codes.find((c) => c.startsWith('ERR_SSL_'));
  if (alert || codes.some((c) => CLOSED.has(c)))
    return {
      code: 'SYNC_UNREACHABLE',
      message:
        `[${url}] closed the TLS connection before answering (${alert ?? codes.join(', ')}): ` +
        (transport.clientCertificate
          ? 'if it requires client certificates, the configured one is not from its CA or has expired'
          : `if it requires client certificates, set one with ${setWith} --client-cert FILE --client-key FILE`),
    };
  return null;
}

/**
 * What identifies each file's current content and permissions: its inode, change time and
 * mode. The change time moves on every write, rename or chmod and cannot be set back (unlike
 * the modification time, which cp -p, rsync -t and archives restore), so a renewed
 * certificate, a replaced CA or a key made readable by others gets a new, checked transport.
 */
function stampOf(paths: TlsPaths): string {
  const times = [paths.ca, paths.cert, paths.key].map((p) => {
    try {
      if (p === undefined) return '-';
      const s = statSync(p, { bigint: true });
      return `${s.ino}:${s.ctimeNs}:${s.mtimeNs}:${s.mode}`;
    } catch {
      return 'missing';
    }
  });
  return JSON.stringify([paths.ca, paths.cert, paths.key, ...times]);
}

const cached = new Map<string, { stamp: string; transport: TlsTransport }>();

/**
 * The transport for these paths, made once and kept while the files are unchanged, so a
 * long-running node reuses its TLS connections and picks up a renewed certificate. A
 * replaced transport is closed once its requests have finished (undici's graceful close).
 */
export function transportFor(paths: TlsPaths | undefined): TlsTransport {
  if (!hasFiles(paths)) return PLAIN;
  const key = JSON.stringify([paths.ca, paths.cert, paths.key]);
  const stamp = stampOf(paths);
  const hit = cached.get(key);
  if (hit?.stamp === stamp) return hit.transport;

  const transport = createTlsTransport(paths);
  hit?.transport.close().catch(() => {});
  cached.set(key, { stamp, transport });
  return transport;
}
