/**
 * Starting a coordinator from the command line's choices: a region map file, else
 * DATABASE_URL, else an embedded PGlite in a data folder (one command, a working cloud).
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { FastifyInstance } from 'fastify';
import { readCloudSecret } from './auth/cloud-secret.js';
import { openShards, readRegionMap, type RegionMap, type Shards } from './db/shards.js';
import { buildCoordinator, type CoordinatorExtension } from './coordinator/server.js';
import { createReleaseExtension } from './releases/extension.js';

export interface DatabaseChoice {
  configFile?: string;
  databaseUrl?: string;
  dataDir?: string;
}

export interface StartOptions extends DatabaseChoice {
  host: string;
  port: number;
  tlsCert?: string;
  tlsKey?: string;
  clientCa?: string;
  /** With `clientCa`: refuse, in the TLS handshake, clients without a certificate from it. */
  requireClientCert?: boolean;
  releaseKeys?: Record<string, string>;
  extensions?: CoordinatorExtension[];
  logLevel?: string;
  /** The key file wrapping the token signing keys; else MEDASSIST_CLOUD_SECRET(_FILE). */
  secretFile?: string;
}

/** Which databases: the region map, DATABASE_URL, or PGlite under the data folder. */
export function regionMapFor(choice: DatabaseChoice, home: string): RegionMap {
  if (choice.configFile) return readRegionMap(choice.configFile);
  if (choice.databaseUrl) return { regions: {}, default: choice.databaseUrl };
  return { regions: {}, default: `pglite:${choice.dataDir ?? join(home, 'cloud-data')}` };
}

export interface RunningCoordinator {
  app: FastifyInstance;
  shards: Shards;
  url: string;
  close(): Promise<void>;
}

export async function startCoordinator(o: StartOptions, home: string): Promise<RunningCoordinator> {
  // Read before the databases open: a bad secret fails the start with nothing touched.
  const secret = readCloudSecret(o.secretFile ? { secretFile: o.secretFile } : {});
  const shards = await openShards(regionMapFor(o, home));
  const tls =
    o.tlsCert && o.tlsKey
      ? {
          cert: readFileSync(o.tlsCert),
          key: readFileSync(o.tlsKey),
          ...(o.clientCa ? { clientCa: readFileSync(o.clientCa) } : {}),
          ...(o.requireClientCert ? { requireClientCert: true } : {}),
        }
      : undefined;
  let app: FastifyInstance;
  try {
    app = await buildCoordinator({
      shards,
      secret,
      logger: { level: o.logLevel ?? 'info' },
      ...(tls ? { tls } : {}),
      ...(o.releaseKeys ? { releaseKeys: o.releaseKeys } : {}),
      // Releases are not regional data: one repository, in the default database.
      extensions: [createReleaseExtension({ sql: shards.global }), ...(o.extensions ?? [])],
    });
  } catch (error) {
    await shards.close();
    throw error;
  }
  const address = await app.listen({ host: o.host, port: o.port });
  return {
    app,
    shards,
    url: address,
    close: async () => {
      await app.close();
      await shards.close();
    },
  };
}
