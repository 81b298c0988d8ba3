/**
 * `medassist edge serve --upstream URL`: the regional edge, serving releases, blobs and its
 * region's alerts from a disk cache until stopped (SIGINT/SIGTERM). Listens on 127.0.0.1
 * unless `--host` says otherwise; the upstream has no default, so nothing is contacted unasked.
 */
import { readFileSync } from 'node:fs';

import type { Command } from 'commander';

import { InputError } from '../../shared/errors.js';
import { tlsPathsFromFlags } from '../../shared/tls/tls-files.js';
import { createTlsTransport } from '../../shared/tls/transport.js';

interface EdgeFlags {
  upstream: string;
  data?: string;
  region: string;
  host: string;
  port: string;
  channel: string[];
  latestTtl: string;
  poll: string;
  releaseKeys?: string;
  tlsCert?: string;
  tlsKey?: string;
  ca?: string;
  clientCert?: string;
  clientKey?: string;
}

export interface EdgeCommandDeps {
  /** Default data folder, e.g. `<MEDASSIST_HOME>/edge`. */
  readonly defaultDataDir: () => string;
  /** Resolves when the edge should stop (default: SIGINT or SIGTERM). */
  readonly untilStopped?: () => Promise<void>;
  readonly onListening?: (url: string) => void;
}

const untilSignal = () =>
  new Promise<void>((resolve) => {
    process.once('SIGINT', () => resolve());
    process.once('SIGTERM', () => resolve());
  });

function parseSeconds(field: string, text: string): number {
  if (!/^\d{1,6}$/.test(text))
    throw new InputError([{ field, message: `whole seconds [${text}]` }]);
  return Number(text) * 1000;
}

function parseUpstream(text: string): string {
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    throw new InputError([{ field: '--upstream', message: `not a URL [${text}]` }]);
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:')
    throw new InputError([{ field: '--upstream', message: `http or https only [${text}]` }]);
  return url.toString().replace(/\/+$/, '');
}

/** The edge's own certificate and key (PEM), both or neither. */
function readServerTls(flags: EdgeFlags): { cert: Buffer; key: Buffer } | null {
  if (flags.tlsCert === undefined && flags.tlsKey === undefined) return null;
  if (flags.tlsCert === undefined || flags.tlsKey === undefined)
    throw new InputError([
      {
        field: flags.tlsCert === undefined ? '--tls-cert' : '--tls-key',
        message: `a certificate and its key go together [${flags.tlsCert ?? flags.tlsKey}]`,
      },
    ]);
  const read = (field: string, path: string) => {
    try {
      return readFileSync(path);
    } catch {
      throw new InputError([{ field, message: `cannot read the file [${path}]` }]);
    }
  };
  return { cert: read('--tls-cert', flags.tlsCert), key: read('--tls-key', flags.tlsKey) };
}

/** Reads a JSON file mapping release key ids to public keys; names the flag on error. */
export function readReleaseKeys(path: string): Record<string, string> {
  const field = '--release-keys';
  let json: unknown;
  try {
    json = JSON.parse(readFileSync(path, 'utf8'));
  } catch {
    throw new InputError([{ field, message: `not a readable JSON file [${path}]` }]);
  }
  const ok =
    typeof json === 'object' &&
    json !== null &&
    !Array.isArray(json) &&
    Object.values(json).every((v) => typeof v === 'string');
  if (!ok) throw new InputError([{ field, message: `must map key ids to public keys [${path}]` }]);
  return json as Record<string, string>;
}

export function registerEdgeCommand(program: Command, deps: EdgeCommandDeps): void {
  const edge = program
    .command('edge')
    .description('the regional edge (cache of releases and alerts)');
  edge
    .command('serve')
    .description('serve releases, blobs and region alerts from a cache, upstream when missing')
    .requiredOption('--upstream <url>', 'the cloud coordinator (or another edge)')
    .option('--data <dir>', 'cache folder')
    .option('--region <region>', 'region whose alerts this edge aggregates', 'default')
    .option('--host <host>', 'address to listen on', '127.0.0.1')
    .option('--port <port>', 'port (0: any free port)', '8490')
    .option('--channel <name...>', 'release channels to prefetch', ['stable'])
    .option('--latest-ttl <s>', 'seconds the latest pointer is served before revalidation', '30')
    .option('--poll <s>', 'seconds between prefetch and alerts polls', '30')
    .option('--tls-cert <file>', 'serve HTTPS with this certificate (PEM)')
    .option('--tls-key <file>', 'the key of --tls-cert (PEM)')
    .option('--ca <file>', 'CA (PEM) that signed the upstream certificate, if private')
    .option('--client-cert <file>', 'client certificate (PEM) for an upstream with mutual TLS')
    .option('--client-key <file>', 'its key (PEM, mode 600)')
    .option('--release-keys <file>', 'JSON {keyId: publicKey}: cache only releases they signed')
    .action(async (flags: EdgeFlags, command: Command) => {
      if (!/^\d+$/.test(flags.port) || Number(flags.port) > 65535)
        throw new InputError([
          { field: '--port', message: `must be a port number [${flags.port}]` },
        ]);
      const tls = readServerTls(flags);
      const upstreamTls = tlsPathsFromFlags(flags);
      const { createEdge } = await import('../../cloud/edge/index.js');
      const token = process.env.MEDASSIST_EDGE_TOKEN;
      const transport = createTlsTransport(upstreamTls ?? undefined, {
        setWith: 'medassist edge serve',
      });
      const instance = createEdge({
        upstream: parseUpstream(flags.upstream),
        dataDir: flags.data ?? deps.defaultDataDir(),
        region: flags.region,
        channels: flags.channel,
        latestTtlMs: parseSeconds('--latest-ttl', flags.latestTtl),
        alertsPollMs: Math.max(1000, parseSeconds('--poll', flags.poll)),
        ...(token ? { upstreamToken: token } : {}),
        ...(tls ? { tls } : {}),
        upstreamFetch: transport.fetch,
        ...(flags.releaseKeys ? { releaseKeys: readReleaseKeys(flags.releaseKeys) } : {}),
        logger: true,
      });
      const url = await instance.app.listen({ host: flags.host, port: Number(flags.port) });
      instance.startBackground();
      let root = command;
      while (root.parent) root = root.parent;
      root.configureOutput().writeOut?.(`edge listening on ${url}\n`);
      deps.onListening?.(url);
      await (deps.untilStopped ?? untilSignal)();
      await instance.close();
      await transport.close();
    });
}
