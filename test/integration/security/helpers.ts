import type { Stack, StackOptions } from '../../../src/demo/index.js';
import { startStack } from '../../../src/demo/index.js';
import { type LabDeviceSpec, labDeviceSpecs } from '../../../src/lab/index.js';
import type { SlackStandin } from '../../../src/lab/slack/index.js';
import type { AuditEntry } from '../../../src/store/index.js';

export const CHANNEL = 'C0NETOPS01';
export const OTHER_CHANNEL = 'C0RANDOM01';
/** alice runs and pushes, carol only `show version`, dave approves and administers, erin is in a user group, bob is nobody. */
export const ALICE = 'U0ALICE001';
export const BOB = 'U0BOB00001';
export const CAROL = 'U0CAROL001';
export const DAVE = 'U0DAVE0001';
export const ERIN = 'U0ERIN0001';
export const NETOPS_GROUP = 'S0NETOPS01';

export const SECURITY_POLICY = `
channels: [${CHANNEL}]
roles:
  netops:
    users: [${ALICE}]
    usergroups: [${NETOPS_GROUP}]
    run: {}
  version-only:
    users: [${CAROL}]
    run: { commands: ['show version'] }
  pushers:
    users: [${ALICE}]
    push: { targets: [edge-switches] }
  leads:
    users: [${DAVE}, ${ALICE}]
    approve: { targets: ['*'] }
    admin: true
`;

/** Two core routers (XR, Junos) and two edge switches (IOS, EOS). */
export function fourDevices(): LabDeviceSpec[] {
  return labDeviceSpecs(4, ['cisco_xr', 'juniper_junos', 'cisco_ios', 'arista_eos']);
}

export function startSecurityStack(
  devices: LabDeviceSpec[] = fourDevices(),
  options: Partial<StackOptions> = {},
): Promise<Stack> {
  return startStack({
    devices,
    policyYaml: SECURITY_POLICY,
    standin: {
      channels: [
        { id: CHANNEL, name: 'netops' },
        { id: OTHER_CHANNEL, name: 'random' },
      ],
      usergroups: { [NETOPS_GROUP]: [ERIN] },
    },
    ...options,
  });
}

/** Everything the bot sent anywhere: Web API calls and response_url posts. */
export function outbound(standin: SlackStandin): number {
  return standin.calls().length + standin.responseUrlPosts().length;
}

/** Every command typed on every lab device, and every session opened: proof that no device was touched. */
export function deviceActivity(stack: Stack): { commands: number; sessions: number } {
  const lab = stack.lab;
  if (!lab) throw new Error('this stack has no lab');
  const commands = lab.devices.reduce((sum, device) => sum + lab.device(device.name).commands().length, 0);
  return { commands, sessions: lab.stats().totalSessions };
}

/** The audit entries written after `sinceId`. */
export function auditSince(stack: Stack, sinceId: number): AuditEntry[] {
  return stack.store.audit.query().filter((entry) => entry.id > sinceId);
}

export function lastAuditId(stack: Stack): number {
  return stack.store.audit.query({ limit: 1 }).at(-1)?.id ?? 0;
}

/** Waits until the trail holds an entry matching `predicate` after `sinceId`. */
export function waitForAudit(
  stack: Stack,
  sinceId: number,
  predicate: (entry: AuditEntry) => boolean,
  description = 'an audit entry',
): Promise<AuditEntry> {
  return stack.standin.waitFor(() => auditSince(stack, sinceId).find(predicate), { description });
}
