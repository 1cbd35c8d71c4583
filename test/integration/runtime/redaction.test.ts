import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { isNetrunError } from '../../../src/errors.js';
import { createLabRuntime, withLab } from '../../helpers/with-lab.js';

const devices = [
  { name: 'ios-1', platform: 'cisco_ios' },
  { name: 'nxos-1', platform: 'cisco_nxos' },
  { name: 'eos-1', platform: 'arista_eos' },
];

async function runningConfigs(env: Record<string, string> = {}) {
  return withLab({ devices }, async (fixture) => {
    const runtime = await createLabRuntime(fixture, { env });
    const job = runtime.runner.start({
      hosts: runtime.inventory.hosts,
      task: runtime.taskFor({ kind: 'run', commands: ['show running-config'] }),
    });
    await job.done;
    return Object.fromEntries(job.results().map((r) => [r.host, r.outputs[0]?.output ?? '']));
  });
}

describe('device output leaves the runtime redacted', () => {
  it('masks the secrets of every platform in show running-config, keeping the lines', async () => {
    const outputs = await runningConfigs();
    expect(outputs['ios-1']).toMatch(/^enable secret 9 <redacted>$/m);
    expect(outputs['ios-1']).not.toContain('Lab.Only.Hash');
    expect(outputs['nxos-1']).toMatch(/username admin password 5 <redacted>/);
    expect(outputs['eos-1']).toMatch(/secret sha512 <redacted>/);
    for (const output of Object.values(outputs)) expect(output).not.toMatch(/NotARealHash|\$9\$6p/);
    expect(outputs['ios-1']).toMatch(/^hostname ios-1$/m);
  });

  it("applies the team's own rules from NETRUN_REDACTION", async () => {
    const outputs = await withLab({ devices: [devices[0]!] }, async (fixture) => {
      const rules = join(fixture.dir, 'redaction.yaml');
      await writeFile(rules, 'rules:\n  - id: hostname\n    pattern: "^hostname (\\\\S+)"\n    replace: 1\n');
      const runtime = await createLabRuntime(fixture, { env: { NETRUN_REDACTION: rules } });
      const job = runtime.runner.start({
        hosts: runtime.inventory.hosts,
        task: runtime.taskFor({ kind: 'run', commands: ['show running-config'] }),
      });
      await job.done;
      return job.results()[0]?.outputs[0]?.output ?? '';
    });
    expect(outputs).toMatch(/^hostname <redacted>$/m);
  });

  it('refuses an unreadable rules file with a message naming it', async () => {
    await withLab({ devices: [devices[0]!] }, async (fixture) => {
      const error = await createLabRuntime(fixture, {
        env: { NETRUN_REDACTION: '/nonexistent/rules.yaml' },
      }).catch((e: unknown) => e);
      expect(isNetrunError(error, 'FILE_UNREADABLE')).toBe(true);
      expect((error as Error).message).toContain('/nonexistent/rules.yaml');
    });
  });
});
