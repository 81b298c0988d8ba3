/**
 * TLS files of a client of the cloud (a clinic's config `sync.tls`, an edge's flags): a
 * private CA that makes the coordinator's or edge's server certificate trusted, and a client
 * certificate with its key for mutual TLS (the coordinator reads the clinic id from the
 * certificate's subject CN).
 *
 * Files are checked when they are set (`medassist register`, `medassist sync tls`,
 * `medassist edge serve`) and again
 * each time a transport is built from them, so a renewed or removed file is caught before the
 * first request. The key file is the operator's: it is read, never copied, and its bytes are
 * never in a message. Like ssh with an identity file, a key readable by group or others is
 * refused on POSIX systems.
 */
import { X509Certificate, createPrivateKey, type KeyObject } from 'node:crypto';
import { readFileSync, statSync } from 'node:fs';
import { resolve } from 'node:path';
import { InputError } from '../errors.js';

/** Paths as stored in config.json (absolute). */
export interface TlsPaths {
  ca?: string | undefined;
  cert?: string | undefined;
  key?: string | undefined;
}

/** The file contents, checked: what a TLS connection is given. */
export interface TlsMaterial {
  ca?: Buffer;
  cert?: Buffer;
  key?: Buffer;
}

/** Field names for messages: the config path by default, CLI flags when set from flags. */
export interface TlsFieldNames {
  ca: string;
  cert: string;
  key: string;
}

export const CONFIG_FIELDS: TlsFieldNames = {
  ca: 'sync.tls.ca',
  cert: 'sync.tls.cert',
  key: 'sync.tls.key',
};

export const FLAG_FIELDS: TlsFieldNames = {
  ca: '--ca',
  cert: '--client-cert',
  key: '--client-key',
};

const PEM_CERT = /-----BEGIN CERTIFICATE-----[\s\S]+?-----END CERTIFICATE-----/g;

function fail(field: string, message: string): never {
  throw new InputError([{ field, message }]);
}

function readFile(field: string, path: string): Buffer {
  try {
    return readFileSync(path);
  } catch (cause) {
    const code = (cause as NodeJS.ErrnoException).code ?? 'unreadable';
    throw new InputError([{ field, message: `cannot read the file (${code}) [${path}]` }], {
      cause,
    });
  }
}

/** Every certificate of a PEM file (a CA file may hold several); at least one. */
function parseCertificates(field: string, path: string, pem: Buffer): X509Certificate[] {
  const blocks = pem.toString('utf8').match(PEM_CERT) ?? [];
  if (blocks.length === 0) fail(field, `is not a PEM certificate file [${path}]`);
  return blocks.map((block) => {
    try {
      return new X509Certificate(block);
    } catch {
      return fail(field, `holds a PEM block that is not a valid certificate [${path}]`);
    }
  });
}

/** ssh's rule for identity files: the key is for this user only. */
function assertPrivateMode(field: string, path: string): void {
  if (process.platform === 'win32') return;
  const mode = statSync(path).mode & 0o777;
  if ((mode & 0o077) !== 0)
    fail(
      field,
      `the key file is readable by others (mode ${mode.toString(8).padStart(4, '0')}): ` +
        `run chmod 600 on it [${path}]`,
    );
}

function parseKey(field: string, path: string, pem: Buffer): KeyObject {
  if (!pem.toString('utf8').includes('PRIVATE KEY-----'))
    fail(field, `is not a PEM private key file [${path}]`);
  try {
    return createPrivateKey(pem);
  } catch {
    // The parser's own message is left out: it may quote part of the file.
    return fail(
      field,
      `is not a usable PEM private key (encrypted keys are not supported) [${path}]`,
    );
  }
}

/** Reads and checks the configured files; throws `InputError` naming the field and path. */
export function loadTlsMaterial(
  paths: TlsPaths,
  fields: TlsFieldNames = CONFIG_FIELDS,
): TlsMaterial {
  if ((paths.cert === undefined) !== (paths.key === undefined))
    fail(
      paths.cert === undefined ? fields.cert : fields.key,
      `a client certificate and its key go together [${paths.cert ?? paths.key}]`,
    );
  const material: TlsMaterial = {};
  if (paths.ca !== undefined) {
    material.ca = readFile(fields.ca, paths.ca);
    parseCertificates(fields.ca, paths.ca, material.ca);
  }
  if (paths.cert !== undefined && paths.key !== undefined) {
    material.cert = readFile(fields.cert, paths.cert);
    const [leaf] = parseCertificates(fields.cert, paths.cert, material.cert);
    assertPrivateMode(fields.key, paths.key);
    material.key = readFile(fields.key, paths.key);
    if (!leaf!.checkPrivateKey(parseKey(fields.key, paths.key, material.key)))
      fail(fields.key, `is not the key of the certificate [${paths.cert}] [${paths.key}]`);
  }

  return material;
}

/** Absolute paths of the flags given, checked; none given: null. */
export function tlsPathsFromFlags(flags: {
  ca?: string | undefined;
  clientCert?: string | undefined;
  clientKey?: string | undefined;
}): TlsPaths | null {
  const paths: TlsPaths = {
    ...(flags.ca === undefined ? {} : { ca: resolve(flags.ca) }),
    ...(flags.clientCert === undefined ? {} : { cert: resolve(flags.clientCert) }),
    ...(flags.clientKey === undefined ? {} : { key: resolve(flags.clientKey) }),
  };
  if (Object.keys(paths).length === 0) return null;
  loadTlsMaterial(paths, FLAG_FIELDS);
  return paths;
}

export interface ClientCertificateView {
  subjectCn: string | null;
  validTo: string;
  expired: boolean;
}

/** What `sync status` shows of the client certificate: its CN and expiry, never the key. */
export function describeClientCertificate(certPath: string): ClientCertificateView {
  const pem = readFile(CONFIG_FIELDS.cert, certPath);
  const [leaf] = parseCertificates(CONFIG_FIELDS.cert, certPath, pem);
  const cn = /(?:^|\n)CN=([^\n]*)/.exec(leaf!.subject)?.[1] ?? null;
  const validTo = new Date(leaf!.validTo);

  return { subjectCn: cn, validTo: validTo.toISOString(), expired: validTo < new Date() };
}
