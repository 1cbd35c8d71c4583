import { describe, expect, it } from 'vitest';
import { waitForChange } from '../../../src/lab/slack/wait-for.js';

function changes() {
  const listeners = new Set<() => void>();
  return {
    onChange: (l: () => void) => {
      listeners.add(l);
      return () => listeners.delete(l);
    },
    fire: () => {
      for (const l of [...listeners]) l();
    },
    count: () => listeners.size,
  };
}

describe('waitForChange', () => {
  it('resolves with the first truthy value after a change, and unsubscribes', async () => {
    const bus = changes();
    let value = 0;
    const waiting = waitForChange(bus.onChange, () => value >= 2 && `got ${value}`);
    value = 1;
    bus.fire();
    value = 2;
    bus.fire();
    await expect(waiting).resolves.toBe('got 2');
    expect(bus.count()).toBe(0);
  });

  it('rejects after the timeout, saying what it waited for', async () => {
    const bus = changes();
    await expect(
      waitForChange(bus.onChange, () => false, { timeoutMs: 20, description: 'the summary' }),
    ).rejects.toThrow(/timed out after 20 ms waiting for the summary/);
    expect(bus.count()).toBe(0);
  });

  it('stops when its signal aborts', async () => {
    const controller = new AbortController();
    const waiting = waitForChange(changes().onChange, () => false, { signal: controller.signal });
    controller.abort(new Error('test over'));
    await expect(waiting).rejects.toThrow('test over');
  });
});
