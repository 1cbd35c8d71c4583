import { describe, expect, it } from 'vitest';
import {
  MAX_COMMAND_CHARS,
  MAX_TARGET_CHARS,
  MAX_TEXT_CHARS,
  type ParsedCommand,
  parseCommand,
  unescapeSlackText,
} from '../../../src/slack/index.js';
import { fuzzTexts } from './fuzz-texts.js';

const SEED = 20_250_311;
const TEXTS = fuzzTexts(SEED, 10_000);

/** What the parser must never let through into a command or a target. */
const FORBIDDEN = /[\p{Cc}\p{Cf}\u2028\u2029]/u;
const PROBLEMS = new Set([
  'empty',
  'too-long',
  'control-character',
  'unterminated-quote',
  'missing-target',
  'usage',
]);

function check(text: string, parsed: ParsedCommand): void {
  const plain = unescapeSlackText(text);
  if (plain.length > MAX_TEXT_CHARS) {
    expect(parsed).toMatchObject({ kind: 'invalid', problem: 'too-long' });
    return;
  }
  if (FORBIDDEN.test(plain)) {
    expect(parsed).toMatchObject({ kind: 'invalid', problem: 'control-character' });
    return;
  }
  switch (parsed.kind) {
    case 'invalid':
      expect(PROBLEMS.has(parsed.problem)).toBe(true);
      expect(parsed.message.length).toBeGreaterThan(10);
      expect(FORBIDDEN.test(parsed.message)).toBe(false);
      return;
    case 'run':
      expect(parsed.command.trim()).toBe(parsed.command);
      expect(parsed.command.length).toBeGreaterThan(0);
      expect(parsed.command.length).toBeLessThanOrEqual(MAX_COMMAND_CHARS);
      expect(parsed.target.length).toBeGreaterThan(0);
      expect(parsed.target.length).toBeLessThanOrEqual(MAX_TARGET_CHARS);
      expect(FORBIDDEN.test(parsed.command) || FORBIDDEN.test(parsed.target)).toBe(false);
      return;
    case 'devices':
    case 'push':
      expect(parsed.target.length).toBeGreaterThan(0);
      expect(FORBIDDEN.test(parsed.target)).toBe(false);
      return;
    case 'cancel':
      expect(parsed.jobId).toMatch(/^[A-Za-z0-9][A-Za-z0-9_-]{0,63}$/);
      return;
    default:
      expect(['help', 'groups', 'jobs']).toContain(parsed.kind);
  }
}

describe('parseCommand on 10,000 random texts (seeded)', () => {
  const results = TEXTS.map((text) => ({ text, parsed: parseCommand(text) }));

  it('never throws, and every result is a command or a refusal with a message', () => {
    expect(results).toHaveLength(10_000);
    for (const { text, parsed } of results) {
      try {
        check(text, parsed);
      } catch (error) {
        throw new Error(
          `text ${JSON.stringify(text.slice(0, 200))} → ${JSON.stringify(parsed).slice(0, 300)}`,
          {
            cause: error,
          },
        );
      }
    }
  });

  it('is a pure function: the same text parses the same way again', () => {
    for (const { text, parsed } of results.slice(0, 2_000)) expect(parseCommand(text)).toEqual(parsed);
  });

  it('covers every kind of answer (the generator reaches the interesting cases)', () => {
    const counts = new Map<string, number>();
    for (const { parsed } of results) {
      const key = parsed.kind === 'invalid' ? `invalid:${parsed.problem}` : parsed.kind;
      counts.set(key, (counts.get(key) ?? 0) + 1);
    }
    for (const key of [
      'run',
      'help',
      'invalid:control-character',
      'invalid:too-long',
      'invalid:unterminated-quote',
      'invalid:empty',
      'invalid:usage',
    ]) {
      expect(counts.get(key) ?? 0, `${key} in ${JSON.stringify([...counts])}`).toBeGreaterThan(10);
    }
  });

  it('never runs a command with a second line, whatever the quoting', () => {
    const runs = results.filter((r) => r.parsed.kind === 'run');
    expect(runs.length).toBeGreaterThan(1_000);
    for (const { parsed } of runs) {
      if (parsed.kind === 'run') expect(/[\n\r\u2028\u2029\u0085]/.test(parsed.command)).toBe(false);
    }
  });
});
