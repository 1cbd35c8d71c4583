/**
 * The two sizes of every scenario: `long` for `npm run reliability` (the sizes the issue names) and
 * `fast` for `npm test` (the same code and invariants, small enough for CI).
 */
import type { DeviceFaultsOptions } from './scenarios/device-faults.js';
import type { LoadOptions } from './scenarios/load.js';
import type { RestartsOptions } from './scenarios/restarts.js';
import type { SlackFaultsOptions } from './scenarios/slack-faults.js';

export type Form = 'long' | 'fast';

export interface FormOptions {
  deviceFaults: DeviceFaultsOptions;
  slackFaults: SlackFaultsOptions;
  restarts: RestartsOptions;
  load: LoadOptions;
}

export const FORMS: Record<Form, FormOptions> = {
  long: {
    deviceFaults: { devices: 200, perFault: 10 },
    slackFaults: { devices: 500, jobSeconds: 25, retryAfterSec: [3, 5] },
    restarts: { devices: 100, rounds: 8, seed: 7, windowMs: 8_000 },
    load: { users: 50, devicesPerUser: 20, bigJobDevices: 1_000 },
  },
  fast: {
    deviceFaults: { devices: 60, perFault: 2 },
    // Mixed holds every fault kind at once; answers-lost is the ambiguous case.
    slackFaults: { devices: 100, jobSeconds: 6, retryAfterSec: [1, 2], cases: ['mixed', 'answers lost'] },
    restarts: { devices: 40, rounds: 4, seed: 11, windowMs: 5_000 },
    // 20 devices per user: with fewer, every small device starts before the big job's running ones end,
    // and whether the big job gave way cannot be measured.
    load: { users: 6, devicesPerUser: 20, bigJobDevices: 200 },
  },
};
