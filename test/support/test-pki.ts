/**
 * A throwaway PKI made with the openssl CLI for the mutual TLS tests: CAs, a server
 * certificate for 127.0.0.1 and client certificates (subject CN = clinic id), Ed25519 keys,
 * valid one day, in a temp folder. Key files are mode 600, as the clinic requires.
 */
import { execFileSync } from 'node:child_process';
import { chmodSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/** Whether the openssl CLI is installed; tests skip with this reason when it is not. */
export const hasOpenssl = (() => {
  try {
    execFileSync('openssl', ['version'], { stdio: 'pipe' });
    return true;
  } catch {
    return false;
  }
})();

export const NO_OPENSSL = 'openssl CLI not installed';

export interface TestPki {
  readonly dir: string;
  /** A self-signed CA: `<name>.crt` and `<name>.key`. */
  makeCa(name: string): void;
  /**
   * A certificate for `cn` signed by CA `ca`; a server one carries an IP SAN of 127.0.0.1.
   * `days` 0 makes one that expires the second it is made.
   */
  makeCert(name: string, cn: string, ca: string, server?: boolean, days?: number): void;
  /** The path of a file of the PKI, e.g. `path('ca.crt')`. */
  path(file: string): string;
  file(file: string): Buffer;
  remove(): void;
}

export function createTestPki(): TestPki {
  const dir = mkdtempSync(join(tmpdir(), 'medassist-pki-'));
  const openssl = (...args: string[]) => execFileSync('openssl', args, { cwd: dir, stdio: 'pipe' });
  const newKey = (name: string) =>
    ['-newkey', 'ed25519', '-nodes', '-keyout', `${name}.key`] as const;

  return {
    dir,
    makeCa(name) {
      openssl(
        'req',
        '-x509',
        ...newKey(name),
        '-out',
        `${name}.crt`,
        '-subj',
        `/CN=${name}`,
        '-days',
        '1',
      );
      chmodSync(join(dir, `${name}.key`), 0o600);
    },
    makeCert(name, cn, ca, server = false, days = 1) {
      openssl('req', ...newKey(name), '-out', `${name}.csr`, '-subj', `/CN=${cn}`);
      chmodSync(join(dir, `${name}.key`), 0o600);
      const ext = join(dir, `${name}.ext`);
      writeFileSync(
        ext,
        server ? 'subjectAltName=IP:127.0.0.1\n' : 'extendedKeyUsage=clientAuth\n',
      );
      openssl(
        'x509',
        '-req',
        '-in',
        `${name}.csr`,
        '-CA',
        `${ca}.crt`,
        '-CAkey',
        `${ca}.key`,
        '-CAcreateserial',
        '-out',
        `${name}.crt`,
        '-days',
        String(days),
        '-extfile',
        ext,
      );
    },
    path: (file) => join(dir, file),
    file: (file) => readFileSync(join(dir, file)),
    remove: () => rmSync(dir, { recursive: true, force: true }),
  };
}
