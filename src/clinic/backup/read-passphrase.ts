/**
 * The passphrase for `backup verify` and `backup restore`: MEDASSIST_PASSPHRASE when set
 * (scripts, CI), else a prompt with hidden input on a terminal, else a clear error.
 */
import { InputError } from '../../shared/errors.js';

export interface PassphraseSource {
  env?: NodeJS.ProcessEnv;
  input?: NodeJS.ReadStream;
  output?: NodeJS.WriteStream;
}

export async function readPassphrase(source: PassphraseSource = {}): Promise<string> {
  const env = source.env ?? process.env;
  const input = source.input ?? process.stdin;
  const output = source.output ?? process.stderr;
  const fromEnv = env.MEDASSIST_PASSPHRASE;
  if (fromEnv !== undefined && fromEnv.length > 0) return fromEnv;
  if (input.isTTY !== true || output.isTTY !== true)
    throw new InputError([
      {
        field: 'MEDASSIST_PASSPHRASE',
        message: 'not set, and no terminal to ask for the passphrase',
      },
    ]);
  const typed = await promptHidden(input, output, 'clinic passphrase: ');
  if (typed.length === 0)
    throw new InputError([{ field: 'passphrase', message: 'must not be empty' }]);

  return typed;
}

/** Reads one line in raw mode without echoing it; Ctrl-C aborts. */
export function promptHidden(
  input: NodeJS.ReadStream,
  output: NodeJS.WriteStream,
  question: string,
): Promise<string> {
  output.write(question);
  input.setRawMode(true);
  input.resume();
  let typed = '';

  return new Promise((resolve, reject) => {
    const finish = (error?: Error) => {
      input.off('data', onData);
      input.setRawMode(false);
      input.pause();
      output.write('\n');
      if (error) reject(error);
      else resolve(typed);
    };
    const onData = (data: Buffer) => {
      for (const char of data.toString('utf8')) {
        if (char === '\r' || char === '\n') return finish();
        if (char === '\u0003')
          return finish(new InputError([{ field: 'passphrase', message: 'cancelled' }]));
        if (char === '\u007f' || char === '\b') typed = typed.slice(0, -1);
        else typed += char;
      }
    };
    input.on('data', onData);
  });
}

/** Asks a yes/no question on a terminal; anything but `yes` is no. */
export function confirm(
  input: NodeJS.ReadStream,
  output: NodeJS.WriteStream,
  question: string,
): Promise<boolean> {
  output.write(question);
  input.resume();
  input.setEncoding('utf8');

  return new Promise((resolve) => {
    input.once('data', (answer: string) => {
      input.pause();
      resolve(answer.trim().toLowerCase() === 'yes');
    });
  });
}
