/**
 * Two successive knowledge DBs for release tests: v1 is the standard fixture; v2 changes one
 * passage, adds one and deletes one, so a delta carries a put, a new row and a delete.
 */
import { rmSync } from 'node:fs';
import { join } from 'node:path';

import { compileKnowledgeBase } from '../../compile.js';
import { createTempWorkspace, writeStandardFixture } from '../../test-helpers/fixture.js';

export interface KbVersions {
  readonly root: string;
  readonly v1: string;
  readonly v2: string;
  /** A third DB that is neither v1 nor v2 (a wrong base for the v1 -> v2 delta). */
  readonly other: string;
  remove(): void;
}

export function buildKbVersions(): KbVersions {
  const workspace = createTempWorkspace();
  const at = (iso: string) => () => new Date(iso);
  const build = (name: string, when: string) => {
    const outFile = join(workspace.root, `${name}.db`);
    compileKnowledgeBase({ contentDir: workspace.contentDir, outFile, now: at(when) });
    return outFile;
  };

  writeStandardFixture(workspace);
  const v1 = build('v1', '2026-01-01T00:00:00Z');

  workspace.write({
    id: 'cls-pneumonia',
    title: 'Pneumonia',
    refs: ['pneumonia'],
    body: 'Fast breathing or chest indrawing. Give oral amoxicillin (revised wording).',
  });
  workspace.write({ id: 'cls-malaria', title: 'Malaria', refs: ['malaria'] });
  rmSync(join(workspace.contentDir, 'en', 'drug-zinc.md'));
  const v2 = build('v2', '2026-02-01T00:00:00Z');

  workspace.write({ id: 'cls-measles', title: 'Measles', refs: ['measles'] });
  const other = build('other', '2026-03-01T00:00:00Z');

  return { root: workspace.root, v1, v2, other, remove: () => workspace.remove() };
}
