import { describe, expect, it } from 'vitest';
import {
  type DevicePlan,
  DIFF_MAX_CHARS,
  dryRunDeviceText,
  dryRunJson,
  dryRunText,
  planConfigChange,
  readDryRunRecord,
  summarisePlans,
  toDryRunRecord,
} from '../../../src/push/index.js';
import { redactText } from '../../../src/redaction/index.js';

const RUNNING = 'hostname r1\nntp server 192.0.2.1\nusername admin secret 9 $9$abc\nend\n';

function plan(host: string, lines: string[], running = RUNNING): DevicePlan {
  return {
    host,
    plan: planConfigChange(running.replace('r1', host), lines, { style: 'indented', label: host }),
  };
}

function dryRunOf(perDevice: DevicePlan[]) {
  return { perDevice, summary: summarisePlans(perDevice) };
}

const failed: DevicePlan = {
  host: 'r4',
  error: { code: 'AUTH_FAILED', message: 'r4: authentication failed', hint: 'check the password' },
};

describe('the stored dry run', () => {
  it('keeps the headline, the groups with masked new lines, one diff per distinct change, and reads back', () => {
    const lines = ['ntp server 10.0.0.1', 'username ops secret 0 hunter2'];
    const dryRun = dryRunOf([
      plan('r1', lines),
      plan('r2', lines),
      plan('r3', ['ntp server 192.0.2.1']),
      failed,
    ]);
    const record = toDryRunRecord(dryRun, redactText);
    expect(record.headline).toBe('2 devices would change, 1 already compliant, 1 could not be checked');
    expect(record.changing).toEqual(['r1', 'r2']);
    expect(record.failed).toEqual([
      { host: 'r4', code: 'AUTH_FAILED', message: 'r4: authentication failed' },
    ]);
    expect(record.groups[0]?.hosts).toEqual(['r1', 'r2']);
    expect(record.groups[0]?.newLines[0]).toBe('ntp server 10.0.0.1');
    expect(JSON.stringify(record)).not.toContain('hunter2');
    expect(record.diffs.map((d) => d.hosts)).toEqual([['r1', 'r2']]);
    expect(record.diffs[0]?.diff).toContain('+ntp server 10.0.0.1');
    expect(readDryRunRecord(JSON.parse(JSON.stringify(record)))).toEqual(record);
    expect(readDryRunRecord({ headline: 1 })).toBeUndefined();
    expect(readDryRunRecord(undefined)).toBeUndefined();
  });

  it('cuts a huge diff and says so', () => {
    const lines = Array.from(
      { length: 2_000 },
      (_, i) => `ntp server 10.0.${Math.floor(i / 250)}.${i % 250}`,
    );
    const record = toDryRunRecord(dryRunOf([plan('r1', lines)]), redactText);
    expect(record.diffsTruncated).toBe(true);
    expect(record.diffs[0]!.diff.length).toBeLessThan(DIFF_MAX_CHARS + 100);
    expect(record.diffs[0]!.diff).toContain('[… diff cut at');
  });
});

describe('the dry run as text', () => {
  it('prints each device with its verdict and diff, then the headline', () => {
    const dryRun = dryRunOf([
      plan('r1', ['ntp server 10.0.0.1']),
      plan('r3', ['ntp server 192.0.2.1']),
      failed,
    ]);
    const text = dryRunText(dryRun);
    expect(text).toContain('== r1 · would change: 1 new line ==\n--- r1\trunning\n+++ r1\tafter push');
    expect(text).toContain('== r3 · already compliant (1 line present) ==');
    expect(text).toContain('== r4 · could not be checked · AUTH_FAILED: r4: authentication failed ==');
    expect(
      text.trimEnd().endsWith('Dry run: 1 device would change, 1 already compliant, 1 could not be checked'),
    ).toBe(true);
    expect(dryRunDeviceText(plan('r2', ['ntp server 10.0.0.1', 'ntp server 192.0.2.1']))).toMatch(
      /would change: 1 new line, 1 already there/,
    );
    expect(dryRunJson(failed, redactText)).toMatchObject({
      type: 'dry-run',
      host: 'r4',
      status: 'unchecked',
    });
    expect(dryRunJson(plan('r1', ['username x secret 0 pw1']), redactText)).toMatchObject({
      status: 'change',
    });
    expect(JSON.stringify(dryRunJson(plan('r1', ['username x secret 0 pw1']), redactText))).not.toContain(
      'pw1',
    );
  });
});
