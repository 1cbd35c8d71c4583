/**
 * One typed line → a command of the current mode, a config statement, or the platform's error
 * (with its `^` marker under the word where parsing failed).
 */
import type { PersonalityCommand } from '../personality/schema.js';
import { runAction } from './actions.js';
import { type MatchResult, matchTokens } from './command-tree.js';
import { markChanged, workingStore } from './config-state.js';
import { applyStatement } from './config-statements.js';
import { planPipes } from './pipes.js';
import { commandTree, pipesOf, type SessionCore } from './session-core.js';
import { writeFile } from './shell-actions.js';
import { parseShellLine } from './shell-syntax.js';
import { splitPipes, type Token, tokenize } from './tokenize.js';

export type ErrorKind =
  | 'unknown'
  | 'unknownWithArgs'
  | 'invalid'
  | 'incomplete'
  | 'ambiguous'
  | 'configInvalid';

/** Where the typed line started on the screen: after the prompt, plus any prefix (`do `). */
export interface LineContext {
  line: string;
  base: number;
}

function lastLine(text: string): string {
  return text.slice(text.lastIndexOf('\n') + 1);
}

export async function printError(
  s: SessionCore,
  kind: ErrorKind,
  tokens: Token[],
  index: number,
  ctx: LineContext,
  column?: number,
): Promise<boolean> {
  if (kind === 'unknown' && tokens.length > 1 && s.p.errors.unknownWithArgs !== undefined) {
    return printError(s, 'unknownWithArgs', tokens, 1, ctx);
  }
  const token = tokens[index];
  const col = column ?? token?.start ?? ctx.line.length;
  const width = s.interactive ? lastLine(s.prompt()).length : 0;
  const caret = `${' '.repeat(width + ctx.base + col)}^`;
  const upTo = token ? ctx.line.slice(0, token.end) : ctx.line;
  await s.print(
    s.render(s.p.errors[kind] ?? s.p.errors.unknown, {
      caret,
      token: token?.text ?? '',
      input: upTo.trim(),
      command: tokens[0]?.text ?? '',
      index,
      position: index + 1,
    }),
  );
  s.status = kind === 'unknown' ? 127 : 1;
  return true;
}

function matchError(
  m: Exclude<MatchResult<unknown>, { kind: 'match' }>,
  tokens: Token[],
): [ErrorKind, number] {
  if (m.kind === 'ambiguous') return ['ambiguous', m.index];
  if (m.kind === 'invalid') return [m.index === 0 ? 'unknown' : 'invalid', m.index];
  return ['incomplete', Math.max(0, tokens.length - 1)];
}

function isDisplay(cmd: PersonalityCommand): boolean {
  const a = cmd.action;
  return (
    cmd.display ?? (a.type === 'output' || a.type === 'show-config' || (a.type === 'file' && a.op === 'cat'))
  );
}

async function runCommand(
  s: SessionCore,
  cmd: PersonalityCommand,
  args: Record<string, string>,
  tokens: Token[],
  stages: Array<{ text: string; offset: number }>,
  ctx: LineContext,
): Promise<boolean> {
  const opts = { abbreviate: s.p.session.abbreviations, caseInsensitive: s.p.session.caseInsensitive };
  const plan = planPipes(stages, pipesOf(s.p), { ...opts, quotes: s.p.session.quotes });
  if ('column' in plan)
    return printError(s, plan.kind, [{ text: plan.token, start: plan.column, end: 0 }], 0, ctx);
  if (cmd.privilegedOnly && !s.modeDef.privileged) {
    await s.print(s.render(cmd.privilegedOnly, { command: tokens[0]?.text ?? '' }));
    s.status = 1;
    return true;
  }
  if (isDisplay(cmd) && s.device.fault() === 'invalid') {
    return printError(
      s,
      tokens.length > 1 ? 'invalid' : 'unknown',
      tokens,
      Math.min(1, tokens.length - 1),
      ctx,
    );
  }
  if (cmd.confirm) {
    const answer = await s.ask(s.render(cmd.confirm.prompt));
    if (!cmd.confirm.accept.includes(answer)) {
      await s.print(s.render(cmd.confirm.rejectText ?? ''));
      return true;
    }
  }
  s.status = 0;
  return runAction(s, cmd.action, args, plan, ctx);
}

type Stage = { text: string; offset: number };

/** A line of a network CLI in `mode` (the current mode, or another for `do`/`run`). */
export async function dispatchNetwork(
  s: SessionCore,
  mode: string,
  ctx: LineContext,
  split: Stage[] = splitStages(s, ctx.line),
): Promise<boolean> {
  const [head, ...stages] = split;
  const text = head?.text ?? '';
  const tokens = tokenize(text, s.p.session.quotes);
  const opts = { abbreviate: s.p.session.abbreviations, caseInsensitive: s.p.session.caseInsensitive };
  const m = matchTokens(commandTree(s.p, mode), tokens, text, opts);
  if (m.kind === 'empty') return true;
  if (m.kind === 'match') return runCommand(s, m.payload, m.args, tokens, stages, ctx);
  const modeDef = s.p.modes[mode];
  if (modeDef?.kind === 'config' && s.p.config.style === 'indented' && mode === s.mode) {
    const store = workingStore(s);
    if (store.kind === 'indented') {
      await s.sleep(s.device.commandMs);
      const r = applyStatement(
        s.p,
        store,
        s.levels,
        tokenize(ctx.line, 'literal'),
        s.p.session.abbreviations,
      );
      if (!r.ok) return printError(s, 'configInvalid', tokens, 0, ctx);
      s.levels = r.levels;
      s.mode = (r.levels[r.levels.length - 1] as { mode: string }).mode;
      s.pending.push(r.line);
      markChanged(s);
      return true;
    }
  }
  const [kind, index] = matchError(m, tokens);
  return printError(s, kind, tokens, index, ctx);
}

function splitStages(s: SessionCore, line: string): Stage[] {
  // Config statements keep their `|` (a description may contain one).
  if (s.modeDef.kind === 'config' && s.p.config.style === 'indented') {
    const first = line.trimStart().split(/\s+/, 1)[0] ?? '';
    if (!['do', 'show'].includes(first)) return [{ text: line, offset: 0 }];
  }
  return splitPipes(line);
}

/** A shell line: `;` and `&&` sequences, pipes, and `> file` redirections. */
export async function dispatchShell(s: SessionCore, line: string): Promise<boolean> {
  for (const step of parseShellLine(line)) {
    if (step.join === '&&' && s.status !== 0) continue;
    const stages = [
      { text: step.command, offset: 0 },
      ...step.pipes.map((p) => ({ ...p, offset: p.offset - step.offset })),
    ];
    const ctx = { line: step.command, base: step.offset };
    if (step.redirect) s.capture = [];
    const keep = await dispatchNetwork(s, s.mode, ctx, stages);
    const captured = s.capture;
    s.capture = undefined;
    if (step.redirect && captured && s.status === 0) {
      await writeFile(s, step.redirect.path, captured.map((l) => `${l}\n`).join(''), step.redirect.append);
    }
    if (!keep) return false;
  }
  return true;
}
