import { fileURLToPath } from 'node:url';
import { expect } from 'vitest';
import { isNetrunError } from '../../../src/errors.js';

export const FIXTURES = fileURLToPath(new URL('../../fixtures/inventory/', import.meta.url));

export const fixture = (name: string) => `${FIXTURES}${name}`;

/** Runs `fn`, expects a NetrunError, and returns its code and the message lines a user sees. */
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
