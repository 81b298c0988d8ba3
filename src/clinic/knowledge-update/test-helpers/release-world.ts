/**
 * A release source on loopback (fastify + release routes over PGlite, releases v1 and v2 of
 * the fixture knowledge) and real clinics set up in temp folders.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import Fastify, { type FastifyInstance } from 'fastify';

import { registerReleaseRoutes } from '../../../cloud/releases/routes.js';
import { createReleaseFixture, type ReleaseFixture } from '../../../cloud/releases/test-helpers.js';
import { setupClinic, type OpenClinic } from '../../clinic.js';

export interface ReleaseWorld {
  readonly fixture: ReleaseFixture;
  readonly url: string;
  readonly releaseKeys: Record<string, string>;
  /** A new clinic whose installed knowledge DB is a copy of `kbFile`. */
  clinic(kbFile: string): OpenClinic;
  close(): Promise<void>;
}

export async function startReleaseServer(
  fixture: ReleaseFixture,
): Promise<{ app: FastifyInstance; url: string }> {
  const app = Fastify();
  await registerReleaseRoutes(app, fixture.repository);
  const url = await app.listen({ host: '127.0.0.1', port: 0 });
  return { app, url };
}

export interface TestClinics {
  clinic(kbFile: string): OpenClinic;
  close(): void;
}

/** Real clinics (passphrase-wrapped keys, encrypted store) in temp folders. */
export function createTestClinics(): TestClinics {
  const homes: string[] = [];
  const open: OpenClinic[] = [];

  return {
    clinic(kbFile) {
      const home = mkdtempSync(join(tmpdir(), 'medassist-kbupdate-'));
      homes.push(home);
      const clinic = setupClinic(join(home, 'clinic'), {
        secrets: { passphrase: 'release test passphrase' },
        timeZone: 'Africa/Nairobi',
        bundledKb: kbFile,
      });
      open.push(clinic);
      return clinic;
    },
    close() {
      for (const clinic of open) clinic.close();
      for (const home of homes) rmSync(home, { recursive: true, force: true });
    },
  };
}

export async function startReleaseWorld(): Promise<ReleaseWorld> {
  const fixture = await createReleaseFixture();
  const { app, url } = await startReleaseServer(fixture);
  const clinics = createTestClinics();

  return {
    fixture,
    url,
    releaseKeys: { [fixture.key.keyId]: fixture.key.publicKey },
    clinic: (kbFile) => clinics.clinic(kbFile),
    async close() {
      clinics.close();
      await app.close();
      await fixture.close();
    },
  };
}
