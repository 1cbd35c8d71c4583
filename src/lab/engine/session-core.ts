/**
 * The state of one CLI session and its output helpers. Dispatch and actions (other files) work on it.
 */
import { HUGE_OUTPUT_BYTES, isOutputFault } from '../faults.js';
import type { Personality, PersonalityCommand, PipeSpec } from '../personality/schema.js';
import { buildTree, type TreeNode } from './command-tree.js';
import { abbreviate, type ConfigStore } from './config-model.js';
import type { ConfigLevel } from './config-statements.js';
import { InputQueue, SessionClosed } from './line-input.js';
import { writeOutput } from './output-writer.js';
import { applyPipes, type PipePlan, pipeTree } from './pipes.js';
import type { SessionDevice, TerminalIO } from './session-types.js';
import { renderTemplate, type TemplateContext } from './template.js';

const treeCache = new WeakMap<Personality, Map<string, TreeNode<PersonalityCommand>>>();
const pipeCache = new WeakMap<Personality, TreeNode<PipeSpec>>();

export function commandTree(p: Personality, mode: string): TreeNode<PersonalityCommand> {
  let perMode = treeCache.get(p);
  if (!perMode) {
    perMode = new Map();
    treeCache.set(p, perMode);
  }
  let tree = perMode.get(mode);
  if (!tree) {
    tree = buildTree(
      p.commands.filter((c) => c.modes.includes(mode)).map((c) => ({ words: c.words, payload: c })),
    );
    perMode.set(mode, tree);
  }
  return tree;
}

export function pipesOf(p: Personality): TreeNode<PipeSpec> {
  let tree = pipeCache.get(p);
  if (!tree) {
    tree = pipeTree(p.session.pipes);
    pipeCache.set(p, tree);
  }
  return tree;
}

export interface LoginSpec {
  preLogin: string;
  usernamePrompt: string;
  passwordPrompt: string;
  failure: string;
  check(user: string, password: string): 'accept' | 'reject' | 'silence';
}

function prepend(first: string, rest: Iterable<string>): Iterable<string> {
  return Array.isArray(rest)
    ? [first, ...rest]
    : (function* () {
        yield first;
        yield* rest;
      })();
}

export class SessionCore {
  readonly input = new InputQueue();
  readonly p: Personality;
  mode: string;
  /** The exec mode configuration mode was entered from (where `end` returns). */
  entryMode: string;
  levels: ConfigLevel[] = [];
  editPath: string[] = [];
  sessionCandidate: ConfigStore | undefined;
  /** Config lines typed since the last commit (IOS XR `show configuration`). */
  pending: string[] = [];
  /** Shell redirection (`cmd > file`): display output is collected here instead of written. */
  capture: string[] | undefined;
  pageLength: number;
  status = 0;
  closed = false;
  private readonly closedSignal: Promise<void>;
  private markClosed!: () => void;
  /** Pending sleeps and drain waits, woken at once when the session closes. */
  private readonly waiting = new Set<() => void>();

  constructor(
    readonly device: SessionDevice,
    readonly io: TerminalIO,
    readonly interactive: boolean,
  ) {
    this.p = device.personality;
    this.mode = this.p.session.startMode;
    this.entryMode = this.mode;
    this.pageLength = interactive ? (this.p.session.pager?.defaultLength ?? 0) : 0;
    this.closedSignal = new Promise((resolve) => {
      this.markClosed = resolve;
    });
  }

  close(): void {
    if (this.closed) return;
    this.closed = true;
    this.input.close();
    this.markClosed();
    for (const wake of [...this.waiting]) wake();
  }

  /** Resolves when `event` does or the session closes, leaving nothing attached behind. */
  private untilOrClosed(event: (done: () => void) => void): Promise<void> {
    if (this.closed) return Promise.resolve();
    return new Promise((resolve) => {
      const wake = () => {
        if (!this.waiting.delete(wake)) return;
        resolve();
      };
      this.waiting.add(wake);
      event(wake);
    });
  }

  get modeDef() {
    return this.p.modes[this.mode] as Personality['modes'][string];
  }

  vars(extra: TemplateContext = {}): TemplateContext {
    const path = this.editPath.length > 0 ? ` ${this.editPath.join(' ')}` : '';
    // EOS shows the interface in sub-mode prompts: `(config-if-Et1)#`.
    const node = this.levels[this.levels.length - 1]?.node;
    const block = node
      ? abbreviate(node.text.split(' ').pop() ?? '', this.p.interfaces?.abbreviations ?? {})
      : '';
    return { ...this.device.vars(), hostname: this.device.hostname(), path, block, ...extra };
  }

  render(template: string, extra: TemplateContext = {}): string {
    return renderTemplate(template, this.vars(extra));
  }

  prompt(): string {
    return this.render(this.modeDef.prompt);
  }

  private wire(text: string): string {
    return text.replace(/\r?\n/g, this.io.newline);
  }

  echo = (text: string): void => {
    if (!this.closed) this.io.write(this.wire(text));
  };

  async send(chunk: string | Buffer): Promise<void> {
    if (this.closed) throw new SessionClosed();
    const ok = this.io.write(typeof chunk === 'string' ? this.wire(chunk) : chunk);
    if (!ok) await this.untilOrClosed((done) => this.io.waitDrain().then(done));
    if (this.closed) throw new SessionClosed();
  }

  /** A message: its lines, each ending in a newline; nothing for ''. */
  async print(text: string): Promise<void> {
    if (text === '') return;
    await this.send(`${text.replace(/\n$/, '')}\n`);
  }

  sleep(ms: number): Promise<void> {
    if (ms <= 0) return Promise.resolve();
    let timer: NodeJS.Timeout | undefined;
    return this.untilOrClosed((done) => {
      timer = setTimeout(done, ms);
    }).finally(() => clearTimeout(timer));
  }

  /** Asks a question on the terminal and returns the answer line ('' for a bare Enter). */
  async ask(prompt: string, visible = true): Promise<string> {
    await this.send(prompt);
    const answer = await this.input.readLine(this.echo, visible);
    return answer.kind === 'line' ? answer.text.trim() : '';
  }

  /** A login dialogue before the CLI (telnet): false when the user never got in. */
  async login(spec: LoginSpec): Promise<boolean> {
    if (spec.preLogin) await this.send(this.render(spec.preLogin));
    for (let attempt = 0; attempt < 3; attempt++) {
      const user = await this.ask(this.render(spec.usernamePrompt));
      const password = await this.ask(this.render(spec.passwordPrompt), false);
      const verdict = spec.check(user, password);
      if (verdict === 'accept') return true;
      // `auth-silence`: the device never answers the password.
      if (verdict === 'silence') await this.hang();
      await this.send(this.render(spec.failure));
    }
    return false;
  }

  displayFault() {
    const fault = this.device.fault();
    return isOutputFault(fault) ? fault : undefined;
  }

  private *padding(lines: string[], tail: string[]): Iterable<string> {
    yield* lines;
    const pad = this.p.config.padding;
    const want = this.device.outputLines ?? 0;
    for (let n = lines.length + tail.length + 1; n <= want; n++) yield renderTemplate(pad, { n });
    if (this.displayFault() === 'huge-output') {
      let bytes = lines.reduce((sum, l) => sum + l.length + 1, 0);
      for (let n = 1; bytes < HUGE_OUTPUT_BYTES; n++) {
        const line = renderTemplate(pad, { n });
        bytes += line.length + 1;
        yield line;
      }
    }
    yield* tail;
  }

  /** Writes a display command's output through pipes, padding, faults and the pager. */
  async display(lines: string[], plan: PipePlan, tail: string[] = []): Promise<void> {
    if (this.capture) {
      this.capture.push(...applyPipes([...lines, ...tail], plan));
      return;
    }
    const fault = this.displayFault();
    let out: Iterable<string>;
    if (plan.ops.length > 0) out = [...applyPipes([...lines, ...tail], plan)];
    else if ((this.device.outputLines ?? 0) > lines.length + tail.length || fault === 'huge-output') {
      out = this.padding(lines, tail);
    } else out = [...lines, ...tail];
    const preamble = this.p.session.displayPreamble;
    if (preamble) out = prepend(this.render(preamble), out);
    const sink = {
      newline: this.io.newline,
      send: (c: string | Buffer) => this.send(c),
      readKey: () => this.input.readKey(),
      sleep: (ms: number) => this.sleep(ms),
      hang: () => this.hang(),
      drop: () => this.dropConnection(),
    };
    const pageLength = plan.noMore ? 0 : this.pageLength;
    await writeOutput(sink, out, { pager: this.p.session.pager, pageLength, fault });
    if (this.p.session.blankLineAfterOutput) await this.send('\n');
  }

  async hang(): Promise<never> {
    await this.closedSignal;
    throw new SessionClosed();
  }

  async dropConnection(): Promise<never> {
    this.io.drop();
    this.close();
    throw new SessionClosed();
  }
}
