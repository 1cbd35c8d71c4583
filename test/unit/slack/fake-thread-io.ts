import type { SlackMessage, ThreadIo } from '../../../src/slack/index.js';
import type { FakeTimers } from './fake-timers.js';

export interface IoCall {
  kind: 'post' | 'update' | 'upload';
  at: number;
  channel: string;
  threadTs?: string;
  ts?: string;
  message?: SlackMessage;
  filename?: string;
  content?: string;
}

/** Records every call with the fake clock's time; `failWith` makes chosen calls throw. */
export class FakeThreadIo implements ThreadIo {
  readonly calls: IoCall[] = [];
  failWith: ((call: IoCall) => Error | undefined) | undefined;
  #ts = 0;

  constructor(readonly timers: FakeTimers) {}

  async post(args: { channel: string; threadTs?: string; message: SlackMessage }): Promise<string> {
    const call: IoCall = {
      kind: 'post',
      at: this.timers.now(),
      channel: args.channel,
      message: args.message,
    };
    if (args.threadTs) call.threadTs = args.threadTs;
    this.#check(call);
    this.#ts += 1;
    call.ts = `1700000000.${String(this.#ts).padStart(6, '0')}`;
    this.calls.push(call);
    return call.ts;
  }

  async update(args: { channel: string; ts: string; message: SlackMessage }): Promise<void> {
    const call: IoCall = { kind: 'update', at: this.timers.now(), ...args };
    this.#check(call);
    this.calls.push(call);
  }

  async upload(args: { channel: string; threadTs: string; file: { filename: string; content: string } }) {
    const call: IoCall = {
      kind: 'upload',
      at: this.timers.now(),
      channel: args.channel,
      threadTs: args.threadTs,
      filename: args.file.filename,
      content: args.file.content,
    };
    this.#check(call);
    this.calls.push(call);
  }

  posts(): IoCall[] {
    return this.calls.filter((c) => c.kind === 'post');
  }

  text(call: IoCall): string {
    return JSON.stringify(call.message?.blocks ?? []) + (call.message?.text ?? '');
  }

  #check(call: IoCall): void {
    const error = this.failWith?.(call);
    if (error) throw error;
  }
}

export function slackError(code: string): Error {
  return Object.assign(new Error(`An API error occurred: ${code}`), {
    code: 'slack_webapi_platform_error',
    data: { ok: false, error: code },
  });
}
