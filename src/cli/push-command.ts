import { readFile } from 'node:fs/promises';
import { createInterface } from 'node:readline';
import { NetrunError } from '../errors.js';
import { type Host, selectTargets } from '../inventory/index.js';
import type { Logger } from '../logger.js';
import {
  configStyleFrom,
  type DryRun,
  dryRunJson,
  dryRunText,
  FILE_CONFIG_MAX_CHARS,
  maskLines,
  parseConfigLines,
  pushCommandText,
  pushOutcome,
  ROLLOUT_DEFAULTS,
  ROLLOUT_LIMITS,
  runDryRun,
} from '../push/index.js';
import { redactText } from '../redaction/index.js';
import { createRuntime, type Runtime } from '../runtime.js';
import type { Store } from '../store/index.js';
import { auditJob } from '../store/index.js';
import {
  type CliIo,
  cliConfig,
  EXIT,
  onStreamError,
  parseCliArgs,
  secondsOption,
  wholeNumberOption,
} from './io.js';
import { openPushAudit, recordPushRequest } from './push-audit.js';
import { cliActor } from './run-audit.js';
import { exitCodeFor, stdoutReporter } from './run-command.js';

export const PUSH_HELP = `Usage: netrun push <target> --config-file FILE [options]

Pushes config lines to every device of the target. First a dry run reads each device's running
config and prints, per device, which lines are new and which are already there (a unified diff);
then netrun asks before it sends anything. Canary devices go first, alone: if one fails, no other
device is touched. Once failures reach --stop-after, no further device starts.

  <target>                 a group, a host, a comma list, !name to exclude, key=value filters, or all

Options:
  -f, --config-file FILE   the config lines, one command per line as typed in config mode (indent
                           child lines with spaces; blank lines and ! or # comments are skipped)
  -y, --yes                push without asking (needed when stdin is not a terminal)
      --no-save            do not save the configuration after the push (commit platforms still commit)
      --canary N           devices pushed first, alone (default 1; 0 for none)
      --stop-after N       start no further device once N have failed (default 1)
  -i, --inventory FILE     inventory file (default: $NETRUN_INVENTORY or ./inventory.yaml)
  -c, --concurrency N      devices at once after the canaries (default: $NETRUN_JOB_CONCURRENCY or 20)
  -t, --timeout S          whole-device timeout in seconds (default: the inventory's host_timeout)
      --json               NDJSON on stdout: the dry run per device, then each device's push, then the summary
      --db FILE            the audit database (default: $NETRUN_DB or ./netrun.db, if it exists)
  -h, --help               this text

Exit status: 0 when every device took the change, 1 when any did not (or you answered no), 2 for a
usage or configuration error, or when confirmation is needed and stdin is not a terminal.

Audit: when the bot's database exists, the request, your confirmation, the job and each device's
outcome are recorded as cli:<your OS user>. A push never creates that database; --db names one that
must exist.`;

const OPTIONS = {
  'config-file': { type: 'string', short: 'f' },
  yes: { type: 'boolean', short: 'y' },
  'no-save': { type: 'boolean' },
  canary: { type: 'string' },
  'stop-after': { type: 'string' },
  inventory: { type: 'string', short: 'i' },
  concurrency: { type: 'string', short: 'c' },
  timeout: { type: 'string', short: 't' },
  json: { type: 'boolean' },
  db: { type: 'string' },
  help: { type: 'boolean', short: 'h' },
} as const;

/** Where the confirmation is read from: a terminal, or nothing at all. */
export type PromptInput = NodeJS.ReadableStream & { isTTY?: boolean };

/** The CLI's io, plus stdin for the question (process.stdin when absent). */
export type PushIo = CliIo & { stdin?: PromptInput };

export interface PushCommandDeps {
  osUser?: () => string;
}

interface PushRequest {
  target: string;
  configFile: string;
  yes: boolean;
  save: boolean;
  canary: number;
  stopAfterFailures: number;
  inventory: string | undefined;
  concurrency: number | undefined;
  hostTimeoutMs: number | undefined;
  json: boolean;
  db: string | undefined;
}

export async function runPushCommand(
  argv: string[],
  io: PushIo,
  deps: PushCommandDeps = {},
): Promise<number> {
  const request = parsePushArgs(argv);
  if (request === 'help') {
    io.stdout.write(`${PUSH_HELP}\n`);
    return EXIT.ok;
  }
  const lines = await readConfigFile(request.configFile);
  const { config, logger } = cliConfig(io);
  const runtime = await createRuntime({ config, logger, env: io.env, inventoryPath: request.inventory });
  const hosts = selectTargets(runtime.inventory, request.target);
  const audit = openPushAudit(request.db ?? config.files.db, request.db !== undefined, io, logger);
  const actor = cliActor(io.env, deps.osUser);
  onStreamError(io.stderr, () => undefined);
  try {
    const dryRun = await runDryRun(
      { runner: runtime.runner, taskFor: runtime.taskFor, configStyleOf: configStyleFrom(runtime.platforms) },
      { hosts, lines, signal: io.signal, meta: { purpose: 'push dry run', target: request.target } },
    );
    printDryRun(io, request, hosts, lines, dryRun);
    if (dryRun.cancelled) {
      io.stderr.write('netrun push: the dry run was interrupted; nothing was pushed.\n');
      return EXIT.failed;
    }
    const answer = await confirm(io, request, hosts, lines);
    const { target, save, canary, stopAfterFailures } = request;
    const rollout = { save, canary, stopAfterFailures };
    const record = (outcome: string, confirmation: string) =>
      audit &&
      recordPushRequest(audit, logger, { actor, target, lines, dryRun, rollout, outcome, confirmation });
    if (answer !== 'yes') {
      record(answer === 'no-tty' ? 'refused' : 'declined', answer);
      return answer === 'no-tty' ? EXIT.usage : EXIT.failed;
    }
    record('confirmed', request.yes ? '--yes' : 'prompt');
    return await push(runtime, io, request, { hosts, lines, audit, actor, logger });
  } finally {
    audit?.close();
  }
}

function parsePushArgs(argv: string[]): PushRequest | 'help' {
  const { values, positionals } = parseCliArgs('push', argv, OPTIONS);
  if (values.help) return 'help';
  const [target, ...extra] = positionals;
  if (target === undefined || extra.length > 0) {
    throw new NetrunError('USAGE', `netrun push takes one target (got ${positionals.length} argument(s))`, {
      hint: 'example: netrun push core-routers --config-file ntp.txt',
    });
  }
  const configFile = values['config-file'];
  if (configFile === undefined) {
    throw new NetrunError('USAGE', 'netrun push needs --config-file FILE: the config lines to push', {
      hint: 'write the lines into a file, one command per line, and pass it with --config-file',
    });
  }
  return {
    target,
    configFile,
    yes: !!values.yes,
    save: !values['no-save'],
    canary: rolloutOption('canary', values.canary, 'canary'),
    stopAfterFailures: rolloutOption('stop-after', values['stop-after'], 'stopAfterFailures'),
    inventory: values.inventory,
    concurrency: wholeNumberOption('concurrency', values.concurrency, 1, 10_000),
    hostTimeoutMs: secondsOption('timeout', values.timeout, 86_400),
    json: !!values.json,
    db: values.db,
  };
}

function rolloutOption(name: string, raw: string | undefined, key: 'canary' | 'stopAfterFailures'): number {
  const { min, max } = ROLLOUT_LIMITS[key];
  return wholeNumberOption(name, raw, min, max) ?? ROLLOUT_DEFAULTS[key];
}

async function readConfigFile(path: string): Promise<string[]> {
  const text = await readFile(path, 'utf8').catch((cause: unknown) => {
    throw new NetrunError('FILE_UNREADABLE', `cannot read the config file "${path}" (--config-file)`, {
      cause,
    });
  });
  const parsed = parseConfigLines(text, {
    maxChars: FILE_CONFIG_MAX_CHARS,
    source: `the config file ${path}`,
    tooLongHint: 'push a smaller change.',
  });
  if (!parsed.ok) throw new NetrunError('USAGE', parsed.problem);
  return parsed.lines;
}

function describeRollout(request: PushRequest, hosts: readonly Host[], lines: readonly string[]): string {
  const canary = request.canary > 0 ? `canary ${request.canary} first` : 'no canary';
  const save = request.save ? 'save after push' : 'no save';
  return `${pushCommandText(lines)} to ${hosts.length} device(s) of ${request.target} (${canary}, stop after ${request.stopAfterFailures} failure(s), ${save})`;
}

function printDryRun(
  io: CliIo,
  request: PushRequest,
  hosts: readonly Host[],
  lines: readonly string[],
  dryRun: DryRun,
) {
  if (request.json) {
    for (const device of dryRun.perDevice)
      io.stdout.write(`${JSON.stringify(dryRunJson(device, redactText))}\n`);
    const { changing, compliant, failed, headline } = dryRun.summary;
    const unchecked = failed.map((f) => f.host);
    io.stdout.write(
      `${JSON.stringify({ type: 'dry-run-summary', headline, changing, compliant, unchecked })}\n`,
    );
    return;
  }
  const masked = maskLines(lines, redactText);
  io.stdout.write(`== dry run: ${describeRollout(request, hosts, lines)} ==\n${masked.join('\n')}\n\n`);
  io.stdout.write(dryRunText(dryRun));
}

/** `yes`, `no` (the person said so), or `no-tty` (there is nobody to ask). */
async function confirm(io: PushIo, request: PushRequest, hosts: readonly Host[], lines: readonly string[]) {
  if (request.yes) return 'yes';
  const stdin = io.stdin ?? (process.stdin as PromptInput);
  if (!stdin.isTTY) {
    io.stderr.write(
      'netrun push: not pushed: stdin is not a terminal, so netrun cannot ask for confirmation.\n  → review the dry run above, then run the same command with --yes\n',
    );
    return 'no-tty';
  }
  io.stderr.write(`\nPush ${describeRollout(request, hosts, lines)}? [y/N] `);
  const answer = (await readLine(stdin, io.signal)).trim().toLowerCase();
  if (answer === 'y' || answer === 'yes') return 'yes';
  io.stderr.write('Not pushed.\n');
  return 'no';
}

async function readLine(stdin: PromptInput, signal: AbortSignal): Promise<string> {
  const lines = createInterface({ input: stdin, terminal: false });
  const stop = () => lines.close();
  signal.addEventListener('abort', stop, { once: true });
  try {
    for await (const line of lines) return line;
    return '';
  } finally {
    signal.removeEventListener('abort', stop);
    lines.close();
  }
}

interface PushRun {
  hosts: Host[];
  lines: string[];
  audit: Store | undefined;
  actor: string;
  logger: Logger;
}

async function push(runtime: Runtime, io: CliIo, request: PushRequest, run: PushRun): Promise<number> {
  const job = runtime.runner.start({
    hosts: run.hosts,
    task: runtime.taskFor({ kind: 'push', lines: run.lines, save: request.save }),
    canary: request.canary,
    stopAfterFailures: request.stopAfterFailures,
    concurrency: request.concurrency,
    hostTimeoutMs: request.hostTimeoutMs,
    signal: io.signal,
    meta: { command: pushCommandText(run.lines), target: request.target },
  });
  if (run.audit) {
    const context = { actor: run.actor, command: pushCommandText(run.lines), target: request.target };
    auditJob(job, context, { store: run.audit, log: run.logger });
  }
  const reporter = stdoutReporter(job, io, { order: 'completion', json: request.json });
  if (!request.json) io.stdout.write('\n== push ==\n');
  job.on((event) => reporter.handle(event));
  const summary = await job.done;
  const rollout = {
    hosts: run.hosts.map((h) => h.name),
    canary: request.canary,
    stopAfterFailures: request.stopAfterFailures,
  };
  const outcome = pushOutcome(summary, job.results(), rollout);
  if (request.json)
    io.stdout.write(
      `${JSON.stringify({ type: 'push-outcome', result: outcome.result, message: outcome.message })}\n`,
    );
  else io.stdout.write(`push: ${outcome.message}\n`);
  return exitCodeFor(summary);
}
