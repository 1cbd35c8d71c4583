/**
 * A terminal session on a simulated device: banner, prompt, line editing with echo, and dispatch of
 * each line — or a single command on an exec channel. Platform-neutral: all behaviour comes from the
 * personality.
 */
import { leaveConfig } from './config-state.js';
import { dispatchNetwork, dispatchShell } from './dispatch.js';
import { SessionClosed } from './line-input.js';
import { type LoginSpec, SessionCore } from './session-core.js';
import type { SessionDevice, TerminalIO } from './session-types.js';

export class CliSession {
  private readonly core: SessionCore;

  constructor(device: SessionDevice, io: TerminalIO, options: { interactive: boolean }) {
    this.core = new SessionCore(device, io, options.interactive);
  }

  /** Keyboard input from the client. */
  feed(data: string): void {
    this.core.input.push(data);
  }

  /** The connection is gone: stop whatever the session was doing. */
  close(): void {
    this.core.close();
  }

  get mode(): string {
    return this.core.mode;
  }

  private async execute(line: string): Promise<boolean> {
    const s = this.core;
    if (line.trim() === '') return true;
    s.device.logCommand(line.trim());
    // A shell command is all work; on network CLIs the dispatcher decides what takes device time.
    if (s.p.session.syntax === 'shell') {
      await s.sleep(s.device.commandMs);
      return dispatchShell(s, line);
    }
    return dispatchNetwork(s, s.mode, { line, base: 0 });
  }

  private async ctrlZ(): Promise<void> {
    const s = this.core;
    if (s.modeDef.kind !== 'config') return;
    await leaveConfig(s, undefined);
  }

  /** The interactive shell; resolves when the user logs out or the connection closes. */
  async runShell(options: { login?: LoginSpec } = {}): Promise<void> {
    const s = this.core;
    try {
      if (options.login && !(await s.login(options.login))) {
        s.io.end(1);
        return;
      }
      await s.print(s.render(s.p.session.motd));
      for (;;) {
        await s.send(s.prompt());
        const input = await s.input.readLine(s.echo, true);
        if (input.kind === 'ctrl-z') await this.ctrlZ();
        if (input.kind !== 'line') continue;
        if (!(await this.execute(input.text))) break;
      }
      s.io.end(0);
    } catch (error) {
      if (!(error instanceof SessionClosed)) throw error;
    } finally {
      s.close();
    }
  }

  /** One command on an exec channel: its output, then the exit status. */
  async runExec(command: string): Promise<void> {
    const s = this.core;
    try {
      await this.execute(command);
      s.io.end(s.status);
    } catch (error) {
      if (!(error instanceof SessionClosed)) throw error;
    } finally {
      s.close();
    }
  }
}
