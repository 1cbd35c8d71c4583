/**
 * Random `/netrun` texts for fuzzing, from a seeded generator so a failure repeats: mixtures of
 * plausible words and targets, quotes of every kind, Unicode (emoji, CJK, RTL, combining marks,
 * no-break and zero-width spaces), control characters, HTML entities, huge tokens, and empty text.
 */

import { seededRandom } from '../../../src/lab/slack/index.js';

const WORDS = [
  'show',
  'version',
  'ip',
  'int',
  'brief',
  'run',
  'running-config',
  'display',
  'ping',
  'traceroute',
  'reload',
  'configure',
  'terminal',
  '|',
  'include',
  'up',
  'help',
  'groups',
  'jobs',
  'devices',
  'cancel',
  'push',
  'HELP',
  'Show',
  '--',
  '-',
  ';',
  '&&',
  '||',
  '>',
  '<',
  '$(id)',
  '`id`',
  '*',
  '?',
  '!ios-001',
  'role=core',
  'site=ams',
  'all',
];
const TARGETS = [
  'core-routers',
  'edge-switches',
  'all',
  'ios-001',
  'xr-001',
  'core-router',
  'nosuch',
  'a,b',
  '!xr-001',
];
const QUOTES = ['"', "'", '“', '”', '„', '‘', '’', '«', '»'];
const UNICODE = [
  'ü',
  'Ω',
  '東京',
  '🙂',
  '👩‍💻',
  'مرحبا',
  'e\u0301',
  '\u00a0',
  '\u2003',
  '\u3000',
  '\ufeff',
  '\u200b',
  '\u202e',
  '\ud800',
];
const CONTROLS = [
  '\n',
  '\r',
  '\r\n',
  '\t',
  '\u0000',
  '\u0007',
  '\u001b[31m',
  '\u007f',
  '\u0085',
  '\u2028',
  '\u2029',
  '\v',
  '\f',
];
const ENTITIES = [
  '&amp;',
  '&lt;',
  '&gt;',
  '&quot;',
  '&#10;',
  '&#x0a;',
  '&nbsp;',
  '&amp;lt;',
  '<@U0BOB00001>',
  '<#C0NETOPS01>',
  '<!channel>',
];

type Piece = (random: () => number) => string;

function pick<T>(random: () => number, items: readonly T[]): T {
  return items[Math.floor(random() * items.length)] as T;
}

const PIECES: Array<[weight: number, piece: Piece]> = [
  [30, (r) => pick(r, WORDS)],
  [10, (r) => pick(r, TARGETS)],
  [8, (r) => pick(r, QUOTES)],
  [6, (r) => `${pick(r, QUOTES)}${pick(r, WORDS)} ${pick(r, WORDS)}${pick(r, QUOTES)}`],
  [6, (r) => pick(r, UNICODE)],
  [4, (r) => pick(r, CONTROLS)],
  [5, (r) => pick(r, ENTITIES)],
  [12, (r) => ' '.repeat(1 + Math.floor(r() * 3))],
  [2, (r) => String.fromCharCode(Math.floor(r() * 0x3000))],
  [1, (r) => pick(r, ['x', 'ab', '"', 'é', ' ']).repeat(500 + Math.floor(r() * 6_000))],
];
const TOTAL_WEIGHT = PIECES.reduce((sum, [weight]) => sum + weight, 0);

function piece(random: () => number): string {
  let roll = random() * TOTAL_WEIGHT;
  for (const [weight, make] of PIECES) {
    roll -= weight;
    if (roll < 0) return make(random);
  }
  return '';
}

/** One text: empty now and then, else 1–12 pieces, often ending in a target as real commands do. */
export function fuzzText(random: () => number): string {
  if (random() < 0.02) return '';
  const count = 1 + Math.floor(random() * 12);
  const parts: string[] = [];
  for (let i = 0; i < count; i += 1) {
    parts.push(piece(random));
    if (random() < 0.6) parts.push(' ');
  }
  if (random() < 0.4) parts.push(' ', pick(random, TARGETS));
  return parts.join('');
}

export function fuzzTexts(seed: number, count: number): string[] {
  const random = seededRandom(seed);
  return Array.from({ length: count }, () => fuzzText(random));
}
