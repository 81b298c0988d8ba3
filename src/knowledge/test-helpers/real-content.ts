/**
 * The real passages of content/passages, parsed and compiled into a knowledge base in a temp
 * folder, for the tests that check the shipped content: `load()` in `before`, `close()` in
 * `after`.
 */
import { fileURLToPath } from 'node:url';
import { compileKnowledgeBase } from '../compile.js';
import { type KnowledgeBase, openKnowledgeBase } from '../knowledge-base.js';
import { parsePassages, readPassageSources } from '../load-passages.js';
import type { Passage } from '../passage.js';
import { createTempWorkspace } from './fixture.js';

export const CONTENT_DIR = fileURLToPath(new URL('../../../content/passages', import.meta.url));

export interface RealContent {
  passages: Passage[];
  kb: KnowledgeBase;
  close(): void;
}

export function loadRealContent(): RealContent {
  const workspace = createTempWorkspace();
  const passages = parsePassages(readPassageSources(CONTENT_DIR));
  compileKnowledgeBase({ contentDir: CONTENT_DIR, outFile: workspace.dbFile });
  const kb = openKnowledgeBase(workspace.dbFile);
  return {
    passages,
    kb,
    close() {
      kb.close();
      workspace.remove();
    },
  };
}
