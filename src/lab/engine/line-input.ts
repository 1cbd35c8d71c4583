/**
 * Keyboard input of one terminal session. Input that arrives while the device is busy waits here
 * and is echoed only when it is read — as a real device treats typeahead, so a client that sends
 * ten config lines at once sees prompt, echo, prompt, echo… in order.
 */

export class SessionClosed extends Error {
  constructor() {
    super('session closed');
  }
}

export type LineResult = { kind: 'line'; text: string } | { kind: 'ctrl-z' } | { kind: 'ctrl-c' };

export class InputQueue {
  private buf = '';
  private pos = 0;
  private waiter: (() => void) | undefined;
  private closed = false;
  /** After a CR, a following LF or NUL belongs to the same Enter (CRLF from ssh, CR NUL from telnet). */
  private afterCr = false;

  push(data: string): void {
    if (this.closed) return;
    if (this.pos > 4096 && this.pos * 2 > this.buf.length) {
      this.buf = this.buf.slice(this.pos);
      this.pos = 0;
    }
    this.buf += data;
    this.wake();
  }

  close(): void {
    this.closed = true;
    this.wake();
  }

  get isClosed(): boolean {
    return this.closed;
  }

  private wake(): void {
    const w = this.waiter;
    this.waiter = undefined;
    w?.();
  }

  private async fill(): Promise<void> {
    while (this.pos >= this.buf.length) {
      if (this.closed) throw new SessionClosed();
      await new Promise<void>((resolve) => {
        this.waiter = resolve;
      });
    }
  }

  /** The next character, or undefined when it was the LF/NUL half of an Enter. */
  private take(): string | undefined {
    const ch = this.buf[this.pos++] as string;
    const skip = this.afterCr && (ch === '\n' || ch === '\0');
    this.afterCr = ch === '\r';
    return skip ? undefined : ch;
  }

  /** One key press (a pager answer): Enter arrives as '\r' whichever line ending the client uses. */
  async readKey(): Promise<string> {
    for (;;) {
      await this.fill();
      const ch = this.take();
      if (ch !== undefined) return ch === '\n' ? '\r' : ch;
    }
  }

  /** A line as a device's line editor reads it; `visible: false` for passwords (no echo). */
  async readLine(echo: (text: string) => void, visible: boolean): Promise<LineResult> {
    let line = '';
    for (;;) {
      await this.fill();
      let out = '';
      while (this.pos < this.buf.length) {
        const ch = this.take();
        if (ch === undefined) continue;
        if (ch === '\r' || ch === '\n') {
          echo(`${out}\n`);
          return { kind: 'line', text: line };
        }
        if (ch === '\x1a' || ch === '\x03') {
          echo(`${out}${ch === '\x03' ? '^C' : '^Z'}\n`);
          return { kind: ch === '\x03' ? 'ctrl-c' : 'ctrl-z' };
        }
        if (ch === '\x7f' || ch === '\b') {
          if (line.length > 0 && visible) out += '\b \b';
          line = line.slice(0, -1);
        } else if (ch === '\x1b') {
          this.skipEscape();
        } else if (ch >= ' ') {
          line += ch;
          if (visible) out += ch;
        }
      }
      if (out) echo(out);
    }
  }

  /** Arrow keys and other `ESC [ … letter` sequences edit nothing here; drop them. */
  private skipEscape(): void {
    if (this.buf[this.pos] !== '[') return;
    this.pos++;
    while (this.pos < this.buf.length && !/[A-Za-z~]/.test(this.buf[this.pos] as string)) this.pos++;
    this.pos++;
  }
}
