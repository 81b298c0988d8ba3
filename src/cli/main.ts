/**
 * The `medassist` command. Thin: every command calls the modules below it. Errors are mapped
 * to exit codes in one place: bad input 2, anything else 1.
 */
import { Command, CommanderError } from 'commander';
import { InputError, MedAssistError } from '../shared/errors.js';

type Register = (program: Command) => void;

/** The local llama.cpp engine, loaded only when a command uses a model. */
const createLocalEngine = async (o: { modelPath: string; threads: number; timeoutMs: number }) =>
  (await import('../inference/llama/llama-engine.js')).createLlamaEngine(o);

// Each command is loaded only when it runs, so `medassist consult` does not pay for the
// calculators or the knowledge compiler at start-up (the whole process must stay under 400 ms).
const COMMANDS: Readonly<Record<string, () => Promise<Register>>> = {
  consult: async () => {
    const { registerConsultCommand } = await import('./commands/consult.js');
    return (program) => registerConsultCommand(program, createLocalEngine);
  },
  eval: async () => (await import('./commands/eval.js')).registerEvalCommand,
  schema: async () => (await import('./commands/schema.js')).registerSchemaCommand,
  calc: async () => (await import('./commands/calc.js')).registerCalcCommand,
  kb: async () => {
    const [{ registerKbCommand }, { registerKbPublishCommands }, context, paths] =
      await Promise.all([
        import('./commands/kb.js'),
        import('./commands/kb-publish.js'),
        import('./context.js'),
        import('../clinic/paths.js'),
      ]);
    return (program) => {
      const kb = registerKbCommand(program, {
        defaultKbPath: () => paths.knowledgeDbPath(context.home()),
        contentDir: () => context.CONTENT_DIR,
        activeKbPath: context.kbPath,
      });
      registerKbPublishCommands(kb, { contentDir: () => context.CONTENT_DIR });
    };
  },
  setup: async () => (await import('./commands/setup.js')).registerSetupCommand,
  clinic: async () => {
    const { registerClinicCommand } = await import('./commands/clinic-serve.js');
    return (program) => registerClinicCommand(program, createLocalEngine);
  },
  doctor: async () => (await import('./commands/doctor.js')).registerDoctorCommand,
  login: async () => (await import('./commands/users.js')).registerUserCommands,
  patient: async () => (await import('./commands/patients.js')).registerPatientCommands,
  backup: async () => {
    const [{ registerBackupCommand }, context, clinicContext, auth, audit, config] =
      await Promise.all([
        import('./commands/backup.js'),
        import('./context.js'),
        import('./clinic-context.js'),
        import('../clinic/auth/index.js'),
        import('../clinic/audit/index.js'),
        import('../clinic/config.js'),
      ]);
    /** Checks the signed-in user for `action` and audits the outcome, refusals included. */
    const authorize = (action: 'backup.create' | 'backup.restore' | 'backup.verify') =>
      clinicContext.withClinic({}, (clinic) => {
        const session = clinicContext.requireSession(clinic);
        const allowed = auth.can(session.role, action);
        audit.appendAudit(clinic.store.db, {
          at: new Date(),
          userId: session.userId,
          role: session.role,
          action,
          entityType: 'backup',
          outcome: allowed ? 'ok' : 'denied',
        });
        auth.assertCan(session, action);
        return clinic.dataKey;
      });
    return (program) =>
      registerBackupCommand(program, {
        home: context.home,
        unlock: async () => {
          const passphrase = process.env.MEDASSIST_PASSPHRASE;
          if (!passphrase) {
            throw new InputError([
              {
                field: 'MEDASSIST_PASSPHRASE',
                message: 'backups are encrypted with the clinic passphrase: set it',
              },
            ]);
          }
          return { dataKey: await authorize('backup.create'), passphrase };
        },
        authorizeRestore: async () => {
          await authorize('backup.restore');
        },
        // A backup file can be checked on a machine without a clinic; in a clinic, by role.
        authorizeVerify: async () => {
          if (config.isSetUp(context.home())) await authorize('backup.verify');
        },
      });
  },
  search: async () => {
    const [{ registerSearchCommand }, { kbPath }] = await Promise.all([
      import('./commands/search.js'),
      import('./context.js'),
    ]);
    return (program) => registerSearchCommand(program, { kbPath });
  },
  register: async () => (await import('./commands/register.js')).registerRegisterCommand,
  sync: async () => (await import('./commands/sync.js')).registerSyncCommand,
  model: async () => {
    const { registerModelCommand } = await import('./commands/model.js');
    return (program) => registerModelCommand(program, { createEngine: createLocalEngine });
  },
  cloud: async () => (await import('./commands/cloud.js')).registerCloudCommand,
  edge: async () => {
    const [{ registerEdgeCommand }, context] = await Promise.all([
      import('./commands/edge.js'),
      import('./context.js'),
    ]);
    return (program) =>
      registerEdgeCommand(program, { defaultDataDir: () => `${context.home()}/edge` });
  },
};

// Commands registered together by one module.
const ALIASES: Readonly<Record<string, string>> = {
  logout: 'login',
  users: 'login',
  audit: 'login',
  passphrase: 'login',
  history: 'patient',
};

/** Builds the program with the named command only, or with every command (for help). */
export async function createProgram(only?: string): Promise<Command> {
  const program = new Command('medassist')
    .description('Offline clinical decision support (WHO IMCI) for health posts and clinics')
    .version('0.1.0')
    .exitOverride()
    .configureOutput({
      writeOut: (s) => process.stdout.write(s),
      writeErr: (s) => process.stderr.write(s),
    });
  const wanted = only === undefined ? undefined : (ALIASES[only] ?? only);
  const names = wanted !== undefined && wanted in COMMANDS ? [wanted] : Object.keys(COMMANDS);
  for (const name of names) {
    const load = COMMANDS[name];
    if (load) (await load())(program);
  }
  return program;
}

/** Control characters of user input are shown escaped, never sent to the terminal. */
function safe(text: string): string {
  let out = '';
  for (const c of text) {
    const code = c.charCodeAt(0);
    const control = (code < 0x20 && c !== '\n' && c !== '\t') || (code >= 0x7f && code <= 0x9f);
    out += control ? `\\x${code.toString(16).padStart(2, '0')}` : c;
  }
  return out;
}

function report(error: unknown): number {
  if (error instanceof CommanderError) {
    if (error.code === 'commander.helpDisplayed' || error.code === 'commander.version') return 0;
    if (error.code === 'commander.help') return 0;
    return 2;
  }
  if (error instanceof InputError) {
    for (const issue of error.issues) {
      process.stderr.write(safe(`error: ${issue.field}: ${issue.message}\n`));
    }
    return 2;
  }
  if (error instanceof MedAssistError) {
    process.stderr.write(safe(`error [${error.code}]: ${error.message}\n`));
    return 1;
  }
  process.stderr.write(safe(`error: ${error instanceof Error ? error.message : String(error)}\n`));
  return 1;
}

/** Runs the CLI; returns the exit code. */
export async function main(argv: readonly string[]): Promise<number> {
  try {
    const program = await createProgram(argv[2]);
    await program.parseAsync([...argv]);
    return typeof process.exitCode === 'number' ? process.exitCode : 0;
  } catch (error) {
    return report(error);
  }
}
