import { SingleBar } from 'cli-progress';
import { assertSingleLine } from '../devices/index.js';
import type { Job, JobEvent, JobSummary } from '../engine/index.js';
import { NetrunError } from '../errors.js';
import { selectTargets } from '../inventory/index.js';
import { createRuntime } from '../runtime.js';
import {
  type CliIo,
  cliConfig,
  EXIT,
  onStreamError,
  parseCliArgs,
  secondsOption,
  wholeNumberOption,
} from './io.js';
import { cliActor, openRunAudit } from './run-audit.js';
import { type OutputOrder, TerminalReporter } from './terminal-reporter.js';

export const RUN_HELP = `Usage: netrun run "<command>" <target> [options]

Runs one command on every device of the target at once and prints each device's result as it
finishes, then a timing summary.

  <target>                 a group, a host, a comma list, !name to exclude, key=value filters
                           (role=core,site=ams), or all

Options:
  -i, --inventory FILE     inventory file (default: $NETRUN_INVENTORY or ./inventory.yaml)
  -c, --concurrency N      devices at once for this job (default: $NETRUN_JOB_CONCURRENCY or 20)
  -t, --timeout S          whole-device timeout in seconds (default: the inventory's host_timeout)
      --order ORDER        completion (default: as each device finishes) or inventory
      --json               NDJSON on stdout: one object per device, then one summary object
  -h, --help               this text

Exit status: 0 when every device succeeded, 1 when any did not, 2 for a usage or configuration error.
Ctrl-C cancels the job (devices still queued are not contacted) and still prints the summary.

Audit: when the bot's database exists ($NETRUN_DB, default ./netrun.db), the run, its devices and
their outcomes are recorded in its audit trail as cli:<your OS user> (see \`netrun audit\`). A run
never creates that database: without it, nothing is recorded.`;

const OPTIONS = {
  inventory: { type: 'string', short: 'i' },
  concurrency: { type: 'string', short: 'c' },
  timeout: { type: 'string', short: 't' },
  order: { type: 'string' },
  json: { type: 'boolean' },
  help: { type: 'boolean', short: 'h' },
} as const;

interface RunRequest {
  command: string;
  target: string;
  inventory: string | undefined;
  concurrency: number | undefined;
  hostTimeoutMs: number | undefined;
  order: OutputOrder;
  json: boolean;
}

export interface RunCommandDeps {
  /** The OS account recorded in the audit trail (os.userInfo by default). */
  osUser?: () => string;
}

export async function runRunCommand(argv: string[], io: CliIo, deps: RunCommandDeps = {}): Promise<number> {
  const request = parseRunArgs(argv);
  if (request === 'help') {
    io.stdout.write(`${RUN_HELP}\n`);
    return EXIT.ok;
  }
  const { config, logger } = cliConfig(io);
  const runtime = await createRuntime({ config, logger, env: io.env, inventoryPath: request.inventory });
  const hosts = selectTargets(runtime.inventory, request.target);
  const audit = openRunAudit(config.files.db, cliActor(io.env, deps.osUser), logger);

  const job = runtime.runner.start({
    hosts,
    task: runtime.taskFor({ kind: 'run', commands: [request.command] }),
    concurrency: request.concurrency,
    hostTimeoutMs: request.hostTimeoutMs,
    signal: io.signal,
    meta: { command: request.command, target: request.target },
  });
  audit?.follow(job, { command: request.command, target: request.target });
  report(job, io, request);
  try {
    return exitCodeFor(await job.done);
  } finally {
    audit?.close();
  }
}

/** Everything is checked before the inventory is read, so a typo fails at once. */
function parseRunArgs(argv: string[]): RunRequest | 'help' {
  const { values, positionals } = parseCliArgs('run', argv, OPTIONS);
  if (values.help) return 'help';
  const [command, target, ...extra] = positionals;
  if (command === undefined || target === undefined || extra.length > 0) {
    throw new NetrunError(
      'USAGE',
      `netrun run takes a command and a target (got ${positionals.length} argument(s)); quote a command with spaces`,
      { hint: 'example: netrun run "show version" core-routers' },
    );
  }
  assertSingleLine(command);
  return {
    command,
    target,
    inventory: values.inventory,
    concurrency: wholeNumberOption('concurrency', values.concurrency, 1, 10_000),
    hostTimeoutMs: secondsOption('timeout', values.timeout, 86_400),
    order: parseOrder(values.order),
    json: !!values.json,
  };
}

/** Results on stdout, the progress bar on stderr (a terminal only), never both on one line. */
function report(job: Job, io: CliIo, request: RunRequest): void {
  const reporter = stdoutReporter(job, io, request);
  // A progress bar with nowhere to go is no reason to stop the job.
  onStreamError(io.stderr, () => undefined);
  const progress = request.json || !io.stderr.isTTY ? undefined : new ProgressLine(io);
  job.on((event) => {
    if (event.type === 'host:done' || event.type === 'job:done') progress?.clear();
    reporter.handle(event);
    progress?.handle(event);
  });
}

/** Each device's result on stdout (`netrun run` and `netrun push`); a reader that goes away cancels the job. */
export function stdoutReporter(
  job: Job,
  io: CliIo,
  options: { order: OutputOrder; json: boolean },
): TerminalReporter {
  let stdoutOpen = true;
  onStreamError(io.stdout, (error) => {
    // `netrun run … | head`: the reader went away. Like any Unix tool, stop (the sessions close) quietly.
    stdoutOpen = false;
    job.cancel(`stdout was closed (${error.code ?? error.message})`);
  });
  return new TerminalReporter({
    write: (text) => {
      if (stdoutOpen) io.stdout.write(text);
    },
    order: options.order,
    json: options.json,
  });
}

export function exitCodeFor(summary: JobSummary): number {
  return summary.ok === summary.total ? EXIT.ok : EXIT.failed;
}

function parseOrder(raw: string | undefined): OutputOrder {
  if (raw === undefined || raw === 'completion' || raw === 'inventory') return raw ?? 'completion';
  throw new NetrunError('USAGE', `--order must be completion or inventory (got "${raw}")`);
}

/** A progress bar on stderr, cleared before each block of stdout so the two never mix on one line. */
class ProgressLine {
  readonly #bar: SingleBar;
  readonly #stream: CliIo['stderr'];
  #started = false;
  #failed = 0;

  constructor(io: CliIo) {
    this.#stream = io.stderr;
    this.#bar = new SingleBar({
      stream: io.stderr as NodeJS.WritableStream,
      format: ' {bar} {value}/{total} devices · {failed} not ok · {duration_formatted}',
      hideCursor: true,
      clearOnComplete: true,
      forceRedraw: true,
    });
  }

  clear(): void {
    if (this.#started) this.#stream.write('\r\x1b[2K');
  }

  handle(event: JobEvent): void {
    if (event.type === 'job:start') {
      this.#bar.start(event.hostCount, 0, { failed: 0 });
      this.#started = true;
    } else if (event.type === 'host:done') {
      this.#failed += event.result.status === 'ok' ? 0 : 1;
      this.#bar.update(event.done, { failed: this.#failed });
    } else if (event.type === 'job:done') {
      this.#bar.stop();
      this.#started = false;
    }
  }
}
