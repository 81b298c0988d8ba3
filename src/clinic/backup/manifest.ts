/**
 * The manifest: the first encrypted bytes of a backup, listing each member with its size and
 * SHA-256. Member names come from a fixed list, so a manifest can never name a path outside
 * the clinic folder.
 */
import { z } from 'zod';

/** The files a clinic folder holds that a backup carries, in the order they are packed. */
export const MEMBER_NAMES = ['clinic.db', 'knowledge.db', 'config.json', 'keyring.json'] as const;
export type MemberName = (typeof MEMBER_NAMES)[number];

const memberSchema = z.object({
  name: z.enum(MEMBER_NAMES),
  size: z.number().int().min(0),
  sha256: z.string().regex(/^[0-9a-f]{64}$/),
});

export const manifestSchema = z.object({
  format: z.literal('medassist-backup'),
  formatVersion: z.literal(1),
  created: z.iso.datetime(),
  clinicId: z.string().nullable(),
  appVersion: z.string(),
  members: z.array(memberSchema).min(1),
});

export type BackupManifest = z.infer<typeof manifestSchema>;
export type BackupMember = z.infer<typeof memberSchema>;
