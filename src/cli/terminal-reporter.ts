import type { HostResult, JobSummary } from '../engine/index.js';
import { formatDuration, formatSummary, hasStarted, type JobEvent } from '../engine/index.js';

export type OutputOrder = 'completion' | 'inventory';

export interface TerminalReporterOptions {
  /** Receives whole blocks only: one device's header and output in one call, so nothing interleaves. */
  write: (text: string) => void;
  order: OutputOrder;
  /** NDJSON instead of text: one object per device, then one summary object. */
  json: boolean;
}

/**
 * Turns a job's events into terminal text. In completion order a device is printed the moment it
 * finishes (the seeds' as_completed); in inventory order results wait until every device before
 * them has been printed (the seeds' map). Either way each device is written as one block.
 */
export class TerminalReporter {
  readonly #options: TerminalReporterOptions;
  #order: string[] = [];
  readonly #waiting = new Map<string, HostResult>();
  #next = 0;

  constructor(options: TerminalReporterOptions) {
    this.#options = options;
  }

  handle(event: JobEvent): void {
    if (event.type === 'job:start') this.#order = event.hosts;
    else if (event.type === 'host:done') this.#arrived(event.result);
    else if (event.type === 'job:done') this.#finish(event.summary);
  }

  #arrived(result: HostResult): void {
    if (this.#options.order === 'completion') {
      this.#print(result);
      return;
    }
    this.#waiting.set(result.host, result);
    for (let name = this.#order[this.#next]; name !== undefined; name = this.#order[this.#next]) {
      const ready = this.#waiting.get(name);
      if (!ready) break;
      this.#waiting.delete(name);
      this.#next += 1;
      this.#print(ready);
    }
  }

  #print(result: HostResult): void {
    this.#options.write(this.#options.json ? `${JSON.stringify(hostRecord(result))}\n` : renderHost(result));
  }

  #finish(summary: JobSummary): void {
    // Anything still held back (a device missing from job:start's list) is printed rather than lost.
    for (const result of this.#waiting.values()) this.#print(result);
    this.#waiting.clear();
    this.#options.write(
      this.#options.json
        ? `${JSON.stringify({ type: 'summary', ...summary })}\n`
        : `\n== summary ==\n${formatSummary(summary)}\n`,
    );
  }
}

export function hostRecord(result: HostResult): Record<string, unknown> {
  return { type: 'host', ...result };
}

/** `== r1 · ok · 1.2 s ==` then the output, or the error and what to do. */
export function renderHost(result: HostResult): string {
  // A device cancelled in the queue took no time: "0 ms" would read as a device that answered at once.
  const took = hasStarted(result) ? formatDuration(result.timings.totalMs) : 'not started';
  const header = `== ${result.host} · ${statusWord(result)} · ${took} ==`;
  const lines = [header];
  const showCommandNames = result.outputs.length > 1;
  for (const { command, output } of result.outputs) {
    if (showCommandNames) lines.push(`-- ${command}`);
    if (output.length > 0) lines.push(output.replace(/\n+$/, ''));
  }
  if (result.push) lines.push(...renderPush(result.push));
  if (result.error)
    lines.push(`error ${result.error.code}: ${result.error.message}`, `  → ${result.error.hint}`);
  return `${lines.join('\n')}\n`;
}

function statusWord(result: HostResult): string {
  return result.status === 'ok' ? 'ok' : `${result.status.toUpperCase()}`;
}

function renderPush(push: NonNullable<HostResult['push']>): string[] {
  const lines = [`applied ${push.applied.length} line(s)${push.saved ? ', saved' : ', not saved'}`];
  if (push.rejected) lines.push(`rejected: ${push.rejected.line}`, `  device said: ${push.rejected.message}`);
  return lines;
}
