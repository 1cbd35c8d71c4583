import type { DryRun } from './dry-run.js';
import { maskLines } from './dry-run-record.js';
import type { DevicePlan } from './summarise-plans.js';

/**
 * The dry run as plain text: the terminal prints it before asking, and Slack attaches it to the
 * approval thread when it is too long for the message. Diffs are already masked by the planner.
 */

function plural(count: number, noun: string): string {
  return `${count} ${noun}${count === 1 ? '' : 's'}`;
}

export function dryRunDeviceText(device: DevicePlan): string {
  if ('error' in device) {
    return `== ${device.host} · could not be checked · ${device.error.code}: ${device.error.message} ==`;
  }
  const { plan } = device;
  if (!plan.changes) {
    return `== ${device.host} · already compliant (${plural(plan.presentLines.length, 'line')} present) ==`;
  }
  const present = plan.presentLines.length > 0 ? `, ${plan.presentLines.length} already there` : '';
  const header = `== ${device.host} · would change: ${plural(plan.newLines.length, 'new line')}${present} ==`;
  const diff = plan.diff.replace(/\n+$/, '');
  return diff === '' ? header : `${header}\n${diff}`;
}

/** Every device, then the headline. */
export function dryRunText(dryRun: Pick<DryRun, 'perDevice' | 'summary'>): string {
  const devices = dryRun.perDevice.map(dryRunDeviceText).join('\n\n');
  return `${devices}\n\nDry run: ${dryRun.summary.headline}\n`;
}

/** One device's dry run as a JSON object (`netrun push --json`); requested lines masked with `mask`. */
export function dryRunJson(device: DevicePlan, mask: (text: string) => string): Record<string, unknown> {
  if ('error' in device)
    return { type: 'dry-run', host: device.host, status: 'unchecked', error: device.error };
  const { plan } = device;
  return {
    type: 'dry-run',
    host: device.host,
    status: plan.changes ? 'change' : 'compliant',
    newLines: maskLines(
      plan.newLines.map((l) => l.text),
      mask,
    ),
    presentLines: plan.presentLines.length,
    diff: plan.diff,
  };
}
