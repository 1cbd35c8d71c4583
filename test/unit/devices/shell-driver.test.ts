import { beforeAll, describe, expect, it } from 'vitest';
import { TerminalChannel } from '../../../src/devices/channel/channel.js';
import { enterMode } from '../../../src/devices/modes.js';
import { loadPlatformRegistry, type PlatformRegistry } from '../../../src/devices/platforms/registry.js';
import { ShellDriver } from '../../../src/devices/shell-driver.js';
import { isNetrunError } from '../../../src/errors.js';
import { type Exchange, ScriptedDevice } from './scripted-device.js';

let registry: PlatformRegistry;
beforeAll(async () => {
  registry = await loadPlatformRegistry();
});

function driverFor(platform: string, exchanges: Exchange[], secrets = {}, newline = '\n') {
  const device = new ScriptedDevice(exchanges);
  const driver = new ShellDriver(new TerminalChannel(device), registry.get(platform), secrets, 'r1', newline);
  return { device, driver };
}

async function rejection(promise: Promise<unknown>): Promise<Error & { code?: string }> {
  try {
    await promise;
  } catch (error) {
    return error as Error & { code?: string };
  }
  throw new Error('expected a rejection');
}

describe('ShellDriver.start', () => {
  it('learns mode and hostname from the first prompt after a banner', async () => {
    const { driver } = driverFor('cisco_ios', [
      { send: ['\r\n*** authorised use only ***\r\n\r\n', 'core-rtr-01>'] },
    ]);
    await driver.start({ timeoutMs: 1000 });
    expect([driver.mode, driver.base]).toEqual(['exec', 'core-rtr-01']);
  });

  it('no prompt is PROMPT_NOT_FOUND quoting the last 200 characters seen', async () => {
    const noise = `${'x'.repeat(300)}\r\nPress any key to continue`;
    const { driver } = driverFor('cisco_ios', [{ send: [noise] }]);
    const error = await rejection(driver.start({ timeoutMs: 150 }));
    expect(error.code).toBe('PROMPT_NOT_FOUND');
    expect(error.message).toContain('Press any key to continue');
    expect(error.message).toContain('x'.repeat(150));
    expect(error.message).not.toContain('x'.repeat(201));
  });

  it('nudges a device that waits for a return, then drains the extra prompt', async () => {
    const { driver, device } = driverFor('cisco_ios', [
      { send: ['Press RETURN to get started.'] },
      { when: '\n', send: ['\r\nr1>', '\r\nr1>'] },
    ]);
    await driver.start({ timeoutMs: 400 });
    expect(driver.mode).toBe('exec');
    expect(device.typed).toBe('\n');
    expect(driver.channel.discard()).toBe('');
  });

  it('answers telnet login prompts from the platform file', async () => {
    const login = registry.get('cisco_ios').telnet;
    const { driver, device } = driverFor(
      'cisco_ios',
      [
        { send: ['\r\nUser Access Verification\r\n\r\nUsername: '] },
        { when: 'netrun\r\n', send: ['netrun\r\nPassword: '] },
        { when: 'pw\r\n', send: ['\r\nr1>'] },
      ],
      { username: 'netrun', password: 'pw' },
      '\r\n',
    );
    await driver.start({ timeoutMs: 1000, login });
    expect(driver.mode).toBe('exec');
    expect(device.typed).toBe('netrun\r\npw\r\n');
  });

  it('a login asked again is AUTH_FAILED; silence after the password is AUTH_TIMEOUT', async () => {
    const login = registry.get('cisco_ios').telnet;
    const again = driverFor(
      'cisco_ios',
      [
        { send: ['Username: '] },
        { when: 'u\n', send: ['u\r\nPassword: '] },
        { when: 'bad\n', send: ['\r\n% Authentication failed\r\n\r\nUsername: '] },
      ],
      { username: 'u', password: 'bad' },
    );
    expect((await rejection(again.driver.start({ timeoutMs: 1000, login }))).code).toBe('AUTH_FAILED');
    const silent = driverFor(
      'cisco_ios',
      [{ send: ['Username: '] }, { when: 'u\n', send: ['u\r\nPassword: '] }],
      {
        username: 'u',
        password: 'p',
      },
    );
    const error = await rejection(silent.driver.start({ timeoutMs: 200, login }));
    expect(error.code).toBe('AUTH_TIMEOUT');
    expect(error.message).toContain('wrong password');
  });
});

describe('modes and questions', () => {
  it('enable answers the password prompt with the enable secret', async () => {
    const { driver, device } = driverFor(
      'cisco_ios',
      [
        { send: ['r1>'] },
        { when: 'enable\n', send: ['enable\r\nPassword: '] },
        { when: 's3\n', send: ['\r\nr1#'] },
      ],
      { enableSecret: 's3' },
    );
    await driver.start({ timeoutMs: 500 });
    await enterMode(driver, 'privileged', { timeoutMs: 500 });
    expect(driver.mode).toBe('privileged');
    expect(device.typed).toBe('enable\ns3\n');
  });

  it('a wrong secret (the device asks again) is ENABLE_FAILED', async () => {
    const { driver } = driverFor(
      'cisco_ios',
      [
        { send: ['r1>'] },
        { when: 'enable\n', send: ['enable\r\nPassword: '] },
        { when: 'nope\n', send: ['\r\nPassword: '] },
      ],
      { enableSecret: 'nope' },
    );
    await driver.start({ timeoutMs: 500 });
    const error = await rejection(enterMode(driver, 'privileged', { timeoutMs: 500 }));
    expect(isNetrunError(error, 'ENABLE_FAILED')).toBe(true);
    expect(error.message).toContain('`enable` did not reach privileged mode');
  });

  it('a save step answers its confirmation and is judged by the failure patterns', async () => {
    const save = registry.get('cisco_ios').config!.save[0]!;
    const { driver, device } = driverFor('cisco_ios', [
      { send: ['r1#'] },
      {
        when: 'copy running-config startup-config\n',
        send: ['copy running-config startup-config\r\nDestination filename [startup-config]? '],
      },
      { when: '\n', send: ['\r\nBuilding configuration...\r\n[OK]\r\nr1#'] },
    ]);
    await driver.start({ timeoutMs: 500 });
    const result = await driver.runStep(save, { timeoutMs: 500 });
    expect(result.failure).toBeUndefined();
    expect(result.output).toContain('[OK]');
    expect(device.typed).toBe('copy running-config startup-config\n\n');
  });

  it('a save that errors, or ends without its success marker, is a failure with the device words', async () => {
    const save = registry.get('cisco_ios').config!.save[0]!;
    const copy = 'copy running-config startup-config';
    const scripted = (reply: string) =>
      driverFor('cisco_ios', [
        { send: ['r1#'] },
        { when: `${copy}\n`, send: [`${copy}\r\nDestination filename [startup-config]? `] },
        { when: '\n', send: [`\r\n${reply}\r\nr1#`] },
      ]).driver;
    const erroring = scripted('%Error opening nvram:startup-config (Permission denied)');
    await erroring.start({ timeoutMs: 500 });
    expect((await erroring.runStep(save, { timeoutMs: 500 })).failure).toBe(
      '%Error opening nvram:startup-config (Permission denied)',
    );
    const silent = scripted('Building configuration...');
    await silent.start({ timeoutMs: 500 });
    expect((await silent.runStep(save, { timeoutMs: 500 })).failure).toBe(
      'no /\\[OK\\]/ in the output; the device said: Building configuration...',
    );
  });
});
