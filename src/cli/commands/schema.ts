/**
 * `medassist schema`: prints the JSON Schema (draft 2020-12) of a case, so that forms, other
 * tools and people writing cases by hand can check their input before a consult.
 */
import type { Command } from 'commander';
import { caseJsonSchema } from '../../clinical/case/index.js';

/** Where the command writes; stdout unless a test passes its own sink. */
export interface SchemaCommandOutput {
  write(text: string): void;
}

const STDOUT: SchemaCommandOutput = { write: (text) => void process.stdout.write(text) };

/** Adds `medassist schema` to the program and returns the new sub-command. */
export function registerSchemaCommand(
  program: Command,
  output: SchemaCommandOutput = STDOUT,
): Command {
  return program
    .command('schema')
    .description('print the JSON Schema of a case (neutral IMCI case format) to stdout')
    .action(() => {
      output.write(`${JSON.stringify(caseJsonSchema(), null, 2)}\n`);
    });
}
