/**
 * The `medassist` command. Thin: every command calls the modules below it. Errors are mapped
 * to exit codes in one place: bad input 2, anything else 1.
 */
import { Command, CommanderError } from 'commander';
import { InputError, MedAssistError } from '../shared/errors.js';
import { registerCalcCommand } from './commands/calc.js';
import { registerConsultCommand } from './commands/consult.js';
import { registerEvalCommand } from './commands/eval.js';
import { registerKbCommand } from './commands/kb.js';
import { registerSchemaCommand } from './commands/schema.js';
import { registerSearchCommand } from './commands/search.js';
import { CONTENT_DIR, kbPath } from './context.js';
import { knowledgeDbPath } from '../clinic/paths.js';
import { home } from './context.js';

export function createProgram(): Command {
  const program = new Command('medassist')
    .description('Offline clinical decision support (WHO IMCI) for health posts and clinics')
    .version('0.1.0')
    .exitOverride()
    .configureOutput({
      writeOut: (s) => process.stdout.write(s),
      writeErr: (s) => process.stderr.write(s),
    });
  registerConsultCommand(program);
  registerEvalCommand(program);
  registerSchemaCommand(program);
  registerCalcCommand(program);
  registerKbCommand(program, {
    defaultKbPath: () => knowledgeDbPath(home()),
    contentDir: () => CONTENT_DIR,
  });
  registerSearchCommand(program, { kbPath });
  return program;
}

function report(error: unknown): number {
  if (error instanceof CommanderError) {
    if (error.code === 'commander.helpDisplayed' || error.code === 'commander.version') return 0;
    if (error.code === 'commander.help') return 0;
    return 2;
  }
  if (error instanceof InputError) {
    for (const issue of error.issues)
      process.stderr.write(`error: ${issue.field}: ${issue.message}\n`);
    return 2;
  }
  if (error instanceof MedAssistError) {
    process.stderr.write(`error [${error.code}]: ${error.message}\n`);
    return 1;
  }
  process.stderr.write(`error: ${error instanceof Error ? error.message : String(error)}\n`);
  return 1;
}

/** Runs the CLI; returns the exit code. */
export async function main(argv: readonly string[]): Promise<number> {
  try {
    await createProgram().parseAsync([...argv]);
    return typeof process.exitCode === 'number' ? process.exitCode : 0;
  } catch (error) {
    return report(error);
  }
}
