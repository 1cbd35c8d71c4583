import { describe, it } from 'vitest';
import { FORMS } from '../../../reliability/forms.js';
import { slackFaultsScenario } from '../../../reliability/scenarios/slack-faults.js';
import { expectHeld } from './held.js';

describe('reliability · Slack faults (fast form)', () => {
  it('puts every device in the thread once, summary last, through 429s, 5xx, drops, slow and lost answers', async () => {
    const results = await slackFaultsScenario(FORMS.fast.slackFaults);
    expectHeld(results, ['Slack faults · mixed', 'Slack faults · answers lost']);
  }, 240_000);
});
