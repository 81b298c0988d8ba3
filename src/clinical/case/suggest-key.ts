/**
 * "Did you mean …?" for misspelt keys. Keys are compared after lower-casing and dropping
 * everything but letters and digits, so `respiratoryRate` and `Respiratory-Rate` both find
 * `respiratory_rate`.
 */

/** Levenshtein edit distance (insertions, deletions, substitutions) between two strings. */
export function editDistance(a: string, b: string): number {
  let previous = Array.from({ length: b.length + 1 }, (_, j) => j);

  for (let i = 1; i <= a.length; i++) {
    const current = [i];
    for (let j = 1; j <= b.length; j++) {
      const substitution = (previous[j - 1] ?? 0) + (a[i - 1] === b[j - 1] ? 0 : 1);
      current.push(Math.min(substitution, (previous[j] ?? 0) + 1, (current[j - 1] ?? 0) + 1));
    }
    previous = current;
  }

  return previous[b.length] ?? 0;
}

function normalize(key: string): string {
  return key.toLowerCase().replace(/[^a-z0-9]/g, '');
}

/**
 * The known key nearest to `unknown`, or `undefined` when none is close: at most a third of the
 * unknown key's length in edits (at least 1), so that short unrelated words suggest nothing.
 */
export function suggestKey(unknown: string, known: readonly string[]): string | undefined {
  const target = normalize(unknown);
  const allowed = Math.max(1, Math.floor(target.length / 3));
  let best: { key: string; distance: number } | undefined;

  for (const key of known) {
    const distance = editDistance(target, normalize(key));
    if (distance <= allowed && (best === undefined || distance < best.distance)) {
      best = { key, distance };
    }
  }

  return best?.key;
}
