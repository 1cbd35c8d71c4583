import type { CliIo } from '../../src/cli/io.js';

export interface CapturedIo {
  io: CliIo;
  stdout(): string;
  stderr(): string;
  /** What Ctrl-C does to the CLI: aborts io.signal. */
  interrupt(reason?: string): void;
}

/** A CliIo for calling `main(argv, io)` in-process, with both streams captured as text. */
export function captureIo(env: Record<string, string>, options: { stderrIsTTY?: boolean } = {}): CapturedIo {
  const out: string[] = [];
  const err: string[] = [];
  const controller = new AbortController();
  return {
    io: {
      stdout: { write: (text: string) => out.push(text), isTTY: false },
      stderr: { write: (text: string) => err.push(text), isTTY: options.stderrIsTTY ?? false },
      env,
      signal: controller.signal,
    },
    stdout: () => out.join(''),
    stderr: () => err.join(''),
    interrupt: (reason = 'interrupted by SIGINT') => controller.abort(new Error(reason)),
  };
}
