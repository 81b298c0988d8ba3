import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';

/** Front-matter fields for a fixture passage; anything left out gets a valid default. */
export interface FixturePassage {
  id: string;
  kind?: string;
  lang?: string;
  title?: string;
  refs?: string[];
  editions?: string[];
  citation?: string;
  body?: string;
  /** Overrides the file path under the content folder (default `<lang>/<id>.md`). */
  file?: string;
}

/** A temp folder that holds `content/` and room for a database; remove it in `after`. */
export interface TempWorkspace {
  readonly root: string;
  readonly contentDir: string;
  readonly dbFile: string;
  write(passage: FixturePassage): string;
  writeRaw(file: string, text: string): void;
  remove(): void;
}

export function createTempWorkspace(): TempWorkspace {
  const root = mkdtempSync(join(tmpdir(), 'medassist-kb-'));
  const contentDir = join(root, 'content');
  mkdirSync(contentDir);

  const writeRaw = (file: string, text: string): void => {
    const path = join(contentDir, file);
    mkdirSync(dirname(path), { recursive: true });
    writeFileSync(path, text);
  };

  return {
    root,
    contentDir,
    dbFile: join(root, 'out', 'kb.sqlite'),
    write(passage) {
      const lang = passage.lang ?? 'en';
      const file = passage.file ?? `${lang}/${passage.id}.md`;
      writeRaw(file, renderPassage(passage));
      return file;
    },
    writeRaw,
    remove: () => rmSync(root, { recursive: true, force: true }),
  };
}

export function renderPassage(passage: FixturePassage): string {
  const lines = [
    '---',
    `id: ${passage.id}`,
    `title: ${passage.title ?? `Title of ${passage.id}`}`,
    `lang: ${passage.lang ?? 'en'}`,
    `kind: ${passage.kind ?? 'classification'}`,
    `refs: [${(passage.refs ?? [passage.id.replace(/^[a-z]+-/, '')]).join(', ')}]`,
    `editions: [${(passage.editions ?? ['imci-2014']).join(', ')}]`,
    `citation: ${passage.citation ?? 'WHO IMCI chart booklet 2014, Test section'}`,
    'reviewed: false',
    '---',
    passage.body ?? `Body text of ${passage.id}.`,
    '',
  ];

  return lines.join('\n');
}

/** Five small passages (one French) used by the knowledge and CLI tests. */
export function writeStandardFixture(workspace: TempWorkspace): void {
  workspace.write({
    id: 'cls-pneumonia',
    title: 'Pneumonia',
    refs: ['pneumonia', 'amoxicillin-pneumonia-cb14'],
    body: 'Fast breathing or chest indrawing in a child. Give oral amoxicillin for 5 days.',
  });
  workspace.write({
    id: 'tx-amoxicillin-pneumonia',
    kind: 'treatment',
    title: 'Oral amoxicillin',
    refs: ['amoxicillin-pneumonia-cb14', 'amoxicillin'],
    body: 'Twice daily for 5 days; the dose follows the weight band. Used for pneumonia.',
  });
  workspace.write({
    id: 'tx-zinc-diarrhoea',
    kind: 'treatment',
    title: 'Zinc for diarrhoea',
    refs: ['zinc-diarrhoea'],
    body: 'Give zinc once daily for 10 days to every child with diarrhoea.',
  });
  workspace.write({
    id: 'drug-zinc',
    kind: 'drug',
    title: 'Zinc sulfate',
    refs: ['zinc', 'zinc-diarrhoea'],
    body: 'Dispersible tablets of 20 mg. Dissolve in breast milk or clean water.',
  });
  workspace.write({
    id: 'cls-pneumonia',
    lang: 'fr',
    title: 'Pneumonie',
    refs: ['pneumonia'],
    body: 'Respiration rapide ou tirage sous-costal. Donner de l’amoxicilline orale pendant 5 jours; fièvre élevée.',
  });
}
