import { describe, it } from 'vitest';
import { FORMS } from '../../../reliability/forms.js';
import { restartsScenario } from '../../../reliability/scenarios/restarts.js';
import { expectHeld } from './held.js';

describe('reliability · kill -9 and restart (fast form)', () => {
  it('loses no result and types no push line twice across kills at seeded random moments', async () => {
    const results = await restartsScenario(FORMS.fast.restarts);
    expectHeld(results, ['restarts · kill -9 during commands', 'restarts · kill -9 during pushes']);
  }, 240_000);
});
