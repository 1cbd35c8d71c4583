import { describe, expect, it } from 'vitest';
import { FORMS } from '../../../reliability/forms.js';
import { loadScenario } from '../../../reliability/scenarios/load.js';
import { expectHeld } from './held.js';

describe('reliability · load (fast form)', () => {
  it('acks every user within 3 s and lets no small job starve beside a big job', async () => {
    const { users, devicesPerUser, bigJobDevices } = FORMS.fast.load;
    const results = await loadScenario(FORMS.fast.load);
    expect(results).toHaveLength(1);
    expectHeld(results, [results[0]!.name]);
    expect(results[0]!.ack?.count).toBeGreaterThanOrEqual(users);
    expect(results[0]!.devices).toBe(bigJobDevices);
    expect(results[0]!.name).toContain(`${users} users × ${devicesPerUser} devices`);
  }, 180_000);
});
