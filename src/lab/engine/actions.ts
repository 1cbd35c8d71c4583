/** What each kind of personality command does to the session. */
import type { PersonalityAction } from '../personality/schema.js';
import { interfacesOf, pathWords, renderStore } from './config-model.js';
import {
  commitNow,
  discard,
  isDirty,
  leaveConfig,
  markChanged,
  saveNow,
  workingStore,
} from './config-state.js';
import { expandWord } from './config-statements.js';
import { dispatchNetwork, type LineContext, printError } from './dispatch.js';
import type { PipePlan } from './pipes.js';
import type { SessionCore } from './session-core.js';
import { echoAction, fileAction, hostnameAction } from './shell-actions.js';
import type { TemplateContext } from './template.js';
import { tokenize } from './tokenize.js';

type Action<T extends PersonalityAction['type']> = Extract<PersonalityAction, { type: T }>;

function lines(text: string): string[] {
  return text === '' ? [] : text.replace(/\n$/, '').split('\n');
}

async function output(s: SessionCore, a: Action<'output'>, args: Record<string, string>, plan: PipePlan) {
  const extra: TemplateContext = { ...args };
  // Only what the template uses: reading the configuration makes the device materialise it.
  if (a.text.includes('{#interfaces}')) extra.interfaces = interfacesOf(s.p, s.device.config().running);
  if (/\{(changed|saved)\b/.test(a.text)) {
    extra.changed = s.device.config().changedAt;
    extra.saved = s.device.config().savedAt;
  }
  await s.display(lines(s.render(a.text, extra)), plan);
  return true;
}

async function showConfig(
  s: SessionCore,
  a: Action<'show-config'>,
  args: Record<string, string>,
  plan: PipePlan,
) {
  const dev = s.device.config();
  let body: string[];
  if (a.source === 'pending') {
    const footer = s.p.config.style === 'indented' ? s.p.config.footer : '';
    body = footer ? [...s.pending, footer] : [...s.pending];
  } else {
    const store = a.source === 'running' ? dev.running : a.source === 'saved' ? dev.saved : workingStore(s);
    const prefix = [...(s.modeDef.kind === 'config' ? s.editPath : []), ...pathWords(args.path)];
    body = renderStore(s.p, store, plan.displaySet ? 'set' : a.format, prefix);
  }
  const footer = s.p.config.style === 'indented' && s.p.config.footer ? body.slice(-1) : [];
  const main = footer.length > 0 ? body.slice(0, -1) : body;
  const bytes = body.reduce((n, l) => n + Buffer.byteLength(l) + 1, 0);
  // Junos prints no "## Last commit" line in `| display set` form.
  const header = plan.displaySet
    ? []
    : lines(s.render(a.header, { bytes, changed: dev.changedAt, saved: dev.savedAt }));
  await s.display([...header, ...main], plan, footer);
  return true;
}

function secretMatches(s: SessionCore, which: Action<'elevate'>['secret'], typed: string): boolean {
  const { login, enable } = s.device.secrets;
  return (which !== 'login' && typed === enable) || (which !== 'enable' && typed === login);
}

async function elevate(s: SessionCore, a: Action<'elevate'>) {
  if (!s.interactive && a.noTerminalText) {
    await s.print(s.render(a.noTerminalText));
    s.status = 1;
    return true;
  }
  for (let attempt = 1; attempt <= a.retries; attempt++) {
    const typed = await s.ask(s.render(a.prompt), false);
    if (secretMatches(s, a.secret, typed)) {
      s.mode = a.to;
      return true;
    }
    if (attempt < a.retries && a.retryText) await s.print(s.render(a.retryText));
  }
  await s.print(s.render(a.failureText));
  s.status = 1;
  return true;
}

async function configure(s: SessionCore, a: Action<'configure'>) {
  const wasDirty = isDirty(s);
  workingStore(s);
  s.entryMode = s.mode;
  s.mode = a.to;
  s.levels = [{ mode: a.to }];
  s.editPath = [];
  if (a.text) await s.print(s.render(a.text));
  if (wasDirty && a.uncommittedText) await s.print(s.render(a.uncommittedText));
  return true;
}

async function exitLevel(s: SessionCore, a: Action<'exit'>) {
  if (s.modeDef.kind === 'config') {
    if (s.editPath.length > 0) {
      s.editPath = [];
      return true;
    }
    if (s.levels.length > 1) {
      s.levels.pop();
      s.mode = (s.levels[s.levels.length - 1] as { mode: string }).mode;
      return true;
    }
    return leaveConfig(s, a.uncommitted);
  }
  if (s.modeDef.parent) {
    s.mode = s.modeDef.parent;
    return true;
  }
  return false;
}

async function commit(s: SessionCore, a: Action<'commit'>) {
  if (!isDirty(s) && a.noChangesText) {
    await s.print(s.render(a.noChangesText));
    return true;
  }
  commitNow(s);
  await s.print(s.render(a.text));
  if (a.andQuit) return leaveConfig(s, undefined);
  return true;
}

/** Junos `set`/`delete`/`edit` paths: the first word must name a top-level hierarchy. */
async function checkedPath(
  s: SessionCore,
  raw: string | undefined,
  ctx: LineContext,
): Promise<string[] | undefined> {
  const words = pathWords(raw);
  if (s.editPath.length > 0 || words.length === 0) return words;
  const first = expandWord(words[0] as string, s.modeDef.accept, s.p.session.abbreviations);
  if (first !== undefined) return [first, ...words.slice(1)];
  const tokens = tokenize(ctx.line, s.p.session.quotes);
  await printError(s, 'configInvalid', tokens, 1, ctx);
  return undefined;
}

async function setPath(s: SessionCore, a: Action<'set'>, args: Record<string, string>, ctx: LineContext) {
  const words = await checkedPath(s, args.path, ctx);
  if (!words) return true;
  const store = workingStore(s);
  if (store.kind !== 'set' || s.p.config.style !== 'set')
    throw new Error('set/delete need a set-style configuration');
  const path = [...s.editPath, ...words];
  if (a.op === 'set')
    store.set(
      path,
      s.p.config.singleValue.map((p) => p.split(' ')),
    );
  else if (!store.delete(path)) {
    if (a.notFoundText) await s.print(s.render(a.notFoundText));
    return true;
  }
  s.pending.push(ctx.line.trim());
  markChanged(s);
  return true;
}

async function edit(s: SessionCore, a: Action<'edit'>, args: Record<string, string>, ctx: LineContext) {
  if (a.op === 'top') s.editPath = [];
  else if (a.op === 'up') s.editPath = s.editPath.slice(0, -1);
  else {
    const words = await checkedPath(s, args.path, ctx);
    if (words) s.editPath = [...s.editPath, ...words];
  }
  return true;
}

async function paging(s: SessionCore, a: Action<'paging'>, args: Record<string, string>) {
  // The `pager` fault: the command is accepted and answered, and changes nothing.
  if (s.device.fault() !== 'pager') s.pageLength = Number(args.n ?? 0);
  if (a.text) await s.print(s.render(a.text, { ...args, off: args.n === '0' }));
  return true;
}

/**
 * Session set-up and mode changes answer at once on real gear; the command latency knob models the
 * device's work: producing output, changing or saving the configuration.
 */
const INSTANT_ACTIONS: ReadonlySet<PersonalityAction['type']> = new Set([
  'mode',
  'elevate',
  'configure',
  'exit',
  'end',
  'logout',
  'paging',
  'noop',
  'edit',
  'run',
]);

export async function runAction(
  s: SessionCore,
  a: PersonalityAction,
  args: Record<string, string>,
  plan: PipePlan,
  ctx: LineContext,
): Promise<boolean> {
  if (!INSTANT_ACTIONS.has(a.type)) await s.sleep(s.device.commandMs);
  switch (a.type) {
    case 'output':
      return output(s, a, args, plan);
    case 'show-config':
      return showConfig(s, a, args, plan);
    case 'mode':
      s.mode = a.to;
      await s.print(s.render(a.text ?? ''));
      return true;
    case 'elevate':
      return elevate(s, a);
    case 'configure':
      return configure(s, a);
    case 'exit':
      return exitLevel(s, a);
    case 'end':
      return leaveConfig(s, a.uncommitted);
    case 'logout':
      return false;
    case 'paging':
      return paging(s, a, args);
    case 'noop':
      await s.print(s.render(a.text ?? '', args));
      return true;
    case 'save':
      saveNow(s);
      await s.print(s.render(a.text));
      return true;
    case 'commit':
      return commit(s, a);
    case 'rollback':
      discard(s);
      await s.print(s.render(a.text ?? ''));
      return a.exit ? leaveConfig(s, undefined) : true;
    case 'set':
      return setPath(s, a, args, ctx);
    case 'edit':
      return edit(s, a, args, ctx);
    case 'run': {
      // The rest of the line, pipes included: `run show version | count` counts the inner output.
      const at = ctx.line.indexOf(args.command ?? '');
      return dispatchNetwork(s, a.mode, { line: ctx.line.slice(at), base: ctx.base + at });
    }
    case 'file':
      return fileAction(s, a.op, args, plan);
    case 'echo':
      return echoAction(s, args, plan);
    case 'hostname':
      return hostnameAction(s, args);
  }
}
