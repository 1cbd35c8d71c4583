import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { CHECK_HELP } from '../../../src/cli/check-command.js';
import { main } from '../../../src/cli/main.js';
import { BUILTIN_PLATFORMS_DIR } from '../../../src/devices/platforms/index.js';
import { captureIo } from '../../helpers/capture-io.js';

const dir = mkdtempSync(join(tmpdir(), 'netrun-check-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function write(name: string, text: string): string {
  const path = join(dir, name);
  mkdirSync(join(path, '..'), { recursive: true });
  writeFileSync(path, text);
  return path;
}

async function check(argv: string[], env: Record<string, string> = {}) {
  const captured = captureIo({ HOME: dir, ...env });
  const code = await main(['check', ...argv], captured.io);
  const out = captured.stdout();
  const lines = out.split('\n').filter((line) => /^(error|warning) /.test(line));
  return { code, out, stderr: captured.stderr(), lines };
}

const GOOD_INVENTORY = `
defaults:
  username: netrun
  password: \${env:NETRUN_PASSWORD}
groups:
  core-routers: { platform: cisco_xr }
  edge-switches: { platform: arista_eos }
hosts:
  r1: { address: 192.0.2.1, groups: [core-routers] }
  sw1: { address: 192.0.2.11, groups: [edge-switches] }
  sw2: { address: 192.0.2.12, groups: [edge-switches] }
`;

const GOOD_POLICY = `
roles:
  noc:
    users: [U0ALICE001]
    run: { targets: [core-routers, edge-*] }
    push: { targets: [edge-switches] }
  leads:
    users: [U0DAVE0001]
    approve: { targets: ['*'] }
`;

describe('netrun check', () => {
  it('passes a good configuration: exit 0 and a summary of what it read', async () => {
    const inventory = write('good/inventory.yaml', GOOD_INVENTORY);
    const policy = write('good/policy.yaml', GOOD_POLICY);
    const result = await check(['--inventory', inventory, '--policy', policy], { NETRUN_PASSWORD: 'x' });
    expect(result.lines).toEqual([]);
    expect(result.code).toBe(0);
    expect(result.out).toContain('netrun check: OK (0 errors, 0 warnings)');
    expect(result.out).toContain(`inventory ${inventory}: 3 hosts, 2 groups`);
    expect(result.out).toContain(`policy ${policy}: 2 roles`);
    expect(result.out).toMatch(/platforms: \d+ built-in/);
    expect(result.out).toMatch(/redaction: \d+ rules \(built-in\)/);
  });

  it('reports every problem of every file at once, each with its file and path', async () => {
    const inventory = write(
      'bad/inventory.yaml',
      'defaults:\n  transport: ssh2\nhosts:\n  r1: { address: 192.0.2.1, port: 70000 }\n  r2: { adress: 192.0.2.2 }\n',
    );
    const policy = write(
      'bad/policy.yaml',
      'roles:\n  noc:\n    users: [alice]\n    run: { comands: [show *] }\nchannels: [general]\n',
    );
    const platforms = join(dir, 'bad/platforms');
    write('bad/platforms/broken.yaml', 'name: broken\nmodes: [\n');
    write('bad/platforms/renamed.yaml', readFileSync(join(BUILTIN_PLATFORMS_DIR, 'linux.yaml'), 'utf8'));
    write('bad/platforms/typo.yaml', 'name: typo\ndescriptoin: x\n');
    const redaction = write(
      'bad/redaction.yaml',
      "rules:\n  - id: vendor\n    pattern: 'key ([a-z'\n    replace: 1\ndisable: [snmp-comunity]\n",
    );
    const result = await check(['-i', inventory, '-p', policy, '--platforms', platforms], {
      NETRUN_REDACTION: redaction,
      NETRUN_LOG_LEVEL: 'loud',
    });
    expect(result.code).toBe(1);
    const text = result.lines.join('\n');
    // The environment, then each file: none stops the others.
    expect(text).toContain('environment: NETRUN_LOG_LEVEL must be one of');
    expect(text).toContain(`${platforms}/broken.yaml:`);
    expect(text).toContain(`${platforms}/renamed.yaml: name: "linux" must match the file name ("renamed")`);
    expect(text).toContain(`${platforms}/typo.yaml:`);
    expect(text).toContain(`${inventory}:2: defaults.transport: expected "ssh" or "telnet"`);
    expect(text).toContain(`${inventory}:4: hosts.r1.port: expected a whole number from 1 to 65535`);
    expect(text).toMatch(new RegExp(`${inventory}:5: hosts\\.r2\\.adress: unknown key`));
    expect(text).toContain(`${policy}:3: roles.noc.users[0]: expected a Slack user ID`);
    expect(text).toContain(`${policy}:4: roles.noc.run: unknown key "comands"`);
    expect(text).toContain(`${policy}:5: channels[0]: expected a Slack channel ID`);
    expect(text).toContain(`${redaction}: rule "vendor": pattern is not a valid regular expression`);
    expect(text).toContain(`${redaction}: disable: no built-in rule is called "snmp-comunity"`);
    for (const line of result.lines) expect(line).toMatch(/^error {3}\S/);
    expect(result.out).toContain(
      `netrun check: ${result.lines.length} errors, 0 warnings: fix the errors above`,
    );
  });

  it('cross-checks the files: unknown platforms are errors; dead policy patterns and unapprovable pushes are warnings', async () => {
    const inventory = write(
      'cross/inventory.yaml',
      `${GOOD_INVENTORY}  old1: { address: 192.0.2.21, platform: cisco_ioss }\n  old2: { address: 192.0.2.22, platform: cisco_ioss }\n`,
    );
    const policy = write(
      'cross/policy.yaml',
      `roles:\n  noc:\n    users: [U0ALICE001]\n    run: { targets: [core-routers, egde-*] }\n    push: { targets: ['*'] }\n  leads:\n    users: [U0DAVE0001]\n    approve: { targets: [edge-switches] }\n`,
    );
    const result = await check(['-i', inventory, '-p', policy], { NETRUN_PASSWORD: 'x' });
    expect(result.code).toBe(1);
    expect(result.lines).toEqual([
      expect.stringMatching(
        /^error {3}.*platform "cisco_ioss" of hosts old1, old2 is not a known platform; known: .*cisco_ios/,
      ),
      `warning ${policy}: roles.noc.run.targets[1]: "egde-*" matches no group or host in ${inventory}: check the spelling (patterns use * and ?)`,
      expect.stringMatching(
        new RegExp(
          `^warning ${policy}: roles\\.noc\\.push\\.targets: no role may approve pushes to r1, old1, old2 .*could never run$`,
        ),
      ),
    ]);

    const fixed = write('cross/fixed.yaml', GOOD_INVENTORY);
    const warningsOnly = await check(['-i', fixed, '-p', policy], { NETRUN_PASSWORD: 'x' });
    expect(warningsOnly.code).toBe(0);
    expect(warningsOnly.lines).toHaveLength(2);
    expect(warningsOnly.out).toContain('netrun check: OK (0 errors, 2 warnings)');
  });

  it('names unset secrets, and --no-secrets checks the rest without them (CI)', async () => {
    const inventory = write('secrets/inventory.yaml', GOOD_INVENTORY);
    const policy = write('secrets/policy.yaml', GOOD_POLICY);
    const strict = await check(['-i', inventory, '-p', policy]);
    expect(strict.code).toBe(1);
    expect(strict.lines).toEqual([
      expect.stringContaining(`${inventory}:4: defaults.password: \${env:NETRUN_PASSWORD}`),
    ]);
    const relaxed = await check(['-i', inventory, '-p', policy, '--no-secrets']);
    expect(relaxed.code).toBe(0);
    expect(relaxed.out).not.toContain('netrun-check-placeholder');
  });

  it('says when a file cannot be read, and what to do', async () => {
    const result = await check(['-i', join(dir, 'missing.yaml'), '-p', join(dir, 'missing-policy.yaml')]);
    expect(result.code).toBe(1);
    expect(result.lines).toHaveLength(2);
    expect(result.lines[0]).toMatch(
      /cannot read the inventory file .*missing\.yaml \(ENOENT\) — check the path \(NETRUN_INVENTORY or --inventory\)/,
    );
    expect(result.lines[1]).toMatch(
      /cannot read the policy file .*missing-policy\.yaml \(ENOENT\) — check NETRUN_POLICY/,
    );
  });

  it('has a help text, and refuses stray arguments as a usage error', async () => {
    const help = await check(['--help']);
    expect(help.code).toBe(0);
    expect(help.out).toBe(`${CHECK_HELP}\n`);
    const usage = await check(['inventory.yaml']);
    expect(usage.code).toBe(2);
    expect(usage.stderr).toContain('netrun check takes no arguments');
  });
});
