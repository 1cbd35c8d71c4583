import { describe, expect, it } from 'vitest';
import { type HostResult, summarise } from '../../../src/engine/index.js';
import { pushCommandText, pushOutcome } from '../../../src/push/index.js';
import { makeResult } from '../../helpers/make-result.js';

const HOSTS = ['r1', 'r2', 'r3', 'r4'];
const rollout = { hosts: HOSTS, canary: 1, stopAfterFailures: 1 };

function outcomeOf(results: HostResult[], settings = rollout) {
  return pushOutcome(summarise(results, { wallMs: 1_000, concurrency: 20 }), results, settings);
}

const notRun = (host: string) => makeResult({ host, status: 'cancelled', code: 'NOT_RUN', started: false });

describe('pushOutcome', () => {
  it('done when every device took the change', () => {
    const outcome = outcomeOf(HOSTS.map((host) => makeResult({ host })));
    expect(outcome).toMatchObject({ result: 'done', message: 'pushed to 4 devices: all ok' });
    expect(outcome.summary?.ok).toBe(4);
  });

  it('names the failed canary and the devices left untouched', () => {
    const outcome = outcomeOf([
      makeResult({ host: 'r1', code: 'AUTH_FAILED' }),
      ...['r2', 'r3', 'r4'].map(notRun),
    ]);
    expect(outcome).toMatchObject({
      result: 'failed',
      message: 'canary r1 (AUTH_FAILED) failed: rollout stopped; 3 devices not run, left untouched',
    });
  });

  it('says the threshold stopped the rollout after the canary', () => {
    const results = [
      makeResult({ host: 'r1' }),
      makeResult({ host: 'r2', code: 'COMMAND_REJECTED' }),
      notRun('r3'),
      notRun('r4'),
    ];
    expect(outcomeOf(results).message).toBe(
      'stopped after 1 failure: r2 (COMMAND_REJECTED); 1 ok; 2 devices not run, left untouched',
    );
    const all = outcomeOf(
      [
        makeResult({ host: 'r1' }),
        makeResult({ host: 'r2', code: 'AUTH_FAILED' }),
        makeResult({ host: 'r3' }),
      ],
      { hosts: ['r1', 'r2', 'r3'], canary: 1, stopAfterFailures: 5 },
    );
    expect(all.message).toBe('1 device failed: r2 (AUTH_FAILED); 2 ok');
  });

  it('a cancelled push says so', () => {
    const results = [
      makeResult({ host: 'r1' }),
      makeResult({ host: 'r2', status: 'cancelled', code: 'CANCELLED' }),
    ];
    expect(outcomeOf(results, { hosts: ['r1', 'r2'], canary: 0, stopAfterFailures: 1 })).toMatchObject({
      result: 'cancelled',
      message: 'cancelled: 1 ok, 1 device cancelled',
    });
  });
});

describe('pushCommandText', () => {
  it('names a push job by its line count', () => {
    expect(pushCommandText(['a'])).toBe('config push: 1 line');
    expect(pushCommandText(['a', 'b'])).toBe('config push: 2 lines');
  });
});
