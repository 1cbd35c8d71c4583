import { describe, it } from 'vitest';
import { FORMS } from '../../../reliability/forms.js';
import { deviceFaultsScenario } from '../../../reliability/scenarios/device-faults.js';
import { expectHeld } from './held.js';

describe('reliability · device fault matrix (fast form)', () => {
  it('reports every lab fault with its own reason, for a run and for a push, healthy devices unaffected', async () => {
    const results = await deviceFaultsScenario(FORMS.fast.deviceFaults);
    expectHeld(results, ['device faults · run via Slack', 'device faults · push via Slack']);
  }, 180_000);
});
