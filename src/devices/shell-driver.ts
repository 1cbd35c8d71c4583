import { NetrunError } from '../errors.js';
import type { Logger } from '../logger.js';
import type { ReadStep, ReadView, TerminalChannel } from './channel/channel.js';
import { extractOutput, findFailure } from './channel/output.js';
import { matchPrompt, type PromptMatch } from './channel/prompt.js';
import { readFailure } from './command-error.js';
import type { Answer, Mode, Platform, Step, TelnetLogin } from './platforms/platform.js';

/**
 * Driving a CLI through a terminal channel with nothing but platform data: find the prompt, type a
 * line, answer the pager and the questions the platform lists, and know which mode the prompt says
 * the device is in. Vendor differences are all in the Platform object.
 */

export interface DriverSecrets {
  username?: string;
  password?: string;
  enableSecret?: string;
}

export interface SendOptions {
  timeoutMs: number;
  signal?: AbortSignal;
  /** Questions this command may ask (each answered at most once). */
  answers?: readonly Answer[];
  /** Accept a prompt with another hostname (a config line may be `hostname r2`). */
  anyBase?: boolean;
  /**
   * Only these modes' prompts end the read (default: any mode). A `show` expects the mode it was typed
   * in, so a quoted `r1(config)#` in its output cannot end it early.
   */
  modes?: readonly string[];
}

export type SendEnd =
  | { kind: 'prompt'; prompt: PromptMatch }
  /** The device asked the same question again (a wrong secret), or asked for a secret netrun lacks. */
  | { kind: 'repeated' | 'missing-secret'; answer: Answer };

export interface SendResult {
  raw: string;
  /** Cleaned: no echo, no prompt. */
  output: string;
  end: SendEnd;
}

export interface StepResult extends SendResult {
  /** The device's words when the step failed. */
  failure?: string;
}

const QUIET_MS = 300;

export class ShellDriver {
  mode = '';
  base: string | undefined;

  constructor(
    readonly channel: TerminalChannel,
    readonly platform: Platform,
    private readonly secrets: DriverSecrets,
    readonly host: string,
    private readonly newline = '\n',
    private readonly logger?: Logger,
  ) {}

  private secretFor(answer: Answer): string | undefined {
    if (answer.secret === 'enableSecret') return this.secrets.enableSecret;
    if (answer.secret === 'password') return this.secrets.password;
    return answer.answer;
  }

  /** One decision per received chunk: prompt, pager, or a listed question. */
  private decide(
    view: ReadView,
    modes: readonly Mode[],
    options: SendOptions,
    used: Set<Answer>,
  ): ReadStep<SendEnd> | undefined {
    if (!view.sawNewline) return undefined;
    const prompt = matchPrompt(view.lastLine, modes, options.anyBase ? undefined : this.base);
    if (prompt) return { done: { kind: 'prompt', prompt } };
    const pager = this.platform.pager;
    if (pager?.prompt.test(view.lastLine)) return { send: pager.answer, dropLastLine: true };
    for (const answer of options.answers ?? []) {
      if (!answer.prompt.test(view.lastLine)) continue;
      if (used.has(answer)) return { done: { kind: 'repeated', answer } };
      const text = this.secretFor(answer);
      if (text === undefined) return { done: { kind: 'missing-secret', answer } };
      used.add(answer);
      return { send: text + this.newline };
    }
    return undefined;
  }

  /** Type one line and read until the next prompt. */
  async send(command: string, options: SendOptions): Promise<SendResult> {
    // Worked out once per command, not on every chunk the device sends.
    const wanted = options.modes;
    const modes = wanted ? this.platform.modes.filter((m) => wanted.includes(m.name)) : this.platform.modes;
    const used = new Set<Answer>();
    const stale = this.channel.discard();
    if (stale.trim() !== '')
      this.logger?.debug({ host: this.host, stale: stale.length }, 'discarded unsolicited output');
    this.channel.write(command + this.newline);
    try {
      const { raw, value: end } = await this.channel.readUntil({
        timeoutMs: options.timeoutMs,
        signal: options.signal,
        check: (view) => this.decide(view, modes, options, used),
      });
      if (end.kind === 'prompt') this.adopt(end.prompt);
      const output = extractOutput(raw, {
        command,
        endsWithPrompt: end.kind === 'prompt',
        trailingLines: this.platform.trailingLines,
      });
      return { raw, output, end };
    } catch (error) {
      throw readFailure(error, { host: this.host, phase: 'command', command, timeoutMs: options.timeoutMs });
    }
  }

  private adopt(prompt: PromptMatch): void {
    this.mode = prompt.mode;
    if (prompt.base !== undefined) this.base = prompt.base;
  }

  /** Run a platform step and judge it by the platform's and the step's failure patterns. */
  async runStep(step: Step, options: Omit<SendOptions, 'answers'>): Promise<StepResult> {
    const result = await this.send(step.command, { ...options, answers: step.answers });
    if (result.end.kind !== 'prompt') {
      const why = result.end.kind === 'repeated' ? 'asked again' : 'asked for a secret that is not set';
      return { ...result, failure: `the device ${why}: ${result.end.answer.prompt.source}` };
    }
    const failure = this.failureIn(result.output, step.failures);
    if (failure) return { ...result, failure };
    if (step.success && !step.success.test(result.output)) {
      const said =
        result.output
          .split('\n')
          .filter((l) => l.trim() !== '')
          .pop()
          ?.trim() ?? '(nothing)';
      return { ...result, failure: `no /${step.success.source}/ in the output; the device said: ${said}` };
    }
    return result;
  }

  /** The device's words if `output` shows a rejection. */
  failureIn(output: string, extra: readonly RegExp[] = []): string | undefined {
    const patterns = extra.length === 0 ? this.platform.failures : [...this.platform.failures, ...extra];
    return findFailure(output, patterns, this.platform.failureScanLines)?.message;
  }

  /**
   * The first prompt after login. Over telnet the platform's login questions are answered on the way.
   * Devices that wait for a return get one after a second; the extra prompt it causes is drained.
   */
  async start(options: { timeoutMs: number; signal?: AbortSignal; login?: TelnetLogin }): Promise<void> {
    const state = { nudged: false, credentialsSent: false, user: false, pass: false };
    const nudgeAfter = Math.min(1000, Math.max(50, Math.floor(options.timeoutMs / 4)));
    try {
      const { value } = await this.channel.readUntil<PromptMatch>({
        timeoutMs: options.timeoutMs,
        signal: options.signal,
        nudge: {
          afterMs: nudgeAfter,
          send: this.newline,
          onSent: () => {
            state.nudged = true;
          },
        },
        check: (view) => this.decideLogin(view, options.login, state),
      });
      this.adopt(value);
    } catch (error) {
      throw readFailure(error, {
        host: this.host,
        phase: options.login ? 'login' : 'prompt',
        timeoutMs: options.timeoutMs,
        credentialsSent: state.credentialsSent,
      });
    }
    // A nudge may still be answered by a second prompt: let it arrive, then drop it.
    if (state.nudged) {
      await this.quiet(QUIET_MS, options.signal);
      this.channel.discard();
    }
  }

  private decideLogin(
    view: ReadView,
    login: TelnetLogin | undefined,
    state: { credentialsSent: boolean; user: boolean; pass: boolean },
  ): ReadStep<PromptMatch> | undefined {
    const prompt = matchPrompt(view.lastLine, this.platform.modes);
    if (prompt) return { done: prompt };
    if (!login) return undefined;
    const refuse = (why: string) => {
      throw new NetrunError('AUTH_FAILED', `${this.host} refused the telnet login (${why})`);
    };
    if (login.usernamePrompt.test(view.lastLine)) {
      if (state.user) refuse('it asked for the username again');
      state.user = true;
      state.credentialsSent = true;
      return { send: (this.secrets.username ?? '') + this.newline };
    }
    if (login.passwordPrompt.test(view.lastLine)) {
      if (state.pass) refuse('it asked for the password again');
      state.pass = true;
      state.credentialsSent = true;
      return { send: (this.secrets.password ?? '') + this.newline };
    }
    return undefined;
  }

  private quiet(ms: number, signal?: AbortSignal): Promise<void> {
    return new Promise((resolve) => {
      const timer = setTimeout(resolve, ms);
      signal?.addEventListener(
        'abort',
        () => {
          clearTimeout(timer);
          resolve();
        },
        { once: true },
      );
    });
  }
}
