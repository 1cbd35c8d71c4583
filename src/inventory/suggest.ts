import { distance } from 'fastest-levenshtein';

// `connectTimeout` should find `connect_timeout`, so case and separators do not count as typos.
function normalise(word: string): string {
  return word.toLowerCase().replace(/[_\-\s]/g, '');
}

/** Up to `limit` candidates close enough to `word` to be what the user meant, nearest first. */
export function nearest(word: string, candidates: Iterable<string>, limit = 3): string[] {
  const target = normalise(word);
  const allowed = Math.max(2, Math.floor(target.length / 3));
  const scored: Array<{ candidate: string; score: number }> = [];
  for (const candidate of candidates) {
    const score = distance(target, normalise(candidate));
    if (score <= allowed) scored.push({ candidate, score });
  }
  scored.sort((a, b) => a.score - b.score);
  return scored.slice(0, limit).map((s) => s.candidate);
}

/** ` — did you mean "a" or "b"?`, or '' when nothing is close. */
export function didYouMean(word: string, candidates: Iterable<string>, limit = 3): string {
  const found = nearest(word, candidates, limit).map((c) => `"${c}"`);
  if (found.length === 0) return '';
  const list = found.length === 1 ? found[0] : `${found.slice(0, -1).join(', ')} or ${found.at(-1)}`;
  return ` — did you mean ${list}?`;
}
