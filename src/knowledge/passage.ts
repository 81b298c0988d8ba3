import { z } from 'zod';

/** What a passage is about; the id prefix follows the kind (see `ID_PREFIX_BY_KIND`). */
export const PASSAGE_KINDS = ['classification', 'treatment', 'counselling', 'drug'] as const;
export type PassageKind = (typeof PASSAGE_KINDS)[number];

/** Guideline editions a passage can apply to: IMCI chart booklet 2014, IMCI handbook 2005. */
export const EDITIONS = ['imci-2014', 'imci-2005'] as const;
export type Edition = (typeof EDITIONS)[number];

/** Stable id prefixes, so an id alone says what kind of passage it names. */
export const ID_PREFIX_BY_KIND: Readonly<Record<PassageKind, string>> = {
  classification: 'cls-',
  treatment: 'tx-',
  counselling: 'counsel-',
  drug: 'drug-',
};

const KEBAB = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;
/** ISO 639-1/639-3 style language code: `en`, `fr`, `sw`. */
export const LANG_PATTERN = /^[a-z]{2,3}$/;

/** The front matter every passage file must carry. Unknown keys are rejected (typos). */
export const passageFrontMatterSchema = z
  .strictObject({
    id: z.string().regex(KEBAB, 'must be kebab-case'),
    title: z.string().trim().min(1).max(200),
    lang: z.string().regex(LANG_PATTERN, 'must be a 2-3 letter language code'),
    kind: z.enum(PASSAGE_KINDS),
    refs: z.array(z.string().regex(KEBAB, 'must be kebab-case')).min(1),
    editions: z.array(z.enum(EDITIONS)).min(1),
    citation: z.string().trim().min(1),
    reviewed: z.boolean(),
    // A translation not yet checked by a clinician says so in its source; `reviewed: false`
    // alone cannot tell a machine draft from an English original awaiting review.
    translation: z.literal('machine-draft').optional(),
  })
  .superRefine((value, ctx) => {
    const prefix = ID_PREFIX_BY_KIND[value.kind];
    if (!value.id.startsWith(prefix)) {
      ctx.addIssue({
        code: 'custom',
        path: ['id'],
        message: `a ${value.kind} passage id must start with [${prefix}]`,
      });
    }
    if (value.translation !== undefined && value.lang === 'en') {
      const message = `English passages are originals, got [${value.translation}]`;
      ctx.addIssue({ code: 'custom', path: ['translation'], message });
    }
  });

export type PassageFrontMatter = z.infer<typeof passageFrontMatterSchema>;

/** One validated passage: its front matter plus the Markdown body. */
export interface Passage extends PassageFrontMatter {
  readonly body: string;
  /** Path of the source file relative to the content folder, with `/` separators. */
  readonly file: string;
}
