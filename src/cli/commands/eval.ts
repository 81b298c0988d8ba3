/**
 * `medassist eval FILE.jsonl`: runs cases in the neutral format (../shared/cases/VOCABULARY.md)
 * and prints, per case, expected against got, then `N passed, M failed`.
 */
import { readFileSync } from 'node:fs';
import type { Command } from 'commander';
import { evaluateCases, formatEvalLine, loadExceptions } from '../../clinic/eval/run-eval.js';
import { InputError } from '../../shared/errors.js';
import { PACKAGE_ROOT } from '../context.js';

const DEFAULT_EXCEPTIONS = `${PACKAGE_ROOT}content/eval/visible-exceptions.json`;

export function registerEvalCommand(program: Command): void {
  program
    .command('eval')
    .description(
      'run a file of cases in the neutral format and compare with their expected answers',
    )
    .argument('<file>', 'JSON Lines file of cases, or - for standard input')
    .option(
      '--exceptions <file>',
      'reviewed exceptions (edition differences, source errors)',
      DEFAULT_EXCEPTIONS,
    )
    .option('--format <format>', 'text or json', 'text')
    .action((file: string, flags: { exceptions: string; format: string }) => {
      let text: string;
      try {
        text = file === '-' ? readFileSync(0, 'utf8') : readFileSync(file, 'utf8');
      } catch (cause) {
        throw new InputError([{ field: 'FILE', message: `cannot read [${file}]` }], { cause });
      }
      const summary = evaluateCases(text, loadExceptions(flags.exceptions));
      if (flags.format === 'json') {
        process.stdout.write(`${JSON.stringify(summary, null, 2)}\n`);
      } else {
        for (const line of summary.results) process.stdout.write(`${formatEvalLine(line)}\n`);
        if (summary.exceptions > 0) {
          process.stdout.write(
            `(${summary.exceptions} passed as reviewed exceptions, listed above)\n`,
          );
        }
        process.stdout.write(`${summary.passed} passed, ${summary.failed} failed\n`);
      }
      if (summary.failed > 0) process.exitCode = 1;
    });
}
