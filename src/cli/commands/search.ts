import type { Command } from 'commander';

import {
  openKnowledgeBase,
  PASSAGE_KINDS,
  type PassageKind,
  type SearchHit,
} from '../../knowledge/index.js';
import { InputError } from '../../shared/errors.js';
import { formatOption, write } from './kb.js';

export interface SearchCommandDeps {
  /** The knowledge database to search when `--kb` is not given. */
  readonly kbPath: () => string;
}

interface SearchFlags {
  lang: string;
  limit: string;
  kind?: string;
  kb?: string;
  format: 'text' | 'json';
}

/** `medassist search "query" [--lang en] [--limit 5] [--kind K] [--format json|text]`. */
export function registerSearchCommand(program: Command, deps: SearchCommandDeps): Command {
  return program
    .command('search')
    .description('search the guideline passages')
    .argument('<query...>', 'words to look for')
    .option('--lang <code>', 'language of the passages (falls back to English)', 'en')
    .option('--limit <n>', 'how many passages to show', '5')
    .option('--kind <kind>', `only one kind: ${PASSAGE_KINDS.join(', ')}`)
    .option('--kb <file>', 'knowledge database file')
    .addOption(formatOption())
    .action((words: string[], flags: SearchFlags, command: Command) => {
      const limit = parseLimitFlag(flags.limit);
      if (words.join('').trim() === '') {
        throw new InputError([
          { field: 'query', message: 'is empty: give the words to look for []' },
        ]);
      }
      const knowledgeBase = openKnowledgeBase(flags.kb ?? deps.kbPath());
      try {
        const languages = knowledgeBase.meta().languages;
        if (!languages.includes(flags.lang)) {
          process.stderr.write(
            `note: no passages in [${flags.lang}] yet; showing ${languages.join(', ')}\n`,
          );
        }
        const hits = knowledgeBase.search(words.join(' '), {
          lang: flags.lang,
          limit,
          ...(flags.kind === undefined ? {} : { kind: flags.kind as PassageKind }),
        });
        write(
          command,
          flags.format === 'json' ? `${JSON.stringify(hits, null, 2)}\n` : render(hits),
        );
      } finally {
        knowledgeBase.close();
      }
    });
}

function parseLimitFlag(value: string): number {
  if (!/^\d+$/.test(value)) {
    throw new InputError([{ field: '--limit', message: `must be a whole number, got [${value}]` }]);
  }

  return Number(value);
}

function render(hits: readonly SearchHit[]): string {
  if (hits.length === 0) return 'no passages found\n';
  const blocks = hits.map((hit, index) =>
    [
      `${index + 1}. ${hit.title} (${hit.id}, ${hit.kind}, ${hit.lang})`,
      `   ${hit.citation}`,
      `   ${hit.snippet.replace(/\*\*/g, '').replace(/\s+/g, ' ')}`,
    ].join('\n'),
  );

  return `${blocks.join('\n\n')}\n`;
}
