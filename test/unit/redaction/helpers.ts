import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { expect } from 'vitest';
import { isNetrunError } from '../../../src/errors.js';

const CONFIGS = fileURLToPath(new URL('../../fixtures/configs/', import.meta.url));

export function readConfig(name: string): string {
  return readFileSync(`${CONFIGS}${name}`, 'utf8');
}

/**
 * Checks a redacted text against the original: no secret left, same line count, every line without
 * a secret unchanged, and every line with one keeps what came before the secret (keyword, type,
 * indentation) and shows the mask instead.
 */
export function expectRedacted(
  original: string,
  redacted: string,
  secrets: readonly string[],
  mask = '<redacted>',
) {
  for (const secret of secrets) expect(original, `fixture should contain ${secret}`).toContain(secret);
  for (const secret of secrets) expect(redacted, `secret left in output`).not.toContain(secret);
  const before = original.split('\n');
  const after = redacted.split('\n');
  expect(after).toHaveLength(before.length);
  before.forEach((line, i) => {
    const first = secrets
      .map((s) => line.indexOf(s))
      .filter((at) => at >= 0)
      .sort((a, b) => a - b)[0];
    if (first === undefined) expect(after[i], `line ${i + 1} changed`).toBe(line);
    else {
      expect(after[i]!.startsWith(line.slice(0, first)), `line ${i + 1} lost its keyword: ${after[i]}`).toBe(
        true,
      );
      expect(after[i]).toContain(mask);
    }
  });
}

/** Runs `fn`, expects a NetrunError, and returns its code and message lines. */
export function failure(fn: () => unknown): { code: string; lines: string[]; hint: string } {
  try {
    fn();
  } catch (error) {
    expect(isNetrunError(error)).toBe(true);
    const e = error as { code: string; message: string; hint: string };
    return { code: e.code, lines: e.message.split('\n'), hint: e.hint };
  }
  throw new Error('expected a NetrunError, but nothing was thrown');
}
