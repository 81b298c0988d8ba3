/**
 * Questions on a terminal, with hidden input for secrets. Never used when stdin is not a TTY:
 * scripted installs pass everything as flags or environment variables.
 */
import { createInterface } from 'node:readline';

export function canPrompt(): boolean {
  return process.stdin.isTTY === true && process.stderr.isTTY === true;
}

export function ask(question: string, hidden = false): Promise<string> {
  return new Promise((resolve) => {
    const rl = createInterface({ input: process.stdin, output: process.stderr, terminal: true });
    if (hidden) {
      const write = rl as unknown as { _writeToOutput: (s: string) => void };
      write._writeToOutput = (s: string) => {
        if (s.startsWith(question)) process.stderr.write(question);
      };
    }
    rl.question(question, (answer) => {
      rl.close();
      if (hidden) process.stderr.write('\n');
      resolve(answer.trim());
    });
  });
}
