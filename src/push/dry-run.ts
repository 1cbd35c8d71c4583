import type { HostResult, JobSummary, Runner, TaskFactory } from '../engine/index.js';
import { toErrorInfo } from '../errors.js';
import type { Host } from '../inventory/index.js';
import { planConfigChange } from './config-diff.js';
import { type DevicePlan, type PlanSummary, summarisePlans } from './summarise-plans.js';
import type { ConfigStyle } from './types.js';

/**
 * The dry run of a push: every target's running config is read as an ordinary job on the runner
 * (so the global, group and job caps hold, and the device task's redaction masks it), then each
 * device is planned with its platform's config style. Nothing is typed in config mode.
 */
export interface DryRunDeps {
  runner: Runner;
  taskFor: TaskFactory;
  /** How a device's running config is written (its platform file's `config.style`). */
  configStyleOf: (host: Host) => ConfigStyle;
  /** Masks secrets in the texts the diff is made from; the built-in rules when absent. */
  redact?: (text: string) => string;
}

export interface DryRunRequest {
  hosts: readonly Host[];
  lines: readonly string[];
  signal?: AbortSignal;
  concurrency?: number;
  /** Passed to the read job's job:start (who asked, for logs). */
  meta?: Record<string, unknown>;
}

export interface DryRun {
  /** One entry per device, in target order. */
  perDevice: DevicePlan[];
  summary: PlanSummary;
  /** The read job's own summary (timings). */
  read: JobSummary;
  /** True when the read job was cancelled (shutdown, Ctrl-C): the dry run is incomplete. */
  cancelled: boolean;
}

export async function runDryRun(deps: DryRunDeps, request: DryRunRequest): Promise<DryRun> {
  const job = deps.runner.start({
    hosts: request.hosts,
    task: deps.taskFor({ kind: 'read-config' }),
    ...(request.signal ? { signal: request.signal } : {}),
    ...(request.concurrency ? { concurrency: request.concurrency } : {}),
    meta: { purpose: 'push dry run', ...request.meta },
  });
  const read = await job.done;
  const byHost = new Map(job.results().map((result) => [result.host, result]));
  const perDevice = request.hosts.map((host) => planDevice(deps, host, byHost.get(host.name), request.lines));
  const cancelled = job.results().some((r) => r.error?.code === 'CANCELLED');
  return { perDevice, summary: summarisePlans(perDevice), read, cancelled };
}

function planDevice(
  deps: DryRunDeps,
  host: Host,
  result: HostResult | undefined,
  lines: readonly string[],
): DevicePlan {
  if (!result) return { host: host.name, error: toErrorInfo(new Error(`no result for ${host.name}`)) };
  if (result.status !== 'ok') {
    return {
      host: host.name,
      error: result.error ?? toErrorInfo(new Error(`${host.name}: ${result.status}`)),
    };
  }
  const running = result.outputs[0]?.output ?? '';
  try {
    const plan = planConfigChange(running, lines, {
      style: deps.configStyleOf(host),
      label: host.name,
      ...(deps.redact ? { redact: deps.redact } : {}),
    });
    return { host: host.name, plan };
  } catch (error) {
    return { host: host.name, error: toErrorInfo(error) };
  }
}
