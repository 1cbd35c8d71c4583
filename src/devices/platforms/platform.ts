import type { PlatformAnswer, PlatformFile, PlatformStep } from './schema.js';

/** A platform file with its patterns compiled: what sessions use. */

export interface Answer {
  prompt: RegExp;
  answer?: string;
  secret?: 'password' | 'enableSecret';
}

export interface Step {
  command: string;
  answers: Answer[];
  failures: RegExp[];
  success?: RegExp;
}

export interface Transition extends Step {
  from: string;
  to: string;
}

export interface Mode {
  name: string;
  prompt: RegExp;
}

export interface ConfigProcedure {
  mode: string;
  /** How the running config is written: indented blocks, or Junos-style set statements. */
  style: 'indented' | 'set';
  commit: Step[];
  abort: Step[];
  save: Step[];
  commitSaves: boolean;
}

export interface TelnetLogin {
  usernamePrompt: RegExp;
  passwordPrompt: RegExp;
  failures: RegExp[];
}

export interface Platform {
  name: string;
  aliases: string[];
  description?: string;
  /** The file it came from, for messages. */
  source: string;
  channel: 'shell' | 'exec';
  modes: Mode[];
  defaultMode: string;
  transitions: Transition[];
  onOpen: string[];
  pager?: { prompt: RegExp; answer: string };
  failures: RegExp[];
  failureScanLines: number;
  trailingLines: RegExp[];
  failureExitCodes: number[];
  config?: ConfigProcedure;
  showConfig?: string;
  telnet?: TelnetLogin;
}

const re = (source: string): RegExp => new RegExp(source, 'i');

function compileAnswer(answer: PlatformAnswer): Answer {
  return { prompt: re(answer.prompt), answer: answer.answer, secret: answer.secret };
}

function compileStep(step: PlatformStep): Step {
  return {
    command: step.command,
    answers: step.answers.map(compileAnswer),
    failures: step.failures.map(re),
    success: step.success === undefined ? undefined : re(step.success),
  };
}

export function compilePlatform(file: PlatformFile, source: string): Platform {
  return {
    name: file.name,
    aliases: file.aliases,
    description: file.description,
    source,
    channel: file.channel,
    modes: file.modes.map((m) => ({ name: m.name, prompt: re(m.prompt) })),
    defaultMode: file.defaultMode,
    transitions: file.transitions.map((t) => ({ ...compileStep(t), from: t.from, to: t.to })),
    onOpen: file.onOpen,
    pager: file.pager && { prompt: re(file.pager.prompt), answer: file.pager.answer },
    failures: file.failures.map(re),
    failureScanLines: file.failureScanLines,
    trailingLines: file.trailingLines.map(re),
    failureExitCodes: file.failureExitCodes,
    config: file.config && {
      mode: file.config.mode,
      style: file.config.style,
      commit: file.config.commit.map(compileStep),
      abort: file.config.abort.map(compileStep),
      save: file.config.save.map(compileStep),
      commitSaves: file.config.commitSaves,
    },
    showConfig: file.showConfig,
    telnet: file.telnet && {
      usernamePrompt: re(file.telnet.usernamePrompt),
      passwordPrompt: re(file.telnet.passwordPrompt),
      failures: file.telnet.failures.map(re),
    },
  };
}

/**
 * The shortest chain of transitions from one mode to another (breadth-first), or undefined when the
 * platform has no way there.
 */
export function findModePath(platform: Platform, from: string, to: string): Transition[] | undefined {
  if (from === to) return [];
  const queue: { mode: string; path: Transition[] }[] = [{ mode: from, path: [] }];
  const visited = new Set([from]);
  while (queue.length > 0) {
    const { mode, path } = queue.shift()!;
    for (const t of platform.transitions) {
      if (t.from !== mode || visited.has(t.to)) continue;
      const next = [...path, t];
      if (t.to === to) return next;
      visited.add(t.to);
      queue.push({ mode: t.to, path: next });
    }
  }
  return undefined;
}
