import { existsSync } from 'node:fs';
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { main } from '../../../src/cli/main.js';
import type { PromptInput } from '../../../src/cli/push-command.js';
import { cliActor } from '../../../src/cli/run-audit.js';
import { openStore } from '../../../src/store/index.js';
import { captureIo } from '../../helpers/capture-io.js';
import { type LabFixture, startLabFixture } from '../../helpers/with-lab.js';
import { ios, typed } from './helpers.js';

let fixture: LabFixture;
const NAMES = ['ios-001', 'ios-002', 'ios-003'];

beforeAll(async () => {
  fixture = await startLabFixture({ devices: ios(3) });
});

afterAll(async () => {
  await fixture?.stop();
});

async function configFile(name: string, text: string): Promise<string> {
  const path = join(fixture.dir, name);
  await writeFile(path, text);
  return path;
}

function stdin(answer: string, isTTY: boolean): PromptInput {
  return Object.assign(Readable.from([answer]), { isTTY });
}

/** `netrun push …` in-process; stdin is a pipe (no terminal) unless given. */
async function push(argv: string[], options: { db?: string; stdin?: PromptInput } = {}) {
  const captured = captureIo({
    ...fixture.env,
    NETRUN_DB: options.db ?? join(fixture.dir, 'absent.db'),
    USER: 'tester',
  });
  const io = { ...captured.io, stdin: options.stdin ?? stdin('', false) };
  const code = await main(['push', ...argv], io);
  return { code, stdout: captured.stdout(), stderr: captured.stderr() };
}

describe('netrun push (terminal)', () => {
  it('prints the dry run, then refuses without --yes when stdin is not a terminal', async () => {
    const line = 'ntp server 10.9.6.1';
    const file = await configFile('refused.txt', `! NTP\n${line}\n`);
    const result = await push(['cisco_ios', '--config-file', file]);
    expect(result.code).toBe(2);
    for (const name of NAMES) {
      expect(result.stdout).toContain(`== ${name} · would change: 1 new line ==`);
      expect(result.stdout).toContain(`+++ ${name}\tafter push`);
      expect(typed(fixture.lab, name, line)).toBe(0);
    }
    expect(result.stdout).toContain('+ntp server 10.9.6.1');
    expect(result.stdout).toContain('Dry run: 3 devices would change, 0 already compliant');
    expect(result.stderr).toContain('stdin is not a terminal, so netrun cannot ask for confirmation');
    expect(result.stderr).toContain('--yes');
    // A terminal push never creates the bot's database.
    expect(existsSync(join(fixture.dir, 'absent.db'))).toBe(false);
  });

  it('--yes pushes to every device, prints each result and the outcome, and audits as cli:<user>', async () => {
    const db = join(fixture.dir, 'netrun.db');
    openStore(db).close();
    const line = 'ntp server 10.9.6.2';
    const file = await configFile('yes.txt', `${line}\n`);
    const result = await push(['cisco_ios', '--config-file', file, '--yes'], { db });
    expect(result.stderr).toBe('');
    expect(result.code).toBe(0);
    for (const name of NAMES) {
      expect(fixture.lab.device(name).runningConfig()).toContain(line);
      expect(fixture.lab.device(name).savedConfig()).toContain(line);
      expect(typed(fixture.lab, name, line)).toBe(1);
    }
    expect(result.stdout).toContain('applied 1 line(s), saved');
    expect(result.stdout).toContain('push: pushed to 3 devices: all ok');

    const again = await push(['cisco_ios', '--config-file', file, '--yes', '--json'], { db });
    const records = again.stdout
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l) as { type: string; status?: string });
    expect(records.filter((r) => r.type === 'dry-run').map((r) => r.status)).toEqual([
      'compliant',
      'compliant',
      'compliant',
    ]);
    expect(records.map((r) => r.type).slice(-2)).toEqual(['summary', 'push-outcome']);

    const store = openStore(db, { mustExist: true });
    try {
      const trail = store.audit
        .query({ user: cliActor({ USER: 'tester' }) })
        .map((e) => `${e.action} ${e.outcome ?? ''}`.trim());
      expect(trail.filter((t) => t === 'request confirmed')).toHaveLength(2);
      expect(trail.filter((t) => t.startsWith('job-start'))).toHaveLength(2);
      expect(trail.filter((t) => t === 'device ok')).toHaveLength(6);
      expect(trail.filter((t) => t.startsWith('job-done'))).toHaveLength(2);
    } finally {
      store.close();
    }
  });

  it('asks on a terminal: no pushes nothing, yes pushes', async () => {
    const line = 'ntp server 10.9.6.3';
    const file = await configFile('ask.txt', `${line}\n`);
    const declined = await push(['ios-001', '--config-file', file], { stdin: stdin('n\n', true) });
    expect(declined.code).toBe(1);
    expect(declined.stderr).toContain('Push config push: 1 line to 1 device(s) of ios-001');
    expect(declined.stderr).toContain('Not pushed.');
    expect(typed(fixture.lab, 'ios-001', line)).toBe(0);
    const accepted = await push(['ios-001', '--config-file', file, '--no-save'], {
      stdin: stdin('yes\n', true),
    });
    expect(accepted.code).toBe(0);
    expect(typed(fixture.lab, 'ios-001', line)).toBe(1);
    expect(accepted.stdout).toContain('applied 1 line(s), not saved');
  });

  it('a failing canary stops the rollout: the other devices are not touched', async () => {
    const line = 'ntp server 10.9.6.4';
    const file = await configFile('canary.txt', `${line}\n`);
    const before = fixture.lab.device('ios-002').runningConfig();
    const logged = Object.fromEntries(
      ['ios-002', 'ios-003'].map((n) => [n, fixture.lab.device(n).commands().length]),
    );
    fixture.lab.device('ios-001').setFault('auth-reject');
    try {
      const result = await push(['cisco_ios', '--config-file', file, '--yes']);
      expect(result.code).toBe(1);
      expect(result.stdout).toContain('could not be checked · AUTH_FAILED');
      expect(result.stdout).toContain(
        'push: canary ios-001 (AUTH_FAILED) failed: rollout stopped; 2 devices not run',
      );
      for (const name of ['ios-002', 'ios-003']) {
        expect(typed(fixture.lab, name, line)).toBe(0);
        // Only the dry run's show command reached them: no config mode, no line.
        expect(fixture.lab.device(name).commands().slice(logged[name])).not.toContain('configure terminal');
      }
      expect(fixture.lab.device('ios-002').runningConfig()).toBe(before);
    } finally {
      fixture.lab.device('ios-001').setFault(undefined);
      await fixture.lab.device('ios-001').settled();
    }
  });

  it('refuses bad input before touching a device', async () => {
    expect((await push(['cisco_ios'])).stderr).toContain('netrun push needs --config-file FILE');
    const tab = await configFile('tab.txt', 'interface Loopback1\n\tdescription x\n');
    const result = await push(['cisco_ios', '--config-file', tab, '--yes']);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain(`Line 2 of the config file ${tab} contains a tab`);
    const missing = await push(['cisco_ios', '--config-file', join(fixture.dir, 'nope.txt')]);
    expect(missing.code).toBe(2);
    expect(missing.stderr).toContain('cannot read the config file');
  });
});
