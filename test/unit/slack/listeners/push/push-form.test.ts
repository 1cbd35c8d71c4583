import { describe, expect, it } from 'vitest';
import { ACTION_IDS, BLOCK_IDS } from '../../../../../src/slack/index.js';
import { readModalContext, readPushForm } from '../../../../../src/slack/listeners/push/index.js';

function values(
  lines: string | null,
  numbers: Partial<Record<'canary' | 'stop' | 'approvals', string | null>> = {},
  save?: string[],
) {
  const number = (value: string | null | undefined) => ({ type: 'number_input', value: value ?? null });
  return {
    [BLOCK_IDS.pushLinesInput]: { [ACTION_IDS.pushLines]: { type: 'plain_text_input', value: lines } },
    ...(save
      ? {
          [BLOCK_IDS.pushSaveInput]: {
            [ACTION_IDS.pushSave]: { type: 'checkboxes', selected_options: save.map((value) => ({ value })) },
          },
        }
      : {}),
    [BLOCK_IDS.pushCanaryInput]: { [ACTION_IDS.pushCanary]: number(numbers.canary) },
    [BLOCK_IDS.pushStopAfterInput]: { [ACTION_IDS.pushStopAfter]: number(numbers.stop) },
    [BLOCK_IDS.pushApprovalsInput]: { [ACTION_IDS.pushApprovals]: number(numbers.approvals) },
  };
}

describe('readPushForm', () => {
  it('reads the lines and options, with the defaults for empty numbers and a missing checkbox', () => {
    expect(
      readPushForm(values('ntp server 10.0.0.1\n', { canary: '2', stop: '3', approvals: '2' }, [])),
    ).toEqual({
      ok: true,
      form: {
        lines: ['ntp server 10.0.0.1'],
        save: false,
        canary: 2,
        stopAfterFailures: 3,
        requiredApprovals: 2,
      },
    });
    expect(readPushForm(values('a'))).toEqual({
      ok: true,
      form: { lines: ['a'], save: true, canary: 1, stopAfterFailures: 1, requiredApprovals: 1 },
    });
  });

  it('names every bad input at its block', () => {
    const read = readPushForm(values(null, { canary: '1.5', stop: '0', approvals: '6' }));
    expect(read.ok).toBe(false);
    expect(!read.ok && Object.keys(read.errors).sort()).toEqual(
      [
        BLOCK_IDS.pushApprovalsInput,
        BLOCK_IDS.pushCanaryInput,
        BLOCK_IDS.pushLinesInput,
        BLOCK_IDS.pushStopAfterInput,
      ].sort(),
    );
    expect(readPushForm('nonsense').ok).toBe(false);
  });

  it('reads the modal context only when it is netrun’s', () => {
    expect(readModalContext('{"target":"core","channel":"C1"}')).toEqual({ target: 'core', channel: 'C1' });
    expect(readModalContext('{"target":""}')).toBeUndefined();
    expect(readModalContext('not json')).toBeUndefined();
    expect(readModalContext(undefined)).toBeUndefined();
  });
});
