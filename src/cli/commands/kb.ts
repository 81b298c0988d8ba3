import { type Command, Option } from 'commander';

import {
  compileKnowledgeBase,
  openKnowledgeBase,
  type KnowledgeBaseMeta,
} from '../../knowledge/index.js';

export interface KbCommandDeps {
  /** Where `kb build` writes and `kb info` reads when no path is given. */
  readonly defaultKbPath: () => string;
  /** What `kb info` reads when no path is given: the installed KB, else the bundled one. */
  readonly activeKbPath?: () => string;
  /** Passage sources when `--content` is not given, e.g. `<package>/content/passages`. */
  readonly contentDir: () => string;
}

/**
 * `medassist kb build [--content DIR] [--out FILE]` and `medassist kb info [--kb FILE]`.
 * Output goes through the root program's `configureOutput().writeOut`, so tests capture it.
 */
export function registerKbCommand(program: Command, deps: KbCommandDeps): Command {
  const kb = program.command('kb').description('build and inspect the knowledge database');

  kb.command('build')
    .description('compile guideline passages into the knowledge database')
    .option('--content <dir>', 'folder of passage Markdown files')
    .option('--out <file>', 'database file to write')
    .addOption(formatOption())
    .action((options: { content?: string; out?: string; format: Format }, command: Command) => {
      const result = compileKnowledgeBase({
        contentDir: options.content ?? deps.contentDir(),
        outFile: options.out ?? deps.defaultKbPath(),
      });
      const text = [
        `built ${result.passageCount} passages`,
        `languages: ${result.languages.join(', ')}`,
        `content hash: ${result.contentHash}`,
        `file: ${result.outFile}`,
      ];
      write(command, options.format === 'json' ? toJson(result) : lines(text));
    });

  kb.command('info')
    .description('show what the knowledge database holds')
    .option('--kb <file>', 'database file to read')
    .addOption(formatOption())
    .action((options: { kb?: string; format: Format }, command: Command) => {
      const path = options.kb ?? (deps.activeKbPath ?? deps.defaultKbPath)();
      const knowledgeBase = openKnowledgeBase(path);
      try {
        const meta = knowledgeBase.meta();
        write(
          command,
          options.format === 'json' ? toJson({ path, ...meta }) : describe(path, meta),
        );
      } finally {
        knowledgeBase.close();
      }
    });

  return kb;
}

type Format = 'text' | 'json';

/** `--format text|json`, shared by the kb and search commands. */
export function formatOption(): Option {
  return new Option('--format <format>', 'output format').choices(['text', 'json']).default('text');
}

/** Writes through the root program's output, so one `configureOutput` redirects every command. */
export function write(command: Command, text: string): void {
  let root = command;
  while (root.parent) root = root.parent;
  root.configureOutput().writeOut?.(text);
}

function describe(path: string, meta: KnowledgeBaseMeta): string {
  return lines([
    `file: ${path}`,
    `schema version: ${meta.schemaVersion}`,
    `passages: ${meta.passageCount}`,
    `languages: ${meta.languages.join(', ')}`,
    `content hash: ${meta.contentHash}`,
    `built at: ${meta.builtAt}`,
  ]);
}

function lines(text: readonly string[]): string {
  return `${text.join('\n')}\n`;
}

function toJson(value: unknown): string {
  return `${JSON.stringify(value, null, 2)}\n`;
}
