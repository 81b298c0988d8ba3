/**
 * The model's notes between the answer and the save. The app asks for the notes as soon as
 * the result is on screen and saves whenever the health worker presses Save, in either order;
 * the notes wait here, under a random id handed to the app, so the server stores what its own
 * safety gate passed, never notes sent back by a browser. Bounded, oldest first out.
 *
 * Limitation: the cache lives in the node's memory; notes of a consult saved after the node
 * restarted (or more than an hour later) are shown but not kept with the encounter.
 */
import { randomUUID } from 'node:crypto';
import type { HybridResult } from '../../inference/orchestrator/index.js';

export interface PendingNotes {
  userId: string;
  /** The consult key of the case the model read (run-consult.ts `consultKeyOf`). */
  caseKey: string;
  model: HybridResult;
  at: number;
}

export interface ModelNotesCache {
  put(notes: Omit<PendingNotes, 'at'>): string;
  /** The notes under this id for this user; undefined when unknown, expired or another's. */
  take(id: string, userId: string): PendingNotes | undefined;
}

const HOUR_MS = 60 * 60 * 1000;

export function createModelNotesCache(
  limit = 500,
  ttlMs = HOUR_MS,
  clock = () => Date.now(),
): ModelNotesCache {
  const pending = new Map<string, PendingNotes>();
  return {
    put(notes) {
      const id = randomUUID();
      pending.set(id, { ...notes, at: clock() });
      if (pending.size > limit) pending.delete(pending.keys().next().value as string);
      return id;
    },
    take(id, userId) {
      const notes = pending.get(id);
      if (!notes || notes.userId !== userId) return undefined;
      if (clock() - notes.at > ttlMs) {
        pending.delete(id);
        return undefined;
      }
      // Kept after use: a repeated attach must find the notes again and be a no-op.
      return notes;
    },
  };
}
