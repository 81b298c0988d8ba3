/**
 * What the commands share: where the data lives, which edition applies, the knowledge base.
 */
import { existsSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { z } from 'zod';
import {
  adaptEdition,
  DEFAULT_EDITION,
  EDITIONS,
  findEdition,
} from '../clinical/protocols/registry.js';
import type { Edition } from '../clinical/engine/types.js';
import { clinicDbPath, knowledgeDbPath, cloudHome, medassistHome } from '../clinic/paths.js';
import { openKnowledgeBase, type KnowledgeBase } from '../knowledge/index.js';
import { InputError } from '../shared/errors.js';

/** The package root (holds content/ and dist/). */
export const PACKAGE_ROOT = fileURLToPath(new URL('../../', import.meta.url));
export const BUNDLED_KB = fileURLToPath(new URL('../../dist/knowledge.db', import.meta.url));
/** The built web app (vite build), served by `medassist clinic serve`. */
export const WEB_ROOT = fileURLToPath(new URL('../../dist/web', import.meta.url));
export const CONTENT_DIR = fileURLToPath(new URL('../../content/passages', import.meta.url));

export const home = () => medassistHome();
/** The cloud side's own folder (paths.ts cloudHome). */
export const cloudDataHome = () => cloudHome();
export const clinicDb = () => clinicDbPath(home());

/** The clinic's installed knowledge DB, else the one bundled with the install. */
export function kbPath(): string {
  const installed = knowledgeDbPath(home());
  return existsSync(installed) ? installed : BUNDLED_KB;
}

export function openKb(path = kbPath()): KnowledgeBase | null {
  return existsSync(path) ? openKnowledgeBase(path) : null;
}

const adaptationSchema = z.object({
  id: z.string().min(1),
  name: z.string().min(1),
  base: z.string().min(1),
  sickChild: z.record(z.string(), z.unknown()).optional(),
  youngInfant: z.record(z.string(), z.unknown()).optional(),
});

/** The edition named on the command line, with an optional national adaptation file. */
export function resolveEdition(id: string | undefined, adaptationFile?: string): Edition {
  const editionId = id ?? DEFAULT_EDITION;
  const edition = findEdition(editionId);
  if (!edition) {
    const known = Object.keys(EDITIONS).join(', ');
    throw new InputError([
      { field: '--edition', message: `unknown edition [${editionId}]; known: ${known}` },
    ]);
  }
  if (adaptationFile === undefined) return edition;
  let raw: unknown;
  try {
    raw = JSON.parse(readFileSync(adaptationFile, 'utf8'));
  } catch (cause) {
    throw new InputError(
      [{ field: '--adaptation', message: `cannot read JSON from [${adaptationFile}]` }],
      { cause },
    );
  }
  const parsed = adaptationSchema.safeParse(raw);
  if (!parsed.success) {
    const issues = parsed.error.issues.map((i) => ({
      field: `adaptation.${i.path.join('.')}`,
      message: i.message,
    }));
    throw new InputError(issues);
  }
  try {
    return adaptEdition(edition, parsed.data as Parameters<typeof adaptEdition>[1]);
  } catch (cause) {
    throw new InputError([{ field: '--adaptation', message: (cause as Error).message }], { cause });
  }
}
