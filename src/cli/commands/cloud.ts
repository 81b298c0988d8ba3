/**
 * `medassist cloud serve | enrol | revoke | alert | operator | rotate-token-key`: the cloud coordinator and its operator
 * commands. The operator commands work on the database directly (same choice of database as
 * serve); with the embedded PGlite, stop the server first, since PGlite allows one process.
 */
import type { Command } from 'commander';
import { InputError } from '../../shared/errors.js';
import { cloudDataHome } from '../context.js';

interface DbFlags {
  config?: string;
  data?: string;
}

function withDbOptions(command: Command): Command {
  return command
    .option(
      '--config <file>',
      'region map JSON: { "regions": { "<region>": "<url>" }, "default": "<url>" }',
    )
    .option('--data <dir>', 'embedded PGlite folder when neither --config nor DATABASE_URL is set');
}

function choice(flags: DbFlags) {
  const databaseUrl = process.env.DATABASE_URL;
  return {
    ...(flags.config ? { configFile: flags.config } : {}),
    ...(databaseUrl ? { databaseUrl } : {}),
    ...(flags.data ? { dataDir: flags.data } : {}),
  };
}

async function withShards<T>(
  flags: DbFlags,
  fn: (s: import('../../cloud/db/shards.js').Shards) => Promise<T>,
) {
  const [{ openShards }, { regionMapFor }] = await Promise.all([
    import('../../cloud/db/shards.js'),
    import('../../cloud/serve.js'),
  ]);
  const shards = await openShards(regionMapFor(choice(flags), cloudDataHome()));
  try {
    return await fn(shards);
  } finally {
    await shards.close();
  }
}

function parsePort(port: string): number {
  if (!/^\d+$/.test(port) || Number(port) > 65535) {
    throw new InputError([{ field: '--port', message: `must be a port number [${port}]` }]);
  }
  return Number(port);
}

interface ServeFlags extends DbFlags {
  host: string;
  port: string;
  tlsCert?: string;
  tlsKey?: string;
  clientCa?: string;
  requireClientCert?: boolean;
  releaseKeys?: string;
  modelGateway?: string;
  secretFile?: string;
}

/** The model gateway extension when `--model-gateway FILE` is given (issue 5). */
async function extensionsFor(flags: ServeFlags) {
  if (!flags.modelGateway) return {};
  const gateway = await import('../../cloud/model-gateway/index.js');
  const config = gateway.readGatewayConfig(flags.modelGateway);
  return { extensions: [gateway.modelGatewayExtension(config)] };
}

const SECRET_FILE_HELP =
  'key file (32+ bytes) wrapping the token signing keys at rest; else ' +
  'MEDASSIST_CLOUD_SECRET_FILE or MEDASSIST_CLOUD_SECRET';

function registerServe(cloud: Command): void {
  withDbOptions(
    cloud
      .command('serve')
      .description('run a coordinator instance (stateless: run as many as needed)'),
  )
    .option('--host <host>', 'address to listen on', '127.0.0.1')
    .option('--port <port>', 'port (0: any free port)', '8480')
    .option('--tls-cert <file>', 'TLS certificate (PEM)')
    .option('--tls-key <file>', 'TLS private key (PEM)')
    .option(
      '--client-ca <file>',
      'CA (PEM) whose client certificates authenticate clinics (mutual TLS)',
    )
    .option(
      '--require-client-cert',
      'refuse clients without a certificate from --client-ca, in the TLS handshake',
    )
    .option(
      '--release-keys <file>',
      'JSON {keyId: publicKey} of the release signing keys, given to clinics at registration',
    )
    .option('--model-gateway <file>', 'JSON: upstream model servers of the escalation endpoint')
    .option('--secret-file <file>', SECRET_FILE_HELP)
    .action(async (flags: ServeFlags) => {
      if (Boolean(flags.tlsCert) !== Boolean(flags.tlsKey) || (flags.clientCa && !flags.tlsCert)) {
        throw new InputError([
          { field: '--tls-cert', message: 'needs --tls-key (and --client-ca needs both)' },
        ]);
      }
      if (flags.requireClientCert && !flags.clientCa) {
        throw new InputError([
          { field: '--require-client-cert', message: 'needs --client-ca FILE [missing]' },
        ]);
      }
      const { startCoordinator } = await import('../../cloud/serve.js');
      const { readReleaseKeys } = await import('./edge.js');
      const running = await startCoordinator(
        {
          ...choice(flags),
          host: flags.host,
          port: parsePort(flags.port),
          ...(flags.tlsCert ? { tlsCert: flags.tlsCert } : {}),
          ...(flags.tlsKey ? { tlsKey: flags.tlsKey } : {}),
          ...(flags.clientCa ? { clientCa: flags.clientCa } : {}),
          ...(flags.requireClientCert ? { requireClientCert: true } : {}),
          ...(flags.releaseKeys ? { releaseKeys: readReleaseKeys(flags.releaseKeys) } : {}),
          ...(await extensionsFor(flags)),
          ...(flags.secretFile ? { secretFile: flags.secretFile } : {}),
        },
        cloudDataHome(),
      );
      process.stdout.write(`coordinator listening on ${running.url}\n`);
      await new Promise<void>((resolve) => {
        const stop = () => void running.close().then(resolve, resolve);
        process.once('SIGINT', stop);
        process.once('SIGTERM', stop);
      });
    });
}

function registerOperatorCommands(cloud: Command): void {
  withDbOptions(
    cloud.command('enrol').description('print a one-time enrolment token for a clinic of a region'),
  )
    .requiredOption('--region <region>', 'the region the clinic belongs to')
    .option('--days <n>', 'days until the token expires', '7')
    .action(async (flags: DbFlags & { region: string; days: string }) => {
      const days = Number(flags.days);
      if (!(days > 0 && days <= 90))
        throw new InputError([{ field: '--days', message: `must be 1 to 90 [${flags.days}]` }]);
      const { createEnrolmentToken } = await import('../../cloud/auth/enrolment.js');
      const made = await withShards(flags, (s) =>
        createEnrolmentToken(s.global, flags.region, days * 86400_000),
      );
      process.stdout.write(`${made.token}\n`);
      process.stderr.write(
        `single use, region ${flags.region}, expires ${made.expiresAt.toISOString()}\n`,
      );
    });

  withDbOptions(
    cloud.command('revoke').description('revoke a clinic: no new tokens, live tokens refused'),
  )
    .argument('<clinicId>')
    .action(async (clinicId: string, flags: DbFlags) => {
      const { revokeClinic } = await import('../../cloud/auth/enrolment.js');
      const found = await withShards(flags, (s) => revokeClinic(s.global, clinicId));
      if (!found)
        throw new InputError([{ field: 'clinicId', message: `no such clinic [${clinicId}]` }]);
      process.stdout.write(`revoked ${clinicId}\n`);
    });

  withDbOptions(cloud.command('alert').description('issue an alert to the clinics of a region'))
    .requiredOption('--region <region>', 'region')
    .requiredOption('--title <title>', 'short title')
    .option('--body <text>', 'what to do', '')
    .option('--severity <level>', 'info | warning | critical', 'warning')
    .action(
      async (
        flags: DbFlags & { region: string; title: string; body: string; severity: string },
      ) => {
        if (!['info', 'warning', 'critical'].includes(flags.severity)) {
          throw new InputError([
            {
              field: '--severity',
              message: `must be info, warning or critical [${flags.severity}]`,
            },
          ]);
        }
        const { insertAlert } = await import('../../cloud/alerts/alert-store.js');
        const id = await withShards(flags, (s) =>
          insertAlert(s.forRegion(flags.region), {
            region: flags.region,
            severity: flags.severity as 'info',
            title: flags.title.slice(0, 200),
            body: flags.body.slice(0, 2000),
          }),
        );
        process.stdout.write(`alert ${id ?? '?'} issued\n`);
      },
    );
}

/** The new password: MEDASSIST_OPERATOR_PASSWORD, else asked twice on a terminal. */
async function newOperatorPassword(): Promise<string> {
  const fromEnv = process.env.MEDASSIST_OPERATOR_PASSWORD;
  if (fromEnv !== undefined) return fromEnv;
  const { ask, canPrompt } = await import('../prompt.js');
  if (!canPrompt())
    throw new InputError([
      { field: 'password', message: 'set MEDASSIST_OPERATOR_PASSWORD (no terminal to ask on)' },
    ]);
  const first = await ask('New operator password: ', true);
  if ((await ask('Again: ', true)) !== first)
    throw new InputError([{ field: 'password', message: 'the two entries differ' }]);
  return first;
}

function registerOperatorAccounts(cloud: Command): void {
  const operator = cloud.command('operator').description('operator accounts of the dashboard');
  withDbOptions(operator.command('add').description('create an operator, or set a new password'))
    .argument('<name>')
    .action(async (name: string, flags: DbFlags) => {
      const password = await newOperatorPassword();
      const { setOperator } = await import('../../cloud/auth/operators.js');
      await withShards(flags, (s) => setOperator(s.global, name, password));
      process.stdout.write(`operator ${name} can sign in to /dashboard\n`);
    });
  withDbOptions(operator.command('remove').description('remove an operator account'))
    .argument('<name>')
    .action(async (name: string, flags: DbFlags) => {
      const { removeOperator } = await import('../../cloud/auth/operators.js');
      if (!(await withShards(flags, (s) => removeOperator(s.global, name))))
        throw new InputError([{ field: 'name', message: `no such operator [${name}]` }]);
      process.stdout.write(`removed operator ${name}\n`);
    });
}

function registerRotateTokenKey(cloud: Command): void {
  withDbOptions(
    cloud
      .command('rotate-token-key')
      .description('add a token signing key that signs from now on; retire the older ones'),
  )
    .option('--secret-file <file>', SECRET_FILE_HELP)
    .option(
      '--retire-after <duration>',
      'when the older keys stop verifying: 0 (now: a stolen key), 90s, 20m, 2h, 1d',
      '20m',
    )
    .action(async (flags: DbFlags & { secretFile?: string; retireAfter: string }) => {
      const [rotation, { readCloudSecret }] = await Promise.all([
        import('../../cloud/auth/rotate-token-key.js'),
        import('../../cloud/auth/cloud-secret.js'),
      ]);
      const retireAfterMs = rotation.parseRetireAfter(flags.retireAfter);
      const secret = readCloudSecret(flags.secretFile ? { secretFile: flags.secretFile } : {});
      const done = await withShards(flags, (s) =>
        rotation.rotateTokenKey(s.global, secret, retireAfterMs),
      );
      process.stdout.write(`token signing key ${done.kid} signs from now on\n`);
      for (const old of done.retiring)
        process.stdout.write(`key ${old.kid} retires in ${Math.round(old.inMs / 1000)} s\n`);
      if (!secret) process.stderr.write('warning: the keys are stored in the clear (no secret)\n');
    });
}

export function registerCloudCommand(program: Command): void {
  const cloud = program.command('cloud').description('the cloud coordinator');
  registerServe(cloud);
  registerOperatorCommands(cloud);
  registerOperatorAccounts(cloud);
  registerRotateTokenKey(cloud);
}
